// The events the app shell sends the window (Tauri's `emit`), one typed subscription per event.
// Like the commands, only this folder talks to @tauri-apps/api.
import { listen } from "@tauri-apps/api/event";
import type { TeamChange } from "../bindings/TeamChange";
import type { TeamLink } from "../bindings/TeamLink";
import { bridgeAvailable } from "./commands";

/** Ends a subscription. */
export type Unsubscribe = () => void;

/**
 * Subscribes to one event. Resolves to the way to end the subscription; outside the desktop app,
 * or when the bridge refuses to listen, nothing is heard and ending it does nothing.
 */
async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unsubscribe> {
  if (!bridgeAvailable()) return () => {};
  // Nothing is handed on once ended, even an event already on its way.
  let active = true;
  try {
    const unlisten = await listen<T>(event, (e) => {
      if (active) handler(e.payload);
    });
    return () => {
      active = false;
      try {
        void Promise.resolve(unlisten()).catch(() => {});
      } catch {
        // The bridge is gone (the window is closing): nothing is heard any more anyway.
      }
    };
  } catch {
    return () => {
      active = false;
    };
  }
}

/**
 * `team-change`: a change committed on the team database, by any desk (this one included): who
 * made it, its last event, how many entries it made and the records it touched (at most 20).
 */
export function onTeamChange(handler: (change: TeamChange) => void): Promise<Unsubscribe> {
  return subscribe("team-change", handler);
}

/** `team-connection`: the change watcher lost the team server (and keeps trying), or has it again. */
export function onTeamConnection(handler: (link: TeamLink) => void): Promise<Unsubscribe> {
  return subscribe("team-connection", handler);
}
