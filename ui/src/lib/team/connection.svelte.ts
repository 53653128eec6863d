// Settings, Team database: where the app works (the local file, or a team database and who is
// signed in), signing in to a team database and going back to the local file. Either switch
// changes the database under every view, so the app is reloaded afterwards, as after a restore.
import type { ConnectTeamInput } from "../bindings/ConnectTeamInput";
import type { PasswordKept } from "../bindings/PasswordKept";
import type { TeamConnectionView } from "../bindings/TeamConnectionView";
import { t } from "../i18n";
import { connectTeam, disconnectTeam, IpcError, teamConnection, toIpcError } from "../ipc";

/** The PostgreSQL port a team database is usually on. */
export const DEFAULT_PORT = 5432;

/** The sign-in form's fields as the backend names them in its refusals, in display order. */
export const TEAM_FIELDS: ReadonlyArray<string> = ["host", "port", "database", "user", "password"];

/** What the app just switched to, said once after the reload that follows the switch. */
export type TeamSwitch = "connected" | "disconnected";

/** A switch as carried across the reload: where the app works now, and where the password is kept. */
export interface Switched {
  to: TeamSwitch;
  /** Where the new sign-in's password is kept (a connect only). */
  kept: PasswordKept | null;
}

/** Session storage key carrying a switch across the reload that follows it. */
export const SWITCHED_KEY = "cdesk.team-switched";

function session(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The port typed, or null when it is not a whole number from 1 to 65535. */
export function parsePort(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65_535 ? n : null;
}

/**
 * The switch the app was reloaded after, if any, taken once (the shell says it at start,
 * whichever view the reload shows).
 */
export function takeSwitched(): Switched | null {
  const storage = session();
  const text = storage?.getItem(SWITCHED_KEY);
  if (!storage || text == null) return null;
  storage.removeItem(SWITCHED_KEY);
  try {
    const value = JSON.parse(text) as Partial<Switched>;
    if (value.to !== "connected" && value.to !== "disconnected") return null;
    const kept = value.kept === "keychain" || value.kept === "session" ? value.kept : null;
    return { to: value.to, kept };
  } catch {
    return null;
  }
}

/** What to say after a switch: where the app works now and, after a sign-in, where the password is kept. */
export function switchedText(s: Switched): string {
  if (s.to === "disconnected") return t("team.switched.disconnected");
  const done = t("team.switched.connected");
  return s.kept ? t("team.switched.andKept", { done, kept: t(`team.kept.${s.kept}`) }) : done;
}

export class TeamConnectionStore {
  view = $state<TeamConnectionView | null>(null);
  loading = $state(false);
  /** Why the connection could not be read. */
  error = $state<IpcError | null>(null);
  /** The switch being made, if any (the app reloads once it is made). */
  busy = $state<TeamSwitch | null>(null);
  /** Why the local file could not be taken instead (the sign-in form shows its own refusals). */
  disconnectError = $state<IpcError | null>(null);

  readonly #reload: () => void;

  /** `reload` reads every store again after a switch: the page is reloaded. */
  constructor(reload: () => void = () => location.reload()) {
    this.#reload = reload;
  }

  /** Reads where the app works. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      this.view = await teamConnection();
      this.error = null;
    } catch (e) {
      this.error = toIpcError(e);
    } finally {
      this.loading = false;
    }
  }

  /**
   * Signs in to the team database; once signed in, the app is reloaded so that every view reads
   * the team database. Throws an IpcError when refused (naming `host`, `port`, `database`,
   * `user` or `password`, or saying what failed); the app then works where it did.
   */
  async connect(input: ConnectTeamInput): Promise<TeamConnectionView> {
    if (this.busy) throw new IpcError({ code: "internal", message: "a switch is under way", field: null, rule: null });
    this.busy = "connected";
    let out: TeamConnectionView;
    try {
      out = await connectTeam(input);
    } catch (e) {
      this.busy = null;
      throw toIpcError(e);
    }
    this.view = out;
    this.#switchedTo({ to: "connected", kept: out.password_kept });
    return out;
  }

  /** Back to the local single-user file, forgetting the saved address and password; then the app reloads. */
  async disconnect(): Promise<TeamConnectionView | null> {
    if (this.busy) return null;
    this.busy = "disconnected";
    this.disconnectError = null;
    let out: TeamConnectionView;
    try {
      out = await disconnectTeam();
    } catch (e) {
      this.disconnectError = toIpcError(e);
      this.busy = null;
      return null;
    }
    this.view = out;
    this.#switchedTo({ to: "disconnected", kept: null });
    return out;
  }

  #switchedTo(switched: Switched): void {
    try {
      session()?.setItem(SWITCHED_KEY, JSON.stringify(switched));
    } catch {
      // Only the line saying so after the reload is lost.
    }
    this.#reload();
  }
}

export const teamConnectionStore = new TeamConnectionStore();
