// The native save dialog (official plugin `@tauri-apps/plugin-dialog`), behind the same error
// handling as the commands: a failure rejects with an IpcError.
import { open, save } from "@tauri-apps/plugin-dialog";
import { bridgeAvailable, noBackend } from "./commands";
import { toIpcError } from "./error";

export interface FileFilter {
  /** What people read in the dialog, e.g. "CSV (comma-separated values)". */
  name: string;
  /** Without the dot: `["csv"]`. */
  extensions: string[];
}

/**
 * Asks where to save a file, offering `defaultName`. Resolves to the chosen path, or null
 * when the officer cancels the dialog.
 */
export async function chooseSavePath(defaultName: string, filters: FileFilter[], title?: string): Promise<string | null> {
  if (!bridgeAvailable()) throw noBackend("plugin:dialog|save");
  try {
    const path = await save({ defaultPath: defaultName, filters, title });
    return typeof path === "string" && path !== "" ? path : null;
  } catch (reason) {
    throw toIpcError(reason, "plugin:dialog|save");
  }
}

/** Asks for one file to open. Resolves to its path, or null when the officer cancels. */
export async function chooseOpenPath(filters: FileFilter[], title?: string): Promise<string | null> {
  if (!bridgeAvailable()) throw noBackend("plugin:dialog|open");
  try {
    const path = await open({ multiple: false, directory: false, filters, title });
    return typeof path === "string" && path !== "" ? path : null;
  } catch (reason) {
    throw toIpcError(reason, "plugin:dialog|open");
  }
}
