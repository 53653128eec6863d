// The zone instants of accounts and credit cases are shown in: the program's, like every date
// in the app, or this computer's until the settings are read.
import { settingsStore } from "../settings/settings.svelte";
import { localZone } from "../shared/datetime";

export function programZone(): string {
  return settingsStore.settings?.timezone ?? localZone();
}

/** Reads the settings once, for their time zone. */
export function ensureZone(): void {
  if (!settingsStore.settings && !settingsStore.loading) void settingsStore.load();
}
