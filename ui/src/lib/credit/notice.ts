// The adverse-action notice as a file: the formats it is saved in, and how the notice kept as
// sent reads.
import type { NoticeSentView } from "../bindings/NoticeSentView";
import { formatInstant } from "../shared/datetime";
import { CHANNEL_BY, LANGUAGE_LABEL, LANGUAGE_NAME } from "./labels";

export type NoticeFormat = "pdf" | "text";

/** "in Japanese (日本語)", "in English"; a notice recorded before notices kept their language has none. */
export function languagePhrase(language: string | null): string {
  if (!language) return "language not recorded";
  const name = LANGUAGE_NAME[language as keyof typeof LANGUAGE_NAME];
  if (!name) return `in ${language}`;
  const own = LANGUAGE_LABEL[language as keyof typeof LANGUAGE_LABEL];
  return own === name ? `in ${name}` : `in ${name} (${own})`;
}

/** "Notice sent 2026-11-21 10:00 EST by email, in Japanese (日本語)": what the backend kept, in the program's zone. */
export function noticeSentLine(sent: NoticeSentView, zone: string): string {
  const by = CHANNEL_BY[sent.channel as keyof typeof CHANNEL_BY] ?? `by ${sent.channel}`;
  return `Notice sent ${formatInstant(sent.at, zone)} ${by}, ${languagePhrase(sent.language)}`;
}

/** The start of a SHA-256, enough to compare by eye; the full hash goes in a title. */
export function shortSha(sha256: string): string {
  return `${sha256.slice(0, 16)}…`;
}
