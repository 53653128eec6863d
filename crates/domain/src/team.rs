//! Officers working one register: how their names compare. (Four eyes and assignment use it;
//! in team mode the names are the server's sign-in names.)

use crate::DomainError;

/// A team role: what an officer signed in to the team database may do. The server holds each
/// as a group role (`cdesk_officer`...) with its grants; this is the list and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Logs and works complaints and credit cases.
    Officer,
    /// An officer who also approves adverse actions and downgrades (four eyes).
    Approver,
    /// Reads everything and verifies the history; changes nothing.
    Auditor,
    /// An approver who also changes the program's settings, the deadline policy, the closure
    /// days, and the people.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Officer, Role::Approver, Role::Auditor, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s.trim())
            .ok_or_else(|| DomainError::invalid("role", format!("{s:?} is not a team role: officer, approver, auditor or admin")))
    }
}

/// Checks an officer's sign-in name: 1 to 63 characters (the server's limit), no control
/// characters, not one of the team's own group roles.
///
/// # Errors
/// `Invalid` naming `name`.
pub fn check_officer_name(name: &str) -> Result<(), DomainError> {
    let name = name.trim();
    if name.is_empty() || name.len() > 63 || name.chars().any(char::is_control) {
        return Err(DomainError::invalid("name", "give the officer a sign-in name of 1 to 63 characters"));
    }
    if name.starts_with("cdesk_") || name.starts_with("pg_") {
        return Err(DomainError::invalid("name", "names starting with cdesk_ or pg_ belong to the server; pick another"));
    }
    Ok(())
}

/// The length below which the desk advises a longer password.
pub const ADVISED_PASSWORD_CHARS: usize = 12;

/// Checks a new officer's password: not empty, no line breaks (it travels on one line).
///
/// # Errors
/// `Invalid` naming `password`.
pub fn check_password(password: &str) -> Result<(), DomainError> {
    if password.is_empty() || password.contains(['\n', '\r']) {
        return Err(DomainError::invalid("password", "give the officer a password on one line"));
    }
    Ok(())
}

/// Advice for a password shorter than [`ADVISED_PASSWORD_CHARS`].
pub fn password_advice(password: &str) -> Option<String> {
    (password.chars().count() < ADVISED_PASSWORD_CHARS)
        .then(|| format!("the password is shorter than {ADVISED_PASSWORD_CHARS} characters; a longer one is advised"))
}

/// Whether four eyes apply: always on a team database, else as the program set it.
pub fn four_eyes_apply(team: bool, program_setting: bool) -> bool {
    team || program_setting
}

/// Checks a change of the four-eyes setting: a team database always has four eyes.
///
/// # Errors
/// `Rule` `four_eyes_always_on_a_team` when a team is asked to turn it off.
pub fn check_four_eyes_setting(team: bool, on: bool) -> Result<(), DomainError> {
    if team && !on {
        return Err(DomainError::rule(
            "four_eyes_always_on_a_team",
            "on a team database four eyes are always on: a second officer with the approver role approves each adverse action and downgrade",
        ));
    }
    Ok(())
}

/// The officer a four-eyes approval is recorded under: on a team database the signed-in one,
/// and no other name may be given; on a single-user desk the second officer's name as given.
///
/// # Errors
/// `Rule` `approver_is_the_signed_in_officer` when a team desk is given another name.
pub fn approver_name(given: Option<&str>, actor: &str, team: bool) -> Result<String, DomainError> {
    let given = given.map(str::trim).filter(|s| !s.is_empty());
    match given {
        Some(g) if team && !same_officer(g, actor) => Err(DomainError::rule(
            "approver_is_the_signed_in_officer",
            format!("on the team database an approval is recorded under the signed-in officer ({actor}); {g} signs in to approve"),
        )),
        Some(g) => Ok(g.to_owned()),
        None => Ok(actor.trim().to_owned()),
    }
}

/// Rule `team_backups_are_the_servers`: the desk backs up and restores database files; a team
/// database is backed up on its server, with the server's tools.
///
/// # Errors
/// `Rule` `team_backups_are_the_servers` on a team database.
pub fn check_backup_of_a_file(team: bool) -> Result<(), DomainError> {
    if team {
        return Err(DomainError::rule(
            "team_backups_are_the_servers",
            "a team database is backed up on its server, with the server's own tools (pg_dump, the host's snapshots); the desk keeps backups of database files",
        ));
    }
    Ok(())
}

/// The last change of a record as stored: its place in the history, who made it and when.
#[derive(Debug, Clone, Copy)]
pub struct LastChange<'a> {
    pub seq: i64,
    pub actor: &'a str,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// Rule `stale_view`: a change made from a view of a complaint or case (its revision, the
/// `seq` of the last entry it showed) is refused when the record has changed since, naming who
/// changed it last and when, so that the officer reloads and decides again instead of the two
/// changes being merged unseen. `since` is how many entries were recorded after the view's.
/// No revision given (a script acting on the record as it stands) checks nothing.
///
/// # Errors
/// `Rule` `stale_view`.
pub fn check_view_current(seen: Option<i64>, last: LastChange<'_>, since: usize) -> Result<(), DomainError> {
    match seen {
        Some(seen) if seen != last.seq => {
            let changes = if since == 1 { "1 change".to_owned() } else { format!("{} changes", since.max(1)) };
            Err(DomainError::rule(
                "stale_view",
                format!(
                    "this record changed after you opened it ({changes}, the latest by {} at {}): reload it, check what changed, and try again; nothing was written",
                    last.actor,
                    last.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// An officer's name as names compare: without outer spaces, and without case.
pub fn officer_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether `a` and `b` name the same officer.
pub fn same_officer(a: &str, b: &str) -> bool {
    officer_key(a) == officer_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officer_names_compare_without_case_or_outer_spaces() {
        assert!(same_officer(" Ana Pérez", "ana pérez "));
        assert!(same_officer("ÖZLEM", "özlem"), "beyond ASCII too");
        assert!(!same_officer("Ana", "Anna"));
        assert_eq!(officer_key("  Ben Okafor "), "ben okafor");
    }

    #[test]
    fn rule_approver_is_the_signed_in_officer_on_a_team_database() {
        assert_eq!(approver_name(Some("Ben"), "ana", false).unwrap(), "Ben", "a single-user desk records the second name given");
        assert_eq!(approver_name(None, "ana", true).unwrap(), "ana");
        let e = approver_name(Some("Ben"), "ana", true).unwrap_err();
        assert!(matches!(e, DomainError::Rule { ref rule, .. } if rule == "approver_is_the_signed_in_officer"), "{e}");
        assert!(four_eyes_apply(true, false), "a team always has four eyes");
        assert!(!four_eyes_apply(false, false));
        assert!(check_four_eyes_setting(true, false).is_err());
        assert!(check_four_eyes_setting(false, false).is_ok());
    }

    #[test]
    fn rule_stale_view_names_who_changed_the_record_and_when() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T15:04:00Z").unwrap().to_utc();
        let last = LastChange { seq: 42, actor: "b.okafor", recorded_at: at };
        assert!(check_view_current(Some(42), last, 0).is_ok(), "the view shows the last change");
        assert!(check_view_current(None, last, 3).is_ok(), "no view given, nothing to compare");
        let e = check_view_current(Some(40), last, 2).unwrap_err();
        let DomainError::Rule { rule, message } = e else { panic!("a rule refusal") };
        assert_eq!(rule, "stale_view");
        assert!(message.contains("b.okafor") && message.contains("2026-11-20T15:04:00Z") && message.contains("2 changes"), "{message}");
        assert!(message.contains("reload"), "{message}");
    }

    #[test]
    fn rule_team_backups_are_the_servers() {
        assert!(check_backup_of_a_file(false).is_ok());
        let e = check_backup_of_a_file(true).unwrap_err();
        assert!(matches!(e, DomainError::Rule { ref rule, ref message } if rule == "team_backups_are_the_servers" && message.contains("pg_dump")), "{e}");
    }

    #[test]
    fn roles_and_names_are_checked() {
        assert_eq!("approver".parse::<Role>().unwrap(), Role::Approver);
        assert!("boss".parse::<Role>().is_err());
        assert!(check_officer_name("a.okafor").is_ok());
        assert!(check_officer_name("cdesk_admin").is_err());
        assert!(check_officer_name(&"x".repeat(64)).is_err());
        assert!(check_password("").is_err() && check_password("a\nb").is_err());
        assert!(password_advice("short").is_some() && password_advice("a long enough password").is_none());
    }
}
