// Who is signed in to the team database, as the app shows it. On the single-user file nobody
// is (`AppInfo.team` is null) and the desk works as one officer.
import type { TeamSignIn } from "../bindings/TeamSignIn";
import { t, tOr } from "../i18n";
import { settingsStore } from "../settings/settings.svelte";

/** The sign-in of this desk on a team database (from `app_info`), or null on the single-user file. */
export function signedIn(): TeamSignIn | null {
  return settingsStore.info?.team ?? null;
}

/** The name of the officer signed in to the team database, or null on the single-user file. */
export function signedInOfficer(): string | null {
  return signedIn()?.officer ?? null;
}

/**
 * A team role in words (`officer`, `approver`, `auditor`, `admin`): "approver" → "approver" /
 * "Freigabe" / "承認者". A role the catalogue does not know yet shows as the backend names it.
 */
export function roleLabel(role: string): string {
  return tOr(`team.role.${role}`, role);
}

/** The roles in words, in the order the backend lists them: "approver, auditor". */
export function rolesText(roles: ReadonlyArray<string>): string {
  return roles.length === 0 ? t("team.noRole") : roles.map(roleLabel).join(t("team.roleSeparator"));
}

/** The header's line: "ana · approver · postgres://ana@db:5432/desk". */
export function signInLine(s: TeamSignIn): string {
  return t("team.badge.line", { officer: s.officer, roles: rolesText(s.roles), database: s.database });
}
