export * from "./commands";
export { IpcError, toIpcError } from "./error";
export { onTeamChange, onTeamConnection, type Unsubscribe } from "./events";
