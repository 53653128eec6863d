// The adverse-action notice as a file: its name, and what the save dialog offers.
import type { FileFilter } from "../ipc";

export type NoticeFormat = "pdf" | "text";

export const NOTICE_FILTER: Record<NoticeFormat, FileFilter> = {
  pdf: { name: "PDF document", extensions: ["pdf"] },
  text: { name: "Plain text (email body)", extensions: ["txt"] },
};

/** `adverse-action-notice-CRD-2026-00001-en.pdf`, as the backend names it. */
export function noticeFileName(caseId: string, language: string, format: NoticeFormat): string {
  return `adverse-action-notice-${caseId}-${language}.${format === "pdf" ? "pdf" : "txt"}`;
}
