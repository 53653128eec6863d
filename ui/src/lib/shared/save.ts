// Where exported files go: the configured export folder when there is one (managed desktops,
// end-to-end tests), otherwise wherever the officer picks in the save dialog.
import { chooseSavePath, type FileFilter } from "../ipc";

/** `dir` + `name` with the folder's own separator (a backslash for a Windows path). */
export function joinPath(dir: string, name: string): string {
  const windows = /^[A-Za-z]:\\/.test(dir) || (dir.includes("\\") && !dir.includes("/"));
  const sep = windows ? "\\" : "/";
  const trimmed = dir.replace(/[\\/]+$/, "");
  // The root itself ("/" or "C:\") keeps its separator.
  return `${trimmed === "" && !windows ? "" : trimmed}${sep}${name}`;
}

export interface SaveFileRequest {
  /** The name offered, e.g. `complaints-2026-10.csv`. */
  fileName: string;
  /** What the save dialog offers. */
  filter: FileFilter;
  /** `AppInfo.export_dir`: save there without asking when set. */
  exportDir: string | null;
  /** Writes the file at the path (a command such as `export_report`). */
  write: (path: string) => Promise<unknown>;
  /** The dialog's title. */
  title?: string;
}

/**
 * Saves a file. With an export folder the file goes straight to `<export_dir>/<fileName>`;
 * otherwise the save dialog asks where. Resolves to the path written, or null when the officer
 * cancelled the dialog (nothing is written then). Rejects with an IpcError when the dialog or
 * the write fails.
 */
export async function saveFile(req: SaveFileRequest): Promise<string | null> {
  const dir = req.exportDir?.trim() ?? "";
  const path = dir !== "" ? joinPath(dir, req.fileName) : await chooseSavePath(req.fileName, [req.filter], req.title);
  if (path === null) return null;
  await req.write(path);
  return path;
}
