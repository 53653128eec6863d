// The program's time zone: the IANA zone deadlines are computed in (Settings → Program time zone).
// Every instant the app shows is written in it, and a date and time typed in a form is read in
// it. The settings store tells it the zone as soon as it reads the settings (the shell reads them
// at start); until then it is this computer's zone.

/** The zone this computer's clock is set to (IANA name), or UTC when the engine does not say. */
export function computerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

const known = new Map<string, boolean>();

/** True when Intl knows the zone name. */
export function isKnownTimeZone(zone: string): boolean {
  let ok = known.get(zone);
  if (ok === undefined) {
    try {
      ok = zone.trim() !== "" && new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone !== undefined;
    } catch {
      ok = false;
    }
    known.set(zone, ok);
  }
  return ok;
}

class ProgramZone {
  /** The zone from the program's settings; null until they have been read. */
  configured = $state<string | null>(null);
}

const state = new ProgramZone();

/** The program's time zone (IANA name). Reactive: markup that reads it follows a change of zone. */
export function programTimeZone(): string {
  return state.configured ?? computerTimeZone();
}

/** True once the program's zone is known from its settings (before that, this computer's zone stands in). */
export function programZoneKnown(): boolean {
  return state.configured !== null;
}

/** Sets the program's zone (from the settings); null or an unknown name forgets it. */
export function setProgramTimeZone(zone: string | null | undefined): void {
  const z = zone?.trim() ?? "";
  state.configured = z !== "" && isKnownTimeZone(z) ? z : null;
}
