// The adverse-action notice as a file: the formats it is saved in.

export type NoticeFormat = "pdf" | "text";
