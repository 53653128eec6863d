//! Team mode: one shared register on a PostgreSQL server. Officers sign in as their own server
//! roles; the server writes who did what, keeps the history append-only and holds the roles'
//! rules. Here: connecting a desk, setting the team database up, its people, and moving a
//! single-user file onto it.

use std::path::Path;

use cdesk_domain::team::Role;
use cdesk_store::pg::{self, schema};
use cdesk_store::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::{Desk, ErrorBody, Result};

pub use cdesk_store::pg::is_team_url;

/// An officer of the team as the server knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamPerson {
    pub name: String,
    /// `officer`, `approver`, `auditor` or `admin`.
    pub role: String,
    /// Whether they may sign in (a retired officer may not; their name stays in the history).
    pub active: bool,
}

/// The team database as `cdesk team init` left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamInitOutput {
    pub database: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The group roles made (or found): `cdesk_officer`, `cdesk_approver`, `cdesk_auditor`, `cdesk_admin`.
    pub roles: Vec<String>,
}

/// What `cdesk team migrate` moved, and that both sides verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamMigrateOutput {
    pub from: String,
    pub to: String,
    #[ts(type = "number")]
    pub events: i64,
    #[ts(type = "number")]
    pub complaints: u64,
    #[ts(type = "number")]
    pub credit_cases: u64,
    /// Whether the chain verified in the file and on the server, ending at the same event.
    pub verified: bool,
}

fn admin_client(url: &str) -> Result<pg::Client> {
    Ok(pg::connect_client(url)?)
}

/// Sets up (or upgrades) the team database at `url`, connected as a server admin (making the
/// database when the server has none of that name): the schema, the four group roles and their
/// grants.
///
/// # Errors
/// `Storage` when the server is unreachable or the admin may not create roles or tables.
pub fn team_init(url: &str) -> Result<TeamInitOutput> {
    let mut client = pg::connect_or_create(url)?;
    let version = schema::init(&mut client, &pg::shown_url(url))?;
    Ok(TeamInitOutput {
        database: pg::shown_url(url),
        schema_version: version,
        roles: schema::ROLES.iter().map(|r| format!("cdesk_{r}")).collect(),
    })
}

/// Everyone with a team role.
///
/// # Errors
/// `Storage` when the server fails.
pub fn team_people(url: &str) -> Result<Vec<TeamPerson>> {
    let mut client = admin_client(url)?;
    Ok(schema::people(&mut client)?.into_iter().map(|p| TeamPerson { name: p.name, role: p.role, active: p.active }).collect())
}

/// Adds an officer who signs in as `name` with `password` and the role `role` (a short
/// password is accepted: the server's own policy rules; [`cdesk_domain::team::password_advice`]
/// says when it is weak).
///
/// # Errors
/// `InvalidInput` naming `name`, `role` or `password`; `Rule` `role_not_allowed` when the
/// signed-in role may not add people (only an admin may); `Storage` when the name is taken.
pub fn team_add_person(url: &str, name: &str, role: &str, password: &str) -> Result<TeamPerson> {
    let name = name.trim();
    let role: Role = role.parse()?;
    cdesk_domain::team::check_officer_name(name)?;
    cdesk_domain::team::check_password(password)?;
    let mut client = admin_client(url)?;
    schema::add_person(&mut client, name, role.code(), password)?;
    Ok(TeamPerson { name: name.to_owned(), role: role.code().to_owned(), active: true })
}

/// Retires an officer: they can no longer sign in; their name stays in the history.
///
/// # Errors
/// `NotFound` for someone who is not of the team; `Rule` `role_not_allowed` for a non-admin.
pub fn team_retire_person(url: &str, name: &str) -> Result<()> {
    let mut client = admin_client(url)?;
    if !schema::retire_person(&mut client, name.trim())? {
        return Err(ErrorBody::not_found(format!("{} is not an officer of this team", name.trim())));
    }
    Ok(())
}

/// Moves the register in the file at `from` into the empty team database at `to` (connected as
/// an admin), its history intact: the chain verifies in the file first and on the server after,
/// ending at the same event, and the counts match.
///
/// # Errors
/// `Storage` when the file is damaged or its chain broken, the team database is not empty, or
/// the server refuses; `Internal` if the two sides differ after the copy (then nothing was kept:
/// the copy was one transaction that committed, so the team database is emptied by hand).
pub fn team_migrate(from: &Path, to: &str) -> Result<TeamMigrateOutput> {
    // Opened as a desk so that a file of an earlier version is brought up to date first.
    let mut file = Desk::open_existing(from, "migration")?;
    let before = file.verify_audit()?;
    if !before.ok {
        return Err(ErrorBody::storage(format!(
            "{} does not verify ({}); repair it before moving it to the team",
            from.display(),
            before.problem.unwrap_or_default()
        )));
    }
    let mut team = Store::connect(to)?;
    let counts = file.store.copy_into_team(&mut team)?;
    let mut desk = Desk::from_team_store(team)?;
    let after = desk.verify_audit()?;
    let (file_events, team_events) = (before.events, after.events);
    if !after.ok || file_events != team_events {
        return Err(ErrorBody::internal(format!(
            "the team database does not verify after the copy ({} events in the file, {} on the server: {})",
            file_events,
            team_events,
            after.problem.unwrap_or_default()
        )));
    }
    Ok(TeamMigrateOutput {
        from: from.display().to_string(),
        to: pg::shown_url(to),
        events: team_events,
        complaints: counts.of("complaints"),
        credit_cases: counts.of("credit_cases"),
        verified: true,
    })
}

impl Desk {
    /// A desk on the team database at `url` (`postgres://NAME[:PASSWORD]@HOST:PORT/DB`, or the
    /// password in `PGPASSWORD`), signed in as the officer the URL names: the actor of every
    /// step it records is that role, as the server says.
    ///
    /// # Errors
    /// `Storage` naming what failed: the server unreachable, the sign-in refused, no team schema.
    pub fn connect(url: &str) -> Result<Self> {
        Self::from_team_store(Store::connect(url)?)
    }

    fn from_team_store(store: Store) -> Result<Self> {
        let user = store.team().map(|t| t.user().to_owned()).unwrap_or_default();
        Desk::with_store(store, user).ready()
    }

    /// The signed-in officer and their team roles, on a team database.
    pub fn team_member(&self) -> Option<(String, Vec<String>)> {
        self.store.team().map(|t| (t.user().to_owned(), t.roles().to_vec()))
    }
}

/// Where a team database is, as the app's Settings keep it: no password (that stays in the OS
/// keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
    /// The officer's sign-in name on the server.
    pub user: String,
}

/// Characters kept as they are in a URL's parts; everything else is percent-encoded.
const URL_PART: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl TeamAddress {
    /// Trims the parts and checks them.
    ///
    /// # Errors
    /// `InvalidInput` naming `host`, `port`, `database` or `user`.
    pub fn checked(self) -> Result<Self> {
        let a = TeamAddress { host: self.host.trim().to_owned(), port: self.port, database: self.database.trim().to_owned(), user: self.user.trim().to_owned() };
        if a.host.is_empty() || a.host.chars().any(|c| c.is_whitespace() || "/@?#".contains(c)) {
            return Err(ErrorBody::invalid("host", "give the server's host name or address, e.g. db.example.com"));
        }
        if a.port == 0 {
            return Err(ErrorBody::invalid("port", "give the server's port (PostgreSQL's usual one is 5432)"));
        }
        if a.database.is_empty() || a.database.len() > 63 {
            return Err(ErrorBody::invalid("database", "give the team database's name (1 to 63 characters)"));
        }
        cdesk_domain::team::check_officer_name(&a.user).map_err(|e| match e {
            cdesk_domain::DomainError::Invalid { message, .. } => ErrorBody::invalid("user", message),
            other => other.into(),
        })?;
        Ok(a)
    }

    /// The connection URL, with the password when given.
    pub fn url(&self, password: Option<&str>) -> String {
        let enc = |s: &str| percent_encoding::utf8_percent_encode(s, URL_PART).to_string();
        let userinfo = match password {
            Some(p) => format!("{}:{}", enc(&self.user), enc(p)),
            None => enc(&self.user),
        };
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("postgres://{userinfo}@{host}:{}/{}", self.port, enc(&self.database))
    }

    /// The name of this sign-in in the OS keychain.
    fn keychain_user(&self) -> String {
        format!("team:{}", self.url(None))
    }
}

/// The file in `folder` (the app's configuration folder) that names the team database to open.
fn address_file(folder: &Path) -> std::path::PathBuf {
    folder.join("team-database.json")
}

/// The team database the app was set to open, if any.
///
/// # Errors
/// `Internal` when the file is there but cannot be read.
pub fn saved_team_address(folder: &Path) -> Result<Option<TeamAddress>> {
    let path = address_file(folder);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| ErrorBody::internal(format!("the team database setting {} cannot be read ({e}); connect again in Settings", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ErrorBody::internal(format!("the team database setting {} cannot be read: {e}", path.display()))),
    }
}

/// Where a team password is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum PasswordKept {
    /// In the OS keychain: the next start signs in without asking.
    Keychain,
    /// Only in this session's memory (no keychain could take it, or the officer asked not to
    /// keep it): the next start asks again.
    Session,
}

/// Remembers `address` as the database the app opens (in `folder`) and the password in the OS
/// keychain when one is reachable and `remember` is set; never in a file.
///
/// # Errors
/// `Internal` when the setting cannot be written.
pub fn save_team_address(folder: &Path, address: &TeamAddress, password: &str, remember: bool) -> Result<PasswordKept> {
    cdesk_store::private_dir(folder).map_err(|e| ErrorBody::internal(format!("cannot keep the team setting in {}: {e}", folder.display())))?;
    let text = serde_json::to_string_pretty(address).map_err(|e| ErrorBody::internal(e.to_string()))?;
    let path = address_file(folder);
    let tmp = folder.join("team-database.json.new");
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| ErrorBody::internal(format!("cannot keep the team setting in {}: {e}", path.display())))?;
    if !remember || !crate::anchor::keychain_reachable() {
        return Ok(PasswordKept::Session);
    }
    let kept = keyring::Entry::new(crate::anchor::KEYCHAIN_SERVICE, &address.keychain_user()).and_then(|e| e.set_password(password));
    Ok(if kept.is_ok() { PasswordKept::Keychain } else { PasswordKept::Session })
}

/// The password the keychain keeps for `address`, if it keeps one.
pub fn kept_team_password(address: &TeamAddress) -> Option<String> {
    if !crate::anchor::keychain_reachable() {
        return None;
    }
    keyring::Entry::new(crate::anchor::KEYCHAIN_SERVICE, &address.keychain_user()).and_then(|e| e.get_password()).ok()
}

/// Forgets the team database (the app opens its own file again) and its kept password.
///
/// # Errors
/// `Internal` when the setting cannot be removed.
pub fn forget_team_address(folder: &Path) -> Result<()> {
    if let Some(address) = saved_team_address(folder).ok().flatten() {
        if crate::anchor::keychain_reachable() {
            if let Ok(entry) = keyring::Entry::new(crate::anchor::KEYCHAIN_SERVICE, &address.keychain_user()) {
                let _ = entry.delete_credential();
            }
        }
    }
    match std::fs::remove_file(address_file(folder)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(ErrorBody::internal(format!("cannot remove the team setting: {e}"))),
    }
}

/// A record another officer's desk changed, as a change notice names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ChangedRecord {
    /// `complaint`, `credit_case`, `account`, `settings`...
    pub entity: String,
    pub id: String,
}

/// A change committed on the team database: who made it, the last event, and the records it
/// touched (the first 20 of a bulk change; `events` says how many entries it made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamChange {
    pub actor: String,
    #[ts(type = "number")]
    pub last_seq: i64,
    #[ts(type = "number")]
    pub events: i64,
    pub records: Vec<ChangedRecord>,
}

/// Hears of the changes committed on the team database (by anyone, this desk included), signing
/// in again after the connection was lost.
pub struct ChangeWatcher {
    url: String,
    listener: Option<pg::ChangeListener>,
}

impl ChangeWatcher {
    pub fn new(url: &str) -> Self {
        ChangeWatcher { url: url.to_owned(), listener: None }
    }

    /// The changes committed within `timeout` (empty when none were).
    ///
    /// # Errors
    /// `Storage` when the server cannot be reached (the next call tries again).
    pub fn next(&mut self, timeout: std::time::Duration) -> Result<Vec<TeamChange>> {
        if self.listener.is_none() {
            self.listener = Some(pg::ChangeListener::connect(&self.url)?);
        }
        let listener = self.listener.as_mut().expect("connected above");
        match listener.wait(timeout) {
            Ok(notices) => Ok(notices.iter().filter_map(|n| serde_json::from_str(n).ok()).collect()),
            Err(e) => {
                self.listener = None;
                Err(e.into())
            }
        }
    }
}

/// Who is signed in to the team database, with which roles, where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamSignIn {
    pub officer: String,
    /// `officer`, `approver`, `auditor`, `admin` (an admin is an approver and an officer too).
    pub roles: Vec<String>,
    /// The database as it may be shown (`postgres://user@host:port/db`, no password).
    pub database: String,
}

/// The app's Settings, Team database: what it opens and who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamConnectionView {
    /// The team database the app opens at start, as Settings keep it (null: the local file).
    pub saved: Option<TeamAddress>,
    /// Signed in now (null on the local file, or when signing in failed).
    pub signed_in: Option<TeamSignIn>,
    /// Where the password of this sign-in is kept (null when it came with the start).
    pub password_kept: Option<PasswordKept>,
    /// The database was named when the app started (`--db` or `CDESK_DB`): Settings do not
    /// change what it opens.
    pub fixed_at_start: bool,
    /// Whether an OS keychain can keep the password (a desktop session's Secret Service, the
    /// macOS keychain, Windows' credential manager).
    pub keychain_available: bool,
    /// Why the saved team database could not be opened at start, if it could not.
    pub problem: Option<String>,
}

/// Signing in to a team database from Settings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ConnectTeamInput {
    pub address: TeamAddress,
    pub password: String,
    /// Keep the password in the OS keychain for the next start.
    pub remember: bool,
}

impl ConnectTeamInput {
    /// The address checked and the URL to sign in with.
    ///
    /// # Errors
    /// `InvalidInput` naming `host`, `port`, `database`, `user` or `password`.
    pub fn checked(&self) -> Result<(TeamAddress, String)> {
        let address = self.address.clone().checked()?;
        cdesk_domain::team::check_password(&self.password)
            .map_err(|_| ErrorBody::invalid("password", "give the officer's password for the team database (on one line)"))?;
        let url = address.url(Some(&self.password));
        Ok((address, url))
    }
}

/// The team connection as the app's change watcher sees it (sent as the `team-connection` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct TeamLink {
    pub connected: bool,
    /// What failed when not connected, and that the desk keeps trying.
    pub message: Option<String>,
}

/// Whether an OS keychain can be asked for a team password now.
pub fn keychain_available() -> bool {
    crate::anchor::keychain_reachable()
}

impl Desk {
    /// On a team database, who is signed in.
    pub fn team_sign_in(&self) -> Option<TeamSignIn> {
        self.store.team().map(|t| TeamSignIn { officer: t.user().to_owned(), roles: t.roles().to_vec(), database: t.shown().to_owned() })
    }
}
