export * from "./commands";
export { chooseSavePath, type FileFilter } from "./dialog";
export { IpcError, toIpcError } from "./error";
