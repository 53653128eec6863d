// Team database data for tests.
import type { AppInfo } from "../bindings/AppInfo";
import type { TeamChange } from "../bindings/TeamChange";
import type { TeamConnectionView } from "../bindings/TeamConnectionView";
import type { TeamSignIn } from "../bindings/TeamSignIn";

/** Ana, an approver, signed in to the team database on db:5432. */
export function teamSignIn(patch: Partial<TeamSignIn> = {}): TeamSignIn {
  return { officer: "ana", roles: ["approver"], database: "postgres://ana@db:5432/desk", ...patch };
}

/** What `app_info` answers: on the single-user file (`team` null) or signed in to a team database. */
export function appInfo(team: TeamSignIn | null = null): AppInfo {
  return { version: "1.5.0", database_path: "/data/desk.db", export_dir: null, team };
}

/** A change another desk committed: one entry on one record. */
export function teamChange(patch: Partial<TeamChange> = {}): TeamChange {
  return { actor: "ben", last_seq: 100, events: 1, records: [{ entity: "complaint", id: "CMP-2026-00007" }], ...patch };
}

/** `team_connection` on the local file, with a keychain, nothing saved. */
export function localConnection(patch: Partial<TeamConnectionView> = {}): TeamConnectionView {
  return { saved: null, signed_in: null, password_kept: null, fixed_at_start: false, keychain_available: true, problem: null, ...patch };
}

/** `team_connection` signed in as Ana, the password kept where `kept` says. */
export function teamConnection(kept: TeamConnectionView["password_kept"] = "keychain", patch: Partial<TeamConnectionView> = {}): TeamConnectionView {
  return localConnection({
    saved: { host: "db", port: 5432, database: "desk", user: "ana" },
    signed_in: teamSignIn(),
    password_kept: kept,
    ...patch,
  });
}
