//! The read models checked against the history they are made from, and rebuilt from it.
//!
//! Every table the app lists, filters, counts or reports from is a read model: the register
//! (`complaints` and its search text), `credit_cases`, `accounts`, `id_counters`, `settings` and
//! `closures`, and the submissions' recorded columns. Each is rebuilt here from the audit
//! history alone and compared with what lies in the file; the first difference is named by
//! table, key and field. Repair writes the rebuilt rows back (never the other way round).

use std::collections::{BTreeMap, BTreeSet};

use cdesk_domain::account::ConnectedAccount;
use cdesk_domain::complaint::DeadlineRules;
use cdesk_domain::credit::actions;
use cdesk_domain::credit::history::{CaseEntry, CaseEvent};
use cdesk_domain::timeline;
use cdesk_store::{complaint_image, AuditEvent, ComplaintRecord, RowImage, Tx, COMPLAINT_IMAGE_COLUMNS};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::ledger::{ACCOUNT, ACCOUNT_AFTER, CASE};
use crate::{instant_text, rules_from, ErrorBody, Result};

/// A read model that differs from what the history makes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Difference {
    /// The table, e.g. `complaints`.
    pub table: String,
    /// The row's key (a complaint or case id, an account id, a setting's key, a month).
    pub key: String,
    /// The column (or JSON field) that differs; none when the whole row is missing or extra.
    pub field: Option<String>,
    pub problem: String,
    /// Whether `cdesk audit repair` can rebuild it from the history.
    pub repairable: bool,
}

impl Difference {
    fn new(table: &str, key: &str, field: Option<&str>, problem: impl Into<String>) -> Self {
        Difference { table: table.to_owned(), key: key.to_owned(), field: field.map(str::to_owned), problem: problem.into(), repairable: true }
    }

    fn unrepairable(mut self) -> Self {
        self.repairable = false;
        self
    }

    /// One line naming table, key and field.
    pub fn describe(&self) -> String {
        match &self.field {
            Some(f) => format!("table {}, row {}, field {}: {}", self.table, self.key, f, self.problem),
            None => format!("table {}, row {}: {}", self.table, self.key, self.problem),
        }
    }
}

/// Whether the check stops at the first difference or rebuilds every differing row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Check,
    Repair,
}

/// What the pass found (all differences in repair mode, the first otherwise) and how many rows
/// of each read model it rebuilt and compared.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub differences: Vec<Difference>,
    pub complaints: i64,
    pub accounts: i64,
    pub credit_cases: i64,
}

impl Findings {
    fn found(&mut self, d: Difference, mode: Mode) -> bool {
        self.differences.push(d);
        mode == Mode::Repair
    }
}

/// Settings as the history leaves them after each settings event.
#[derive(Debug, Clone, Default, PartialEq)]
struct SettingsState {
    values: BTreeMap<String, String>,
    closures: BTreeMap<String, String>,
}

/// Settings whose value is not made by an audited change: the read-model marker, which a
/// migration writes into a new file.
const UNAUDITED_SETTINGS: &[&str] = &[crate::SETTING_READ_MODELS];

/// The settings history: the state in force from each event on, oldest first.
struct SettingsHistory {
    states: Vec<(i64, SettingsState)>,
    /// The events at which the read models were rebuilt from the history (by an upgrade).
    rebuilds: Vec<i64>,
}

impl SettingsHistory {
    fn load(tx: &Tx<'_>) -> Result<Self> {
        let mut state = SettingsState::default();
        let mut states = vec![(0, state.clone())];
        let mut rebuilds = Vec::new();
        for e in tx.audit_events_of_kinds(&["settings", "report"])? {
            if e.action == "read_models_rebuilt" {
                rebuilds.push(e.seq);
            }
            let v: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
            let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            let changed = match (e.entity.as_str(), e.action.as_str()) {
                ("settings", "program_name_changed") => text("to").map(|t| state.values.insert(crate::reports::SETTING_PROGRAM.into(), t)).is_some(),
                ("settings", "deadline_policy_changed") => text("policy").map(|t| state.values.insert(crate::SETTING_POLICY.into(), t)).is_some(),
                ("settings", "timezone_changed") => text("to").map(|t| state.values.insert(crate::SETTING_TIMEZONE.into(), t)).is_some(),
                ("settings", "four_eyes_changed") => match v.get("to").and_then(Value::as_bool) {
                    Some(on) => {
                        state.values.insert(crate::settings::SETTING_FOUR_EYES.into(), crate::settings::four_eyes_text(on).into());
                        true
                    }
                    None => false,
                },
                ("settings", "credit_program_changed") => {
                    state.values.insert(crate::credit::SETTING_CREDIT_PROGRAM.into(), e.payload.clone());
                    true
                }
                ("settings", "closure_added") => match (text("date"), text("name")) {
                    (Some(d), Some(n)) => {
                        state.closures.insert(d, n);
                        true
                    }
                    _ => false,
                },
                ("settings", "closure_removed") => text("date").map(|d| state.closures.remove(&d)).is_some(),
                ("report", "reminder_sent") => {
                    state.values.insert(crate::reports::SETTING_REMINDED.into(), e.entity_id.clone());
                    true
                }
                _ => false,
            };
            if changed {
                states.push((e.seq, state.clone()));
            }
        }
        Ok(SettingsHistory { states, rebuilds })
    }

    fn latest(&self) -> &SettingsState {
        &self.states.last().expect("starts with the defaults").1
    }
}

fn rules_of(state: &SettingsState) -> Result<DeadlineRules> {
    rules_from(
        state.values.get(crate::SETTING_POLICY).map(String::as_str),
        state.values.get(crate::SETTING_TIMEZONE).map(String::as_str),
        state.closures.iter().map(|(d, n)| (d.clone(), n.clone())).collect(),
    )
}

/// Deadline rules by the settings states they come from, computed once each.
struct RulesCache<'h> {
    history: &'h SettingsHistory,
    rules: Vec<Option<DeadlineRules>>,
}

impl<'h> RulesCache<'h> {
    fn new(history: &'h SettingsHistory) -> Self {
        RulesCache { history, rules: vec![None; history.states.len()] }
    }

    fn index_as_of(&self, seq: i64) -> usize {
        self.history.states.partition_point(|(s, _)| *s < seq).saturating_sub(1)
    }

    fn at(&mut self, index: usize) -> Result<&DeadlineRules> {
        if self.rules[index].is_none() {
            self.rules[index] = Some(rules_of(&self.history.states[index].1)?);
        }
        Ok(self.rules[index].as_ref().expect("just set"))
    }
}

/// Runs every check (or repair) in the caller's transaction.
pub(crate) fn read_models(tx: &Tx<'_>, mode: Mode) -> Result<Findings> {
    let mut f = Findings::default();
    let settings = SettingsHistory::load(tx)?;
    let mut counters: BTreeMap<String, i64> = BTreeMap::new();
    if !check_complaints(tx, mode, &settings, &mut counters, &mut f)? {
        return Ok(f);
    }
    if !check_accounts_and_cases(tx, mode, &mut counters, &mut f)? {
        return Ok(f);
    }
    if !check_counters(tx, mode, &counters, &mut f)? {
        return Ok(f);
    }
    if !check_settings(tx, mode, settings.latest(), &mut f)? {
        return Ok(f);
    }
    if !check_submissions(tx, mode, &mut f)? {
        return Ok(f);
    }
    if !check_reserve(tx, mode, &mut f)? {
        return Ok(f);
    }
    check_search_index(tx, mode, &mut f)?;
    Ok(f)
}

/// The trigram index the register's search reads: FTS5's own check of it against the text.
fn check_search_index(tx: &Tx<'_>, mode: Mode, f: &mut Findings) -> Result<bool> {
    let Some(problem) = tx.search_index_problem()? else { return Ok(true) };
    if mode == Mode::Repair {
        tx.rebuild_search_index()?;
    }
    Ok(f.found(Difference::new("complaint_fts", "index", None, format!("the search index does not match the search text ({problem})")), mode))
}

/// Only the register: what the monthly report picks its complaints from.
pub(crate) fn register(tx: &Tx<'_>) -> Result<Option<Difference>> {
    let mut f = Findings::default();
    let settings = SettingsHistory::load(tx)?;
    check_complaints(tx, Mode::Check, &settings, &mut BTreeMap::new(), &mut f)?;
    Ok(f.differences.into_iter().next())
}

/// The counter scope and number of an id the desk gave out.
fn id_number(id: &str) -> Option<(String, i64)> {
    [crate::COMPLAINT_IDS, crate::CASE_IDS].iter().find_map(|scheme| scheme.parse(id))
}

fn note_id(counters: &mut BTreeMap<String, i64>, id: &str) {
    if let Some((scope, n)) = id_number(id) {
        let last = counters.entry(scope).or_insert(0);
        *last = (*last).max(n);
    }
}

/// The first column where two row images differ.
fn first_difference(expected: &RowImage, actual: &RowImage) -> Option<usize> {
    expected.iter().zip(actual).position(|(e, a)| e != a).or_else(|| (expected.len() != actual.len()).then_some(0))
}

fn shown(v: &Option<String>) -> String {
    match v {
        Some(t) if t.chars().count() > 60 => format!("{:?}…", t.chars().take(60).collect::<String>()),
        Some(t) => format!("{t:?}"),
        None => "nothing".into(),
    }
}

fn check_complaints(
    tx: &Tx<'_>,
    mode: Mode,
    settings: &SettingsHistory,
    counters: &mut BTreeMap<String, i64>,
    f: &mut Findings,
) -> Result<bool> {
    const TABLE: &str = "complaints";
    let mut cache = RulesCache::new(settings);
    let mut go_on = true;
    let mut repairs: Vec<(String, Option<(ComplaintRecord, String)>)> = Vec::new();
    crate::progress::begin(crate::ProgressStep::CheckingRecords, Some(tx.complaint_count()?))?;
    tx.each_complaint_beside_history(|id, events, row| -> Result<bool> {
        crate::progress::count(1)?;
        let Some(last) = events.last() else {
            repairs.push((id.to_owned(), None));
            go_on = f.found(Difference::new(TABLE, id, None, "the row has no history: it was put into the file, not recorded"), mode);
            return Ok(go_on);
        };
        f.complaints += 1;
        note_id(counters, id);
        let entries = events.iter().map(|e| crate::complaints::entry(e.seq, &e.recorded_at, id, &e.payload)).collect::<Result<Vec<_>>>()?;
        let c = timeline::replay(id, &entries)?;
        let search = crate::complaints::search_text(&c);
        // The row was written with the rules in force at its last event, or rewritten when the
        // read models were last rebuilt (the register then took that day's rules).
        let mut candidates = vec![cache.index_as_of(last.seq)];
        for &r in settings.rebuilds.iter().filter(|&&r| r > last.seq) {
            candidates.push(cache.index_as_of(r + 1));
        }
        let mut first: Option<(ComplaintRecord, RowImage)> = None;
        let mut matched = false;
        for i in candidates {
            let record = crate::complaints::register_record(&c, cache.at(i)?, last.seq);
            let image = complaint_image(&record, &search);
            if row.as_ref() == Some(&image) {
                matched = true;
                break;
            }
            first.get_or_insert((record, image));
        }
        if matched {
            return Ok(true);
        }
        let (record, image) = first.expect("at least one candidate");
        let d = match &row {
            None => Difference::new(TABLE, id, None, "the complaint is in the history but its row is missing: it was deleted from the file"),
            Some(actual) => {
                let i = first_difference(&image, actual).unwrap_or(0);
                let column = COMPLAINT_IMAGE_COLUMNS.get(i).copied().unwrap_or("?");
                let table = if column.starts_with("complaint_search") { "complaint_search" } else { TABLE };
                let column = column.trim_start_matches("complaint_search.");
                Difference::new(
                    table,
                    id,
                    Some(column),
                    format!("the file holds {} where the history makes {}", shown(&actual[i]), shown(&image[i])),
                )
            }
        };
        repairs.push((id.to_owned(), Some((record, search))));
        go_on = f.found(d, mode);
        Ok(go_on)
    })?;
    if !go_on {
        return Ok(false);
    }
    let orphans = tx.orphan_search_rows()?;
    if orphans > 0 && !f.found(Difference::new("complaint_search", "-", None, format!("{orphans} search rows belong to no complaint")), mode) {
        return Ok(false);
    }
    if mode == Mode::Repair {
        for (id, rebuilt) in repairs {
            match rebuilt {
                Some((record, search)) => tx.replace_complaint(&record, &search)?,
                None => tx.delete_complaint(&id)?,
            }
        }
        tx.delete_orphan_search_rows()?;
    }
    Ok(true)
}

/// An account's states as its history recorded them, oldest first.
type AccountStates = BTreeMap<String, Vec<(i64, Value)>>;

fn account_states(events: &[AuditEvent]) -> AccountStates {
    let mut states: AccountStates = BTreeMap::new();
    for e in events {
        let Ok(v) = serde_json::from_str::<Value>(&e.payload) else { continue };
        let state = if e.entity == ACCOUNT && e.action == "added" { Some(v) } else { v.get(ACCOUNT_AFTER).cloned() };
        if let Some(state) = state {
            let id = state.get("id").and_then(Value::as_str).unwrap_or(&e.entity_id).to_owned();
            states.entry(id).or_default().push((e.seq, state));
        }
    }
    states
}

fn state_at(states: &[(i64, Value)], seq: i64) -> Option<&Value> {
    states.iter().rev().find(|(s, _)| *s <= seq).map(|(_, v)| v)
}

/// The first top-level field where two JSON objects differ.
fn json_difference(expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys: BTreeSet<&String> = e.keys().chain(a.keys()).collect();
            keys.into_iter().find(|k| e.get(*k) != a.get(*k)).cloned()
        }
        _ => (expected != actual).then(String::new),
    }
}

fn json_shown(v: Option<&Value>) -> String {
    let text = v.map_or_else(|| "nothing".to_owned(), Value::to_string);
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn check_accounts_and_cases(tx: &Tx<'_>, mode: Mode, counters: &mut BTreeMap<String, i64>, f: &mut Findings) -> Result<bool> {
    let events = tx.audit_events_of_kinds(&[ACCOUNT, CASE])?;
    let states = account_states(&events);
    // Accounts.
    const ACCOUNTS: &str = "accounts";
    let mut rows: BTreeMap<String, cdesk_store::AccountRow> = tx.account_rows()?.into_iter().map(|r| (r.id.clone(), r)).collect();
    let mut account_ids: BTreeSet<String> = events.iter().filter(|e| e.entity == ACCOUNT).map(|e| e.entity_id.clone()).collect();
    account_ids.extend(rows.keys().cloned());
    for id in &account_ids {
        let expected = states.get(id).and_then(|s| s.last());
        let row = rows.remove(id);
        let d = match (expected, &row) {
            (None, None) => None,
            (None, Some(_)) => Some(Difference::new(ACCOUNTS, id, None, "the row has no recorded state in the history: it was put into the file, not recorded")),
            (Some(_), None) => Some(Difference::new(ACCOUNTS, id, None, "the account is in the history but its row is missing: it was deleted from the file")),
            (Some((seq, state)), Some(r)) => {
                f.accounts += 1;
                let actual: Value = serde_json::from_str(&r.account_json).unwrap_or(Value::Null);
                let name = state.get("legal_name").and_then(Value::as_str).unwrap_or_default();
                if let Some(field) = json_difference(state, &actual) {
                    Some(Difference::new(
                        ACCOUNTS,
                        id,
                        Some(&format!("account_json.{field}")),
                        format!("the file holds {} where the history makes {}", json_shown(actual.get(&field)), json_shown(state.get(&field))),
                    ))
                } else if r.legal_name != name {
                    Some(Difference::new(ACCOUNTS, id, Some("legal_name"), format!("the file holds {:?} where the history makes {name:?}", r.legal_name)))
                } else if r.last_event_seq != *seq {
                    Some(Difference::new(ACCOUNTS, id, Some("last_event_seq"), format!("the file holds {} where the history makes {seq}", r.last_event_seq)))
                } else {
                    None
                }
            }
        };
        if let Some(d) = d {
            if mode == Mode::Repair {
                match expected {
                    Some((seq, state)) => {
                        let json = state.to_string();
                        let name = state.get("legal_name").and_then(Value::as_str).unwrap_or_default();
                        tx.put_account(id, name, &json, *seq)?;
                    }
                    None => {
                        // Its cases go with it: nothing in the history names them either.
                        tx.delete_account(id)?;
                    }
                }
            }
            if !f.found(d, mode) {
                return Ok(false);
            }
        }
    }
    // Credit cases.
    const CASES: &str = "credit_cases";
    let mut by_case: BTreeMap<&str, Vec<&AuditEvent>> = BTreeMap::new();
    for e in events.iter().filter(|e| e.entity == CASE) {
        by_case.entry(e.entity_id.as_str()).or_default().push(e);
    }
    let mut rows: BTreeMap<String, cdesk_store::CreditCaseRow> = tx.credit_case_rows()?.into_iter().map(|r| (r.id.clone(), r)).collect();
    let mut ids: BTreeSet<String> = by_case.keys().map(|k| (*k).to_owned()).collect();
    ids.extend(rows.keys().cloned());
    for id in &ids {
        let row = rows.remove(id);
        let Some(case_events) = by_case.get(id.as_str()) else {
            if mode == Mode::Repair {
                tx.delete_credit_case(id)?;
            }
            if !f.found(Difference::new(CASES, id, None, "the row has no history: it was put into the file, not recorded"), mode) {
                return Ok(false);
            }
            continue;
        };
        f.credit_cases += 1;
        note_id(counters, id);
        let last = case_events.last().expect("grouped").seq;
        let account_id = case_events
            .iter()
            .find(|e| e.action == "decision_recorded")
            .and_then(|e| serde_json::from_str::<Value>(&e.payload).ok())
            .and_then(|v| v.get("account").and_then(Value::as_str).map(str::to_owned))
            .ok_or_else(|| ErrorBody::internal(format!("the history of {id} does not name its account")))?;
        let entries = case_events
            .iter()
            .map(|r| Ok(CaseEntry { seq: r.seq, recorded_at: crate::stored_instant(&r.recorded_at)?, event: CaseEvent::from_stored(&r.action, &r.payload)? }))
            .collect::<Result<Vec<_>>>()?;
        // Judged with the account as the case's last entry left it (before accounts kept their
        // states in the history, with the account as it is now).
        let account_states = states.get(&account_id).map(Vec::as_slice).unwrap_or_default();
        let mut accounts: Vec<&Value> = state_at(account_states, last).into_iter().collect();
        accounts.extend(account_states.last().map(|(_, v)| v));
        let mut expected: Option<(Value, String, bool)> = None;
        let mut matched = false;
        for a in accounts {
            let account: ConnectedAccount =
                serde_json::from_value(a.clone()).map_err(|e| ErrorBody::internal(format!("the recorded state of {account_id} cannot be read: {e}")))?;
            let c = actions::current(&entries, &account)?;
            let json = serde_json::to_value(&c).map_err(|e| ErrorBody::internal(e.to_string()))?;
            let (due, sent) = (instant_text(c.notice_due), c.notice.is_some());
            if let Some(r) = &row {
                let actual: Value = serde_json::from_str(&r.case_json).unwrap_or(Value::Null);
                if actual == json && r.notice_due == due && r.notice_sent == sent && r.last_event_seq == last && r.account_id == account_id && r.kind == c.kind.decision_type() {
                    matched = true;
                    break;
                }
            }
            expected.get_or_insert((json, due, sent));
        }
        if matched {
            continue;
        }
        let Some((json, due, sent)) = expected else {
            return Err(ErrorBody::internal(format!("no recorded state of {account_id}, the account of {id}")));
        };
        let d = match &row {
            None => Difference::new(CASES, id, None, "the case is in the history but its row is missing: it was deleted from the file"),
            Some(r) => {
                let actual: Value = serde_json::from_str(&r.case_json).unwrap_or(Value::Null);
                if let Some(field) = json_difference(&json, &actual) {
                    Difference::new(
                        CASES,
                        id,
                        Some(&format!("case_json.{field}")),
                        format!("the file holds {} where the history makes {}", json_shown(actual.get(&field)), json_shown(json.get(&field))),
                    )
                } else if r.notice_due != due {
                    Difference::new(CASES, id, Some("notice_due"), format!("the file holds {:?} where the history makes {due:?}", r.notice_due))
                } else if r.notice_sent != sent {
                    Difference::new(CASES, id, Some("notice_sent"), format!("the file holds {} where the history makes {sent}", r.notice_sent))
                } else if r.account_id != account_id {
                    Difference::new(CASES, id, Some("account_id"), format!("the file holds {:?} where the history makes {account_id:?}", r.account_id))
                } else if r.last_event_seq != last {
                    Difference::new(CASES, id, Some("last_event_seq"), format!("the file holds {} where the history makes {last}", r.last_event_seq))
                } else {
                    Difference::new(CASES, id, Some("kind"), format!("the file holds {:?}", r.kind))
                }
            }
        };
        if mode == Mode::Repair {
            let c: cdesk_domain::credit::CreditCase = serde_json::from_value(json.clone()).map_err(|e| ErrorBody::internal(e.to_string()))?;
            tx.delete_credit_case(id)?;
            crate::ledger::save_case(tx, id, &account_id, &c, last)?;
        }
        if !f.found(d, mode) {
            return Ok(false);
        }
        // Kept notices are checked below, with the history intact.
    }
    // Each notice kept with its `notice_sent` entry still makes the text whose SHA-256 it records.
    for e in events.iter().filter(|e| e.entity == CASE && e.action == "notice_sent") {
        let v: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        let (Some(sha), Some(notice)) = (v.get("text_sha256").and_then(Value::as_str), v.get("notice")) else { continue };
        let Ok(notice) = serde_json::from_value::<cdesk_exports::NoticeInput>(notice.clone()) else {
            let d = Difference::new("audit_events", &e.seq.to_string(), Some("payload.notice"), "the notice kept with this entry cannot be read");
            if !f.found(d.unrepairable(), mode) {
                return Ok(false);
            }
            continue;
        };
        if crate::reports::sha256_hex(cdesk_exports::notice_text(&notice).as_bytes()) != sha {
            let d = Difference::new(
                "audit_events",
                &e.seq.to_string(),
                Some("payload.notice"),
                format!("the notice of {} kept with this entry does not make the text whose SHA-256 it records", e.entity_id),
            );
            if !f.found(d.unrepairable(), mode) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

fn check_counters(tx: &Tx<'_>, mode: Mode, expected: &BTreeMap<String, i64>, f: &mut Findings) -> Result<bool> {
    const TABLE: &str = "id_counters";
    let stored: BTreeMap<String, i64> = tx.counters()?.into_iter().collect();
    let scopes: BTreeSet<&String> = expected.keys().chain(stored.keys()).collect();
    for scope in scopes {
        let (e, s) = (expected.get(scope).copied(), stored.get(scope).copied());
        if e == s {
            continue;
        }
        let d = Difference::new(
            TABLE,
            scope,
            Some("last"),
            format!(
                "the file holds {} where the history has given out {}",
                s.map_or_else(|| "no counter".to_owned(), |n| n.to_string()),
                e.map_or_else(|| "no id".to_owned(), |n| format!("ids up to {n}"))
            ),
        );
        if mode == Mode::Repair {
            tx.set_counter(scope, e)?;
        }
        if !f.found(d, mode) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn check_settings(tx: &Tx<'_>, mode: Mode, expected: &SettingsState, f: &mut Findings) -> Result<bool> {
    let stored: BTreeMap<String, String> =
        tx.all_settings()?.into_iter().filter(|(k, _)| !UNAUDITED_SETTINGS.contains(&k.as_str())).collect();
    let keys: BTreeSet<&String> = expected.values.keys().chain(stored.keys()).collect();
    let same = |k: &str, a: &str, b: &str| {
        // The credit program is JSON: the same program may be spelt with keys in another order.
        if k == crate::credit::SETTING_CREDIT_PROGRAM {
            serde_json::from_str::<Value>(a).ok() == serde_json::from_str::<Value>(b).ok()
        } else {
            a == b
        }
    };
    for key in keys {
        let (e, s) = (expected.values.get(key), stored.get(key));
        let equal = match (e, s) {
            (Some(a), Some(b)) => same(key, a, b),
            (None, None) => true,
            _ => false,
        };
        if equal {
            continue;
        }
        let d = Difference::new(
            "settings",
            key,
            Some("value"),
            format!("the file holds {} where the history makes {}", shown(&s.cloned()), shown(&e.cloned())),
        );
        if mode == Mode::Repair {
            match e {
                Some(v) => tx.set_setting(key, v)?,
                None => tx.delete_setting(key)?,
            }
        }
        if !f.found(d, mode) {
            return Ok(false);
        }
    }
    let stored: BTreeMap<String, String> = tx.closures()?.into_iter().collect();
    if stored != expected.closures {
        let days: BTreeSet<&String> = expected.closures.keys().chain(stored.keys()).collect();
        let day = days.into_iter().find(|d| expected.closures.get(*d) != stored.get(*d)).cloned().unwrap_or_default();
        let d = Difference::new(
            "closures",
            &day,
            Some("name"),
            format!(
                "the file holds {} where the history makes {}",
                shown(&stored.get(&day).cloned()),
                shown(&expected.closures.get(&day).cloned())
            ),
        );
        if mode == Mode::Repair {
            let all: Vec<(String, String)> = expected.closures.iter().map(|(d, n)| (d.clone(), n.clone())).collect();
            tx.replace_closures(&all)?;
        }
        if !f.found(d, mode) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Submissions: each `submitted` event has its row, with the month, instant, officer, note and
/// fingerprints it recorded, and its files still hash to them. Files are not in the history,
/// so a lost or changed one is not repairable: only a backup has it.
fn check_submissions(tx: &Tx<'_>, mode: Mode, f: &mut Findings) -> Result<bool> {
    const TABLE: &str = "report_submissions";
    let rows = tx.submission_rows()?;
    let events: Vec<AuditEvent> = tx.audit_events_of_kinds(&["report"])?.into_iter().filter(|e| e.action == "submitted").collect();
    for e in &events {
        let v: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let key = format!("{} (event {})", e.entity_id, e.seq);
        let matching: Vec<&cdesk_store::SubmissionRow> = rows.iter().filter(|r| r.audit_seq == e.seq).collect();
        if matching.len() > 1 {
            let d = Difference::new(TABLE, &key, None, format!("{} rows claim this one submission: rows were put into the file", matching.len()));
            if !f.found(d.unrepairable(), mode) {
                return Ok(false);
            }
            continue;
        }
        let Some(r) = matching.first() else {
            let d = Difference::new(TABLE, &key, None, "the submission is in the history but its row (with the files sent) is missing: restore it from a backup");
            if !f.found(d.unrepairable(), mode) {
                return Ok(false);
            }
            continue;
        };
        let checks: [(&str, Option<String>, Option<String>); 8] = [
            ("month", Some(e.entity_id.clone()), Some(r.month.clone())),
            ("submitted_at", Some(e.recorded_at.clone()), Some(r.submitted_at.clone())),
            ("actor", Some(e.actor.clone()), Some(r.actor.clone())),
            ("note", text("note"), r.note.clone()),
            ("csv_sha256", text("csv_sha256"), Some(r.csv_sha256.clone())),
            ("xlsx_sha256", text("xlsx_sha256"), Some(r.xlsx_sha256.clone())),
            ("pdf_sha256", text("pdf_sha256"), r.pdf_sha256.clone()),
            ("audit_seq", Some(e.seq.to_string()), Some(r.audit_seq.to_string())),
        ];
        if let Some((field, expected, actual)) = checks.into_iter().find(|(_, e, a)| e != a) {
            let d = Difference::new(TABLE, &key, Some(field), format!("the file holds {} where the history recorded {}", shown(&actual), shown(&expected)));
            if !f.found(d.unrepairable(), mode) {
                return Ok(false);
            }
        }
    }
    if let Some((seq, problem)) = crate::audit::submission_problem(tx)? {
        let d = Difference::new(TABLE, &format!("event {seq}"), None, problem);
        if !f.found(d.unrepairable(), mode) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The reserve's recorded facts: exactly the rows the reserve events made, in their places.
fn check_reserve(tx: &Tx<'_>, mode: Mode, f: &mut Findings) -> Result<bool> {
    const TABLE: &str = "reserve_entries";
    let mut expected: BTreeMap<(i64, i64), cdesk_store::ReserveEntryRow> = BTreeMap::new();
    for e in tx.audit_events_of_kinds(&[crate::reserve::RESERVE])? {
        for r in crate::reserve::rows_of(e.seq, &crate::reserve::entries_of(&e)) {
            expected.insert((r.seq, r.n), r);
        }
    }
    let stored: BTreeMap<(i64, i64), cdesk_store::ReserveEntryRow> = tx.reserve_entries(None)?.into_iter().map(|r| ((r.seq, r.n), r)).collect();
    if expected == stored {
        return Ok(true);
    }
    let keys: BTreeSet<&(i64, i64)> = expected.keys().chain(stored.keys()).collect();
    let mut found = Vec::new();
    for key in keys {
        let name = format!("event {} entry {}", key.0, key.1 + 1);
        let d = match (expected.get(key), stored.get(key)) {
            (Some(_), None) => Difference::new(TABLE, &name, None, "the history recorded this fact but its row is missing"),
            (None, Some(_)) => Difference::new(TABLE, &name, None, "the file holds a row that no event recorded"),
            (Some(e), Some(s)) => {
                let fields: [(&str, String, String); 7] = [
                    ("kind", e.kind.clone(), s.kind.clone()),
                    ("account", shown(&e.account), shown(&s.account)),
                    ("currency", e.currency.clone(), s.currency.clone()),
                    ("at", e.at.clone(), s.at.clone()),
                    ("amount", e.amount.to_string(), s.amount.to_string()),
                    ("ref", shown(&e.reference), shown(&s.reference)),
                    ("detail", shown(&e.detail), shown(&s.detail)),
                ];
                let Some((field, want, have)) = fields.into_iter().find(|(_, a, b)| a != b) else { continue };
                Difference::new(TABLE, &name, Some(field), format!("the file holds {have} where the history recorded {want}"))
            }
            (None, None) => continue,
        };
        found.push(d);
        if mode == Mode::Check {
            break;
        }
    }
    if mode == Mode::Repair {
        tx.replace_reserve_entries(&expected.into_values().collect::<Vec<_>>())?;
    }
    for d in found {
        if !f.found(d, mode) {
            return Ok(false);
        }
    }
    Ok(true)
}
