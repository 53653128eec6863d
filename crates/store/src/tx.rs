//! A transaction on either store. The use cases call these methods; each goes to the SQLite
//! file's implementation ([`LiteTx`]) or the team server's ([`PgTx`]), which answer alike.

use crate::pg::PgTx;
use crate::*;

/// A transaction: every read and write of one use-case call goes through one of these.
pub enum Tx<'a> {
    /// On the single-user SQLite file.
    Lite(LiteTx<'a>),
    /// On the team's PostgreSQL server.
    Pg(PgTx<'a>),
}

impl Tx<'_> {
    /// What SQLite's integrity check finds wrong with the file's pages (every page is read),
    /// or None when it is sound.
    ///
    /// # Errors
    /// Store errors only.
    pub fn integrity_problem(&self) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.integrity_problem(),
            Tx::Pg(t) => t.integrity_problem(),
        }
    }

    /// The newest event of the chain, as the head record says.
    ///
    /// # Errors
    /// Store errors only.
    pub fn chain_head(&self) -> Result<Option<ChainHead>, StoreError> {
        match self {
            Tx::Lite(t) => t.chain_head(),
            Tx::Pg(t) => t.chain_head(),
        }
    }

    /// The hash of event `seq`, if the file has it.
    ///
    /// # Errors
    /// Store errors only.
    pub fn event_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.event_hash(seq),
            Tx::Pg(t) => t.event_hash(seq),
        }
    }

    /// SQLite's data version of the file: it changes when another connection commits.
    ///
    /// # Errors
    /// Store errors only.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.data_version(),
            Tx::Pg(t) => t.data_version(),
        }
    }

    /// How many register rows were changed outside the desk's own write transactions since the
    /// register was last found equal to its history (None in a file without the seal). A seal
    /// whose triggers are missing counts as broken.
    ///
    /// # Errors
    /// Store errors only.
    pub fn register_changes(&self) -> Result<Option<i64>, StoreError> {
        match self {
            Tx::Lite(t) => t.register_changes(),
            Tx::Pg(t) => t.register_changes(),
        }
    }

    /// Runs `f` with a small page cache (8 MB instead of 64): a read that streams the history
    /// once gains nothing from keeping its pages, and the report's memory stays bounded.
    ///
    /// # Errors
    /// Store errors only.
    pub fn with_small_cache<T>(&self, f: impl FnOnce() -> T) -> Result<T, StoreError> {
        match self {
            Tx::Lite(t) => t.with_small_cache(f),
            Tx::Pg(t) => t.with_small_cache(f),
        }
    }

    /// Stops counting inserts into the register row by row for a bulk insert in this
    /// transaction (the count is bumped once by [`Tx::resume_register_seal`]). A seal that was
    /// intact as the desk's write began is intact again as it commits, as for any write.
    ///
    /// # Errors
    /// Store errors only.
    pub fn suspend_register_seal(&self) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.suspend_register_seal(),
            Tx::Pg(t) => t.suspend_register_seal(),
        }
    }

    /// Counts the bulk insert since [`Tx::suspend_register_seal`] as one change and counts
    /// row by row again.
    ///
    /// # Errors
    /// Store errors only.
    pub fn resume_register_seal(&self) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.resume_register_seal(),
            Tx::Pg(t) => t.resume_register_seal(),
        }
    }

    /// Seals the register again after it was found equal to its history, unless it changed
    /// since (`seen` is what [`Tx::register_changes`] said as that check began); restores the
    /// seal's triggers if they were dropped.
    ///
    /// # Errors
    /// Store errors only.
    pub fn seal_register(&self, seen: i64) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.seal_register(seen),
            Tx::Pg(t) => t.seal_register(seen),
        }
    }

    /// Appends an event to the chain and returns its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn append_audit(&self, e: &NewAuditEvent<'_>) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.append_audit(e),
            Tx::Pg(t) => t.append_audit(e),
        }
    }

    /// One event by its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_event(&self, seq: i64) -> Result<Option<AuditEvent>, StoreError> {
        match self {
            Tx::Lite(t) => t.audit_event(seq),
            Tx::Pg(t) => t.audit_event(seq),
        }
    }

    /// Every event of one entity, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_events_of(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        match self {
            Tx::Lite(t) => t.audit_events_of(entity, entity_id),
            Tx::Pg(t) => t.audit_events_of(entity, entity_id),
        }
    }

    /// Walks the whole chain. Returns the number of events and the first problem, if any.
    ///
    /// # Errors
    /// Store errors only (a broken chain is a result, not an error).
    pub fn verify_audit(&self) -> Result<(i64, Option<AuditProblem>), StoreError> {
        match self {
            Tx::Lite(t) => t.verify_audit(),
            Tx::Pg(t) => t.verify_audit(),
        }
    }

    /// [`Tx::verify_audit`], telling `counted` how many events it has walked every 4,096.
    ///
    /// # Errors
    /// Store errors only.
    pub fn verify_audit_counted(&self, counted: &mut dyn FnMut(u64)) -> Result<(i64, Option<AuditProblem>), StoreError> {
        match self {
            Tx::Lite(t) => t.verify_audit_counted(counted),
            Tx::Pg(t) => t.verify_audit_counted(counted),
        }
    }

    /// The next number in a sequence (e.g. complaint ids per year), starting at 1.
    ///
    /// # Errors
    /// Store errors only.
    pub fn next_number(&self, scope: &str) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.next_number(scope),
            Tx::Pg(t) => t.next_number(scope),
        }
    }

    /// Inserts a new complaint's register row and indexes its text for search.
    ///
    /// # Errors
    /// Store errors only (including a duplicate id).
    /// `search_text` is the lower-cased text the register's search matches; it is fixed at
    /// logging.
    pub fn insert_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.insert_complaint(c, search_text),
            Tx::Pg(t) => t.insert_complaint(c, search_text),
        }
    }

    /// Rewrites an existing complaint's register row (its text, fixed at logging, stays indexed).
    ///
    /// # Errors
    /// Store errors only.
    pub fn update_complaint(&self, c: &ComplaintRecord) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.update_complaint(c),
            Tx::Pg(t) => t.update_complaint(c),
        }
    }

    /// One complaint's register row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint(&self, id: &str) -> Result<Option<ComplaintRecord>, StoreError> {
        match self {
            Tx::Lite(t) => t.complaint(id),
            Tx::Pg(t) => t.complaint(id),
        }
    }

    /// Ids of every complaint, in id order (to rebuild the register from the history).
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.complaint_ids(),
            Tx::Pg(t) => t.complaint_ids(),
        }
    }

    /// Ids of every complaint of `kind` (a kind code), in order.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_ids_of_kind(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.complaint_ids_of_kind(kind),
            Tx::Pg(t) => t.complaint_ids_of_kind(kind),
        }
    }

    /// Open complaints whose next clock is the Stripe notification, due on or before `until`
    /// (a date), with that due date.
    ///
    /// # Errors
    /// Store errors only.
    pub fn pending_stripe_notices(&self, until: &str) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Tx::Lite(t) => t.pending_stripe_notices(until),
            Tx::Pg(t) => t.pending_stripe_notices(until),
        }
    }

    /// Ids of every open complaint (to recompute their deadlines).
    ///
    /// # Errors
    /// Store errors only.
    pub fn open_complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.open_complaint_ids(),
            Tx::Pg(t) => t.open_complaint_ids(),
        }
    }

    /// A page of the register and the number of rows the filter matches.
    ///
    /// # Errors
    /// Store errors only.
    pub fn list_complaints(&self, f: &ComplaintFilter) -> Result<(Vec<ComplaintRecord>, RegisterTotal), StoreError> {
        match self {
            Tx::Lite(t) => t.list_complaints(f),
            Tx::Pg(t) => t.list_complaints(f),
        }
    }

    /// Header counts as of `today`, with `soon_until` the last day counted as "due soon" and
    /// `soon_days` the days after today up to it (a support timer on one of them counts too).
    ///
    /// # Errors
    /// Store errors only.
    pub fn register_tally(&self, today: &str, soon_until: &str, soon_days: &[String], assignee_key: Option<&str>) -> Result<RegisterTally, StoreError> {
        match self {
            Tx::Lite(t) => t.register_tally(today, soon_until, soon_days, assignee_key),
            Tx::Pg(t) => t.register_tally(today, soon_until, soon_days, assignee_key),
        }
    }

    /// How many rows the register has.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_count(&self) -> Result<u64, StoreError> {
        match self {
            Tx::Lite(t) => t.complaint_count(),
            Tx::Pg(t) => t.complaint_count(),
        }
    }

    /// Inserts or replaces an account's current state.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_account(&self, id: &str, legal_name: &str, account_json: &str, last_event_seq: i64) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.put_account(id, legal_name, account_json, last_event_seq),
            Tx::Pg(t) => t.put_account(id, legal_name, account_json, last_event_seq),
        }
    }

    /// An account's current state as JSON, if it exists.
    ///
    /// # Errors
    /// Store errors only.
    pub fn account_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.account_json(id),
            Tx::Pg(t) => t.account_json(id),
        }
    }

    /// Every account as (id, JSON), by legal name.
    ///
    /// # Errors
    /// Store errors only.
    pub fn accounts(&self) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Tx::Lite(t) => t.accounts(),
            Tx::Pg(t) => t.accounts(),
        }
    }

    /// Inserts or replaces a case's current state.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_credit_case(&self, r: &CreditCaseRecord, notice_due: &str, notice_sent: bool, last_event_seq: i64) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.put_credit_case(r, notice_due, notice_sent, last_event_seq),
            Tx::Pg(t) => t.put_credit_case(r, notice_due, notice_sent, last_event_seq),
        }
    }

    /// One case, if it exists.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_case(&self, id: &str) -> Result<Option<CreditCaseRecord>, StoreError> {
        match self {
            Tx::Lite(t) => t.credit_case(id),
            Tx::Pg(t) => t.credit_case(id),
        }
    }

    /// Cases, newest first; of one account when given.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_cases(&self, account_id: Option<&str>) -> Result<Vec<CreditCaseRecord>, StoreError> {
        match self {
            Tx::Lite(t) => t.credit_cases(account_id),
            Tx::Pg(t) => t.credit_cases(account_id),
        }
    }

    /// Unsent notices past `now` (RFC 3339 UTC) and those due by `soon`.
    ///
    /// # Errors
    /// Store errors only.
    pub fn notice_tally(&self, now: &str, soon: &str) -> Result<NoticeTally, StoreError> {
        match self {
            Tx::Lite(t) => t.notice_tally(now, soon),
            Tx::Pg(t) => t.notice_tally(now, soon),
        }
    }

    /// A setting's value, if set.
    ///
    /// # Errors
    /// Store errors only.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.setting(key),
            Tx::Pg(t) => t.setting(key),
        }
    }

    /// Sets a setting.
    ///
    /// # Errors
    /// Store errors only.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.set_setting(key, value),
            Tx::Pg(t) => t.set_setting(key, value),
        }
    }

    /// Every closure day as (`YYYY-MM-DD`, name), in date order.
    ///
    /// # Errors
    /// Store errors only.
    pub fn closures(&self) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Tx::Lite(t) => t.closures(),
            Tx::Pg(t) => t.closures(),
        }
    }

    /// Adds or renames a closure day.
    ///
    /// # Errors
    /// Store errors only.
    pub fn put_closure(&self, day: &str, name: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.put_closure(day, name),
            Tx::Pg(t) => t.put_closure(day, name),
        }
    }

    /// Removes a closure day; returns whether there was one.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_closure(&self, day: &str) -> Result<bool, StoreError> {
        match self {
            Tx::Lite(t) => t.delete_closure(day),
            Tx::Pg(t) => t.delete_closure(day),
        }
    }

    /// Stores a submission; returns its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn insert_submission(&self, s: &NewSubmission<'_>) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.insert_submission(s),
            Tx::Pg(t) => t.insert_submission(s),
        }
    }

    /// Every submission of a month, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submissions(&self, month: &str) -> Result<Vec<Submission>, StoreError> {
        match self {
            Tx::Lite(t) => t.submissions(month),
            Tx::Pg(t) => t.submissions(month),
        }
    }

    /// One stored file of a submission, as it was sent.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submitted_file(&self, seq: i64, file: SubmittedFile) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            Tx::Lite(t) => t.submitted_file(seq, file),
            Tx::Pg(t) => t.submitted_file(seq, file),
        }
    }

    /// Every submission with its files, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn stored_submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        match self {
            Tx::Lite(t) => t.stored_submissions(),
            Tx::Pg(t) => t.stored_submissions(),
        }
    }

    /// When each submitted month was first submitted: `(month, submitted_at)`, by month.
    ///
    /// # Errors
    /// Store errors only.
    pub fn first_submissions(&self) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Tx::Lite(t) => t.first_submissions(),
            Tx::Pg(t) => t.first_submissions(),
        }
    }

    /// The month of a submission.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submission_month(&self, seq: i64) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.submission_month(seq),
            Tx::Pg(t) => t.submission_month(seq),
        }
    }

    /// Stores the facts one event recorded.
    ///
    /// # Errors
    /// Store errors only (including a balance transaction imported twice).
    pub fn insert_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.insert_reserve_entries(rows),
            Tx::Pg(t) => t.insert_reserve_entries(rows),
        }
    }

    /// Every stored fact of a kind (all kinds when `None`), in the order they were recorded.
    ///
    /// # Errors
    /// Store errors only.
    pub fn reserve_entries(&self, kind: Option<&str>) -> Result<Vec<ReserveEntryRow>, StoreError> {
        match self {
            Tx::Lite(t) => t.reserve_entries(kind),
            Tx::Pg(t) => t.reserve_entries(kind),
        }
    }

    /// The stored fact of `kind` with this reference (a balance transaction's id), if any.
    ///
    /// # Errors
    /// Store errors only.
    pub fn reserve_entry_by_ref(&self, kind: &str, reference: &str) -> Result<Option<ReserveEntryRow>, StoreError> {
        match self {
            Tx::Lite(t) => t.reserve_entry_by_ref(kind, reference),
            Tx::Pg(t) => t.reserve_entry_by_ref(kind, reference),
        }
    }

    /// Replaces every stored reserve fact with `rows` (a repair from the history).
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.replace_reserve_entries(rows),
            Tx::Pg(t) => t.replace_reserve_entries(rows),
        }
    }

    /// Every event of the given entities, in the order they were recorded.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_events_of_kinds(&self, entities: &[&str]) -> Result<Vec<AuditEvent>, StoreError> {
        match self {
            Tx::Lite(t) => t.audit_events_of_kinds(entities),
            Tx::Pg(t) => t.audit_events_of_kinds(entities),
        }
    }

    /// Every account row, by id.
    ///
    /// # Errors
    /// Store errors only.
    pub fn account_rows(&self) -> Result<Vec<AccountRow>, StoreError> {
        match self {
            Tx::Lite(t) => t.account_rows(),
            Tx::Pg(t) => t.account_rows(),
        }
    }

    /// Every credit case row, by id.
    ///
    /// # Errors
    /// Store errors only.
    pub fn credit_case_rows(&self) -> Result<Vec<CreditCaseRow>, StoreError> {
        match self {
            Tx::Lite(t) => t.credit_case_rows(),
            Tx::Pg(t) => t.credit_case_rows(),
        }
    }

    /// Every submission's columns other than its files, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn submission_rows(&self) -> Result<Vec<SubmissionRow>, StoreError> {
        match self {
            Tx::Lite(t) => t.submission_rows(),
            Tx::Pg(t) => t.submission_rows(),
        }
    }

    /// Every setting as (key, value), by key.
    ///
    /// # Errors
    /// Store errors only.
    pub fn all_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Tx::Lite(t) => t.all_settings(),
            Tx::Pg(t) => t.all_settings(),
        }
    }

    /// Every id counter as (scope, last number given), by scope.
    ///
    /// # Errors
    /// Store errors only.
    pub fn counters(&self) -> Result<Vec<(String, i64)>, StoreError> {
        match self {
            Tx::Lite(t) => t.counters(),
            Tx::Pg(t) => t.counters(),
        }
    }

    /// Search rows that belong to no complaint (left by a deleted row).
    ///
    /// # Errors
    /// Store errors only.
    pub fn orphan_search_rows(&self) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.orphan_search_rows(),
            Tx::Pg(t) => t.orphan_search_rows(),
        }
    }

    /// What FTS5's own check finds wrong with the search index against the search text, or
    /// None when they agree.
    ///
    /// # Errors
    /// Store errors other than the check's finding.
    pub fn search_index_problem(&self) -> Result<Option<String>, StoreError> {
        match self {
            Tx::Lite(t) => t.search_index_problem(),
            Tx::Pg(t) => t.search_index_problem(),
        }
    }

    /// Stops keeping the search index row by row for a bulk insert in this transaction; returns
    /// the last search row before it, for [`Tx::resume_search_index`].
    ///
    /// # Errors
    /// Store errors only.
    pub fn suspend_search_index(&self) -> Result<i64, StoreError> {
        match self {
            Tx::Lite(t) => t.suspend_search_index(),
            Tx::Pg(t) => t.suspend_search_index(),
        }
    }

    /// Indexes the search rows added after `after` in one pass, and keeps the index row by row
    /// again (the trigger of migration 10).
    ///
    /// # Errors
    /// Store errors only.
    pub fn resume_search_index(&self, after: i64) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.resume_search_index(after),
            Tx::Pg(t) => t.resume_search_index(after),
        }
    }

    /// Rebuilds the search index from the search text.
    ///
    /// # Errors
    /// Store errors only.
    pub fn rebuild_search_index(&self) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.rebuild_search_index(),
            Tx::Pg(t) => t.rebuild_search_index(),
        }
    }

    /// Replaces a complaint's register row and search text with rebuilt ones.
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.replace_complaint(c, search_text),
            Tx::Pg(t) => t.replace_complaint(c, search_text),
        }
    }

    /// Removes a complaint's register row and search text.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_complaint(&self, id: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.delete_complaint(id),
            Tx::Pg(t) => t.delete_complaint(id),
        }
    }

    /// Removes search rows that belong to no complaint.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_orphan_search_rows(&self) -> Result<usize, StoreError> {
        match self {
            Tx::Lite(t) => t.delete_orphan_search_rows(),
            Tx::Pg(t) => t.delete_orphan_search_rows(),
        }
    }

    /// Removes an account row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_account(&self, id: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.delete_account(id),
            Tx::Pg(t) => t.delete_account(id),
        }
    }

    /// Removes a credit case row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_credit_case(&self, id: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.delete_credit_case(id),
            Tx::Pg(t) => t.delete_credit_case(id),
        }
    }

    /// Sets (or, with None, removes) an id counter.
    ///
    /// # Errors
    /// Store errors only.
    pub fn set_counter(&self, scope: &str, last: Option<i64>) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.set_counter(scope, last),
            Tx::Pg(t) => t.set_counter(scope, last),
        }
    }

    /// Removes a setting.
    ///
    /// # Errors
    /// Store errors only.
    pub fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.delete_setting(key),
            Tx::Pg(t) => t.delete_setting(key),
        }
    }

    /// Replaces every closure day.
    ///
    /// # Errors
    /// Store errors only.
    pub fn replace_closures(&self, closures: &[(String, String)]) -> Result<(), StoreError> {
        match self {
            Tx::Lite(t) => t.replace_closures(closures),
            Tx::Pg(t) => t.replace_closures(closures),
        }
    }

    /// Every event of the complaints that a month's report may list (see the SQLite store's
    /// [`LiteTx::each_report_candidate_event`]), grouped by complaint, oldest first.
    ///
    /// # Errors
    /// Store errors, or the first error `each` returns.
    pub fn each_report_candidate_event<E: From<StoreError>>(
        &self,
        start: &str,
        end: &str,
        each: impl FnMut(CandidateEventRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Tx::Lite(t) => t.each_report_candidate_event(start, end, each),
            Tx::Pg(t) => t.each_report_candidate_event(start, end, each),
        }
    }

    /// Every complaint's history beside its register row as stored, in id order (see
    /// [`LiteTx::each_complaint_beside_history`]).
    ///
    /// # Errors
    /// Store errors, or the first error `f` returns.
    pub fn each_complaint_beside_history<E: From<StoreError>>(
        &self,
        f: impl FnMut(&str, &[AuditEvent], Option<RowImage>) -> Result<bool, E>,
    ) -> Result<(), E> {
        match self {
            Tx::Lite(t) => t.each_complaint_beside_history(f),
            Tx::Pg(t) => t.each_complaint_beside_history(f),
        }
    }
}
