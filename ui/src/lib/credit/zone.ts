// The zone instants of accounts and credit cases are shown in: the program's, like every date
// in the app (`shared/zone.svelte.ts`; this computer's until the settings are read).
import { settingsStore } from "../settings/settings.svelte";
import { programTimeZone } from "../shared/zone.svelte";

export function programZone(): string {
  return programTimeZone();
}

/** Reads the settings once, for their time zone. */
export function ensureZone(): void {
  settingsStore.ensure();
}
