export * from "./commands";
export { IpcError, toIpcError } from "./error";
