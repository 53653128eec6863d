//! Compliance Desk's use cases: the only API that the desktop shell and the `cdesk` CLI call.
//! Each call validates its raw input into domain values once, runs in one transaction, appends
//! its audit event in that same transaction, and returns an output type. No UI, no Tauri.

mod accounts;
mod anchor;
mod audit;
mod backup;
mod calendar;
mod complaints;
mod credit;
mod error;
mod import;
mod ledger;
mod memory;
mod playbook;
mod progress;
mod readable;
mod reminders;
mod reports;
mod reserve;
mod settings;
mod team;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cdesk_domain::{
    complaint::{parse_timezone, DeadlineRules},
    BusinessCalendar, ClosureDay, DeadlinePolicy, Taxonomy,
};
use cdesk_store::{NewAuditEvent, Store, Tx};
use chrono::{DateTime, NaiveDate, Utc};

pub use accounts::*;
pub use anchor::{journal_path, AnchorOptions, AnchorStatus, Checkpoint};
pub use audit::{AuditReport, RepairReport};
pub use verify::Difference;
pub use memory::settle_allocator;
pub use backup::{hold_open_lock, open_lock_path, OpenLock, retention_from_env, BackupEntry, BackupList, BackupOutput};
pub use calendar::{parse_date, CalendarDay};
pub use complaints::*;
pub use credit::*;
pub use error::{ErrorBody, ErrorCode, Result};
pub use import::ImportOutput;
pub use ledger::{AccountHistoryEntry, AccountView, CreditCaseRow, StepRequest};
pub use playbook::{PlaybookInput, PlaybookSearchInput};
pub use reminders::DeadlineReminder;
pub use progress::{Operation, OperationView, Progress, ProgressReport, ProgressStep};
pub use reports::*;
pub use reserve::*;
pub use settings::*;
pub use team::*;

/// Where the desktop app and the CLI keep their database unless told otherwise.
pub fn default_database_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("compliance-desk")
        .join("compliance-desk.db")
}

/// Where the desk keeps its settings of this computer (the history key when no keychain takes
/// it, the team database the app opens).
pub fn config_folder() -> PathBuf {
    dirs::config_dir().unwrap_or_else(std::env::temp_dir).join("compliance-desk")
}

/// The name recorded as the actor of changes: `CDESK_ACTOR`, else the OS user.
pub fn default_actor() -> String {
    ["CDESK_ACTOR", "USER", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "officer".to_owned())
}

pub(crate) type NowFn = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// An open Compliance Desk: the database, who is acting, and the clock.
pub struct Desk {
    store: Store,
    actor: String,
    now: NowFn,
    taxonomy: Taxonomy,
    /// The file's data version when this desk last found its register equal to the history.
    register_checked: reports::RegisterCheck,
    /// The anchor journal and key of a file (none for a database in memory, or a copy being
    /// checked).
    anchoring: Option<anchor::Anchoring>,
    options: AnchorOptions,
}

impl Desk {
    /// Opens (creating and migrating if needed) the database at `path`.
    ///
    /// # Errors
    /// `Storage` when the file is damaged, from a newer version, or cannot be opened.
    pub fn open(path: &Path, actor: impl Into<String>) -> Result<Self> {
        Self::open_with(path, actor, AnchorOptions::from_env())
    }

    /// Opens (creating and migrating if needed) the database at `path`, with its anchor
    /// journal and history key where `options` say.
    ///
    /// # Errors
    /// As [`Desk::open`].
    pub fn open_with(path: &Path, actor: impl Into<String>, options: AnchorOptions) -> Result<Self> {
        Self::with_store(Store::open(path)?, actor.into()).anchored(path, options)
    }

    /// Makes a new database at `path` (missing or an empty file; anything else is refused,
    /// never touched) and opens it.
    ///
    /// # Errors
    /// `Storage` when a file with content is there or the file cannot be made.
    pub fn create(path: &Path, actor: impl Into<String>) -> Result<Self> {
        Self::with_store(Store::create(path)?, actor.into()).anchored(path, AnchorOptions::from_env())
    }

    /// Opens an existing database; a missing file is refused, never created.
    ///
    /// # Errors
    /// `Storage` naming the missing, empty, foreign or damaged file.
    pub fn open_existing(path: &Path, actor: impl Into<String>) -> Result<Self> {
        Self::open_existing_with(path, actor, AnchorOptions::from_env())
    }

    /// [`Desk::open_existing`] with the anchor journal and key where `options` say.
    ///
    /// # Errors
    /// As [`Desk::open_existing`].
    pub fn open_existing_with(path: &Path, actor: impl Into<String>, options: AnchorOptions) -> Result<Self> {
        Self::with_store(Store::open_existing(path)?, actor.into()).anchored(path, options)
    }

    /// A copy opened to be checked: no journal is written or checked for it.
    pub(crate) fn open_unanchored(path: &Path, actor: &str) -> Result<Self> {
        Self::with_store(Store::open_existing(path)?, actor.to_owned()).ready()
    }

    fn anchored(mut self, path: &Path, options: AnchorOptions) -> Result<Self> {
        let anchoring = anchor::Anchoring::new(path, options.clone());
        self.store.set_commit_hook(anchoring.hook());
        self.anchoring = Some(anchoring);
        self.options = options;
        self.ready()
    }

    fn ready(mut self) -> Result<Self> {
        self.rebuild_read_models_once()?;
        Ok(self)
    }

    /// Brings the read models of a database written by an earlier version up to this one, once,
    /// each step recorded by one audit event: (to version 2) rewrites the register rows and the
    /// credit cases from their histories, folded in the order things happened (see migration
    /// 7); (to version 3) records each account's current state in the history, so that from
    /// then on every account is rebuilt and checked from it (see migration 8).
    fn rebuild_read_models_once(&mut self) -> Result<()> {
        // Looked at without the write lock first: an open of an up-to-date file (every command's)
        // neither waits for nor blocks another program's write.
        if self.store.read(|tx| tx.setting(SETTING_READ_MODELS))?.as_deref() == Some(READ_MODELS_VERSION) {
            return Ok(());
        }
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            let version = tx.setting(SETTING_READ_MODELS)?;
            if version.as_deref() == Some(READ_MODELS_VERSION) {
                return Ok(());
            }
            let recorded_at = instant_text(now);
            if version.is_none() {
                let rules = load_rules(tx)?;
                let complaints = tx.complaint_ids()?;
                for id in &complaints {
                    let (c, history) = complaints::load_complaint(tx, id)?;
                    let seq = history.rows.last().map_or(0, |r| r.seq);
                    tx.update_complaint(&complaints::register_record(&c, &rules, seq))?;
                }
                let cases = tx.credit_cases(None)?;
                for r in &cases {
                    let stored = ledger::load_case(tx, &r.id)?;
                    let account = ledger::load_account(tx, &r.account_id)?;
                    let c = ledger::case_state(&stored, &account)?;
                    let seq = stored.rows.last().map_or(0, |e| e.seq);
                    ledger::save_case(tx, &r.id, &r.account_id, &c, seq)?;
                }
                let payload = serde_json::json!({ "complaints": complaints.len(), "credit_cases": cases.len(), "version": "2",
                    "why": "histories are now folded in the order things happened, without voided entries" });
                record(tx, &recorded_at, &actor, "settings", SETTING_READ_MODELS, "read_models_rebuilt", &payload)?;
            }
            if version.is_none() || version.as_deref() == Some("2") {
                let accounts = tx.accounts()?;
                for (id, json) in &accounts {
                    let a = ledger::parse_account(id, json)?;
                    let payload = serde_json::json!({ "why": "the account's state as the file held it when accounts began keeping their states in the history" });
                    ledger::record_account_change(tx, &recorded_at, &actor, (ledger::ACCOUNT, id, "state_recorded"), payload, &a)?;
                }
            }
            if version.is_some() {
                // Version 4: executive complaints run the program's resolve clock. Their rows
                // are written again under the policy in force (nothing to do in a file without any).
                let executive = tx.complaint_ids_of_kind("executive")?;
                if !executive.is_empty() {
                    let rules = load_rules(tx)?;
                    for id in &executive {
                        let (c, history) = complaints::load_complaint(tx, id)?;
                        let seq = history.rows.last().map_or(0, |r| r.seq);
                        tx.update_complaint(&complaints::register_record(&c, &rules, seq))?;
                    }
                    let payload = serde_json::json!({ "complaints": executive.len(), "credit_cases": 0, "version": "4",
                        "why": "executive complaints now run the program's resolve clock" });
                    record(tx, &recorded_at, &actor, "settings", SETTING_READ_MODELS, "read_models_rebuilt", &payload)?;
                }
            }
            tx.set_setting(SETTING_READ_MODELS, READ_MODELS_VERSION)?;
            Ok(())
        })
    }

    /// A desk on a fresh in-memory database (tests, benchmarks).
    ///
    /// # Errors
    /// Only if SQLite fails.
    pub fn open_in_memory(actor: impl Into<String>) -> Result<Self> {
        Ok(Self::with_store(Store::open_in_memory()?, actor.into()))
    }

    fn with_store(store: Store, actor: String) -> Self {
        Desk { store, actor, now: Arc::new(Utc::now), taxonomy: Taxonomy::default(), register_checked: reports::RegisterCheck::default(), anchoring: None, options: AnchorOptions::default() }
    }

    /// Replaces the clock, e.g. with a fixed instant for tests.
    pub fn with_now(mut self, now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.now = Arc::new(now);
        self
    }

    /// Fixes the clock from `CDESK_NOW` (RFC 3339) when it is set: end-to-end tests and
    /// demonstrations use it to see a register as of a given day.
    ///
    /// # Errors
    /// `InvalidInput` naming `CDESK_NOW` when it is set but not an instant.
    pub fn with_now_from_env(self) -> Result<Self> {
        match std::env::var("CDESK_NOW") {
            Ok(v) if !v.trim().is_empty() => {
                let at = cdesk_domain::complaint::parse_instant(&v, "CDESK_NOW")?;
                Ok(self.with_now(move || at))
            }
            _ => Ok(self),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.now)()
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn database_path(&self) -> String {
        if let Some(team) = self.store.team() {
            return team.shown().to_owned();
        }
        self.store.path().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into())
    }

    pub fn taxonomy(&self) -> Taxonomy {
        self.taxonomy.clone()
    }
}

/// How the desk numbers what it records: `CMP-2026-00012` is number 12 of the counter
/// `complaint-2026`. Ids are made (and read back, to check the counters) only here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdScheme {
    prefix: &'static str,
    scope: &'static str,
}

pub(crate) const COMPLAINT_IDS: IdScheme = IdScheme { prefix: "CMP", scope: "complaint" };
pub(crate) const CASE_IDS: IdScheme = IdScheme { prefix: "CRD", scope: "credit-case" };

impl IdScheme {
    /// The counter a year's ids are numbered by.
    pub(crate) fn counter(self, year: i32) -> String {
        format!("{}-{year}", self.scope)
    }

    pub(crate) fn id(self, year: i32, n: i64) -> String {
        format!("{}-{year}-{n:05}", self.prefix)
    }

    /// The counter and number of an id of this scheme.
    pub(crate) fn parse(self, id: &str) -> Option<(String, i64)> {
        let (year, n) = id.strip_prefix(self.prefix)?.strip_prefix('-')?.split_once('-')?;
        Some((format!("{}-{year}", self.scope), n.parse().ok()?))
    }
}

/// The officer a four-eyes approval is recorded under (see the domain's rule).
///
/// # Errors
/// `InvalidInput` naming `approver` for a name longer than 120 characters; `Rule`
/// `approver_is_the_signed_in_officer` on a team database.
pub(crate) fn approver(given: Option<&str>, actor: &str, team: bool) -> Result<String> {
    let name = cdesk_domain::team::approver_name(given, actor, team)?;
    if name.chars().count() > 120 {
        return Err(ErrorBody::invalid("approver", "give the approver's name in at most 120 characters"));
    }
    Ok(name)
}

const SETTING_TIMEZONE: &str = "timezone";
/// Marks a database whose read models are folds of the history in the order things happened.
const SETTING_READ_MODELS: &str = "read_models_version";
const READ_MODELS_VERSION: &str = "4";
pub(crate) const SETTING_POLICY: &str = "deadline_policy";

/// The deadline policy, program zone and calendar in force, read in the caller's transaction.
pub(crate) fn load_rules(tx: &Tx<'_>) -> Result<DeadlineRules> {
    rules_from(tx.setting(SETTING_POLICY)?.as_deref(), tx.setting(SETTING_TIMEZONE)?.as_deref(), tx.closures()?)
}

/// The deadline rules made of the stored policy text, zone name and closure days.
pub(crate) fn rules_from(policy: Option<&str>, timezone: Option<&str>, closures: Vec<(String, String)>) -> Result<DeadlineRules> {
    let policy = match policy {
        Some(text) => DeadlinePolicy::from_toml(text)?,
        None => DeadlinePolicy::default(),
    };
    let tz_name = timezone.map_or_else(|| policy.timezone.clone(), str::to_owned);
    let timezone = parse_timezone(&tz_name, "timezone")?;
    let closures = closures
        .into_iter()
        .map(|(day, name)| {
            let date = day.parse::<NaiveDate>().map_err(|_| ErrorBody::internal(format!("stored closure day {day:?} is not a date")))?;
            Ok(ClosureDay { date, name })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DeadlineRules { calendar: BusinessCalendar::federal_reserve(closures), timezone, policy })
}

/// Appends one audit event recorded now by the desk's actor.
pub(crate) fn record(
    tx: &Tx<'_>,
    recorded_at: &str,
    actor: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    payload: &impl serde::Serialize,
) -> Result<i64> {
    let payload = serde_json::to_string(payload).map_err(|e| ErrorBody::internal(e.to_string()))?;
    Ok(tx.append_audit(&NewAuditEvent { recorded_at, actor, entity, entity_id, action, payload })?)
}

/// Refuses a change made from a view older than the record's history `rows` (rule `stale_view`).
pub(crate) fn check_view_current(seen: Option<i64>, rows: &[cdesk_store::AuditEvent]) -> Result<()> {
    let Some(last) = rows.last() else { return Ok(()) };
    let since = seen.map_or(0, |s| rows.iter().filter(|r| r.seq > s).count());
    let change = cdesk_domain::team::LastChange { seq: last.seq, actor: &last.actor, recorded_at: stored_instant(&last.recorded_at)? };
    Ok(cdesk_domain::team::check_view_current(seen, change, since)?)
}

/// Reads an instant as stored.
pub(crate) fn stored_instant(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| ErrorBody::internal(format!("the stored instant {text:?} cannot be read")))
}

/// What the timeline says of an entry beyond the entry itself: whether it was voided (by which
/// entry, why), whether it was entered late, and whether the officer can void it now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct EntryMarks {
    /// Voided: recorded in error, left out of the complaint or case, kept here.
    pub voided: bool,
    /// The entry that voided it, and why.
    #[ts(type = "number | null")]
    pub voided_by: Option<i64>,
    pub void_reason: Option<String>,
    /// Recorded after its month was submitted to Stripe, or past the program's late-entry threshold.
    pub entered_late: bool,
    /// Whether the officer can void this entry now.
    pub can_void: bool,
    /// Why it cannot be voided, when it is a step that could be (e.g. a later entry depends on it).
    pub void_blocked_by: Option<String>,
}

impl EntryMarks {
    /// The marks of an entry: `voided` names the voiding entry and its reason; a `voidable`
    /// entry (a step, not yet voided) is tried with `try_void`, whose refusal says why not.
    pub(crate) fn new(
        voided: Option<(i64, &str)>,
        entered_late: bool,
        voidable: bool,
        try_void: impl FnOnce() -> std::result::Result<(), cdesk_domain::DomainError>,
    ) -> Self {
        let voidable = voidable && voided.is_none();
        let void_blocked_by = if voidable { try_void().err().map(|e| e.to_string()) } else { None };
        EntryMarks {
            voided: voided.is_some(),
            voided_by: voided.map(|v| v.0),
            void_reason: voided.map(|v| v.1.to_owned()),
            entered_late,
            can_void: voidable && void_blocked_by.is_none(),
            void_blocked_by,
        }
    }
}

/// RFC 3339 in UTC with seconds, the one form instants are stored in.
pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What the app shows about itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AppInfo {
    pub version: String,
    pub database_path: String,
    /// A folder where exports are saved without asking (`CDESK_EXPORT_DIR`), for managed desktops
    /// and unattended runs; when null the app asks with the save dialog.
    pub export_dir: Option<String>,
    /// On a team database, who is signed in (null on the single-user file).
    pub team: Option<TeamSignIn>,
}

impl Desk {
    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: self.database_path(),
            export_dir: std::env::var("CDESK_EXPORT_DIR").ok().filter(|d| !d.trim().is_empty()),
            team: self.team_sign_in(),
        }
    }
}
