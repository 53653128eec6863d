export * from "./commands";
export { chooseOpenPath, chooseSavePath, type FileFilter } from "./dialog";
export { IpcError, toIpcError } from "./error";
