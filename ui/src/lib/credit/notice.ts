// The adverse-action notice as a file: the formats it is saved in, and how the notice kept as
// sent reads. The notice's own text is the backend's, in the case's language; these are the
// interface's words about it.
import type { Language } from "../bindings/Language";
import type { NoticeSentView } from "../bindings/NoticeSentView";
import { t } from "../i18n";
import { formatInstant } from "../shared/datetime";
import { channelBy, LANGUAGE_LABEL, languageName, LANGUAGES } from "./labels";

export type NoticeFormat = "pdf" | "text";

/** "PDF", "text": a saved notice's format, for a sentence. */
export function formatName(format: NoticeFormat): string {
  return t(`credit.notice.format.${format}`);
}

/** "in Japanese (日本語)", "in English"; a notice recorded before notices kept their language has none. */
export function languagePhrase(language: string | null): string {
  if (!language) return t("credit.notice.language.none");
  if (!LANGUAGES.includes(language as Language)) return t("credit.notice.language.code", { code: language });
  const name = languageName(language as Language);
  const own = LANGUAGE_LABEL[language as Language];
  return own === name ? t("credit.notice.language.own", { name }) : t("credit.notice.language.both", { name, own });
}

/** "Notice sent 2026-11-21 10:00 EST by email, in Japanese (日本語)": what the backend kept, in the program's zone. */
export function noticeSentLine(sent: NoticeSentView, zone: string): string {
  return t("credit.notice.sentLine", { at: formatInstant(sent.at, zone), by: channelBy(sent.channel), language: languagePhrase(sent.language) });
}

/** The start of a SHA-256, enough to compare by eye; the full hash goes in a title. */
export function shortSha(sha256: string): string {
  return `${sha256.slice(0, 16)}…`;
}
