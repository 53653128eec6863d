//! The history, accounts, credit cases, settings, submitted reports and the reserve's facts on
//! the team server.

use postgres::Row;

use super::PgTx;
use crate::audit::{chain_hash, ChainWalk, GENESIS_HASH};
use crate::{
    AuditEvent, AuditProblem, CreditCaseRecord, NewAuditEvent, NewSubmission, NoticeTally, ReserveEntryRow, StoreError,
    StoredSubmission, Submission, SubmittedFile,
};

pub(crate) const EVENT_COLUMNS: &str = "seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash";

pub(crate) fn event(r: &Row) -> AuditEvent {
    AuditEvent {
        seq: r.get(0),
        recorded_at: r.get(1),
        actor: r.get(2),
        entity: r.get(3),
        entity_id: r.get(4),
        action: r.get(5),
        payload: r.get(6),
        prev_hash: r.get(7),
        hash: r.get(8),
    }
}

fn entry(r: &Row) -> ReserveEntryRow {
    ReserveEntryRow {
        seq: r.get(0),
        n: r.get(1),
        kind: r.get(2),
        account: r.get(3),
        currency: r.get(4),
        at: r.get(5),
        amount: r.get(6),
        reference: r.get(7),
        detail: r.get(8),
    }
}

impl PgTx<'_> {
    // ------------------------------------------------------------------ the history

    /// Appends an event after the chain's head. The write transaction holds the team's write
    /// lock, so the head read here is the newest: no two events share a predecessor.
    pub fn append_audit(&self, e: &NewAuditEvent<'_>) -> Result<i64, StoreError> {
        let head = self.opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])?;
        let (prev_seq, prev_hash): (i64, String) = head.map(|r| (r.get(0), r.get(1))).unwrap_or((0, GENESIS_HASH.to_owned()));
        let seq = prev_seq + 1;
        let hash = chain_hash(&prev_hash, seq, e);
        self.exec(
            "INSERT INTO audit_events (seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[&seq, &e.recorded_at, &e.actor, &e.entity, &e.entity_id, &e.action, &e.payload, &prev_hash, &hash],
        )?;
        self.exec(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            &[&seq, &hash],
        )?;
        Ok(seq)
    }

    pub fn audit_event(&self, seq: i64) -> Result<Option<AuditEvent>, StoreError> {
        Ok(self.opt(&format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE seq = $1"), &[&seq])?.as_ref().map(event))
    }

    pub fn audit_events_of(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE entity = $1 AND entity_id = $2 ORDER BY seq");
        Ok(self.rows(&sql, &[&entity, &entity_id])?.iter().map(event).collect())
    }

    pub fn verify_audit(&self) -> Result<(i64, Option<AuditProblem>), StoreError> {
        self.verify_audit_counted(&mut |_| {})
    }

    pub fn verify_audit_counted(&self, counted: &mut dyn FnMut(u64)) -> Result<(i64, Option<AuditProblem>), StoreError> {
        let mut walk = ChainWalk::new();
        let mut found = None;
        self.each_row::<StoreError>(&format!("SELECT {EVENT_COLUMNS} FROM audit_events ORDER BY seq"), &[], |r| {
            found = walk.step(&event(r), counted);
            Ok(found.is_none())
        })?;
        if found.is_some() {
            return Ok((walk.count, found));
        }
        let head = self.opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])?.map(|r| (r.get::<_, i64>(0), r.get::<_, String>(1)));
        Ok((walk.count, walk.finish(head)))
    }

    pub fn audit_events_of_kinds(&self, entities: &[&str]) -> Result<Vec<AuditEvent>, StoreError> {
        let list: Vec<String> = entities.iter().map(|s| (*s).to_owned()).collect();
        let sql = format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE entity = ANY($1) ORDER BY seq");
        Ok(self.rows(&sql, &[&list])?.iter().map(event).collect())
    }

    // ------------------------------------------------------------------ accounts and cases

    pub fn put_account(&self, id: &str, legal_name: &str, account_json: &str, last_event_seq: i64) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO accounts (id, account_json, legal_name, last_event_seq) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET account_json = excluded.account_json, legal_name = excluded.legal_name,
                last_event_seq = excluded.last_event_seq",
            &[&id, &account_json, &legal_name, &last_event_seq],
        )?;
        Ok(())
    }

    pub fn account_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.opt("SELECT account_json FROM accounts WHERE id = $1", &[&id])?.map(|r| r.get(0)))
    }

    pub fn accounts(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.rows("SELECT id, account_json FROM accounts ORDER BY lower(legal_name), id", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn put_credit_case(&self, r: &CreditCaseRecord, notice_due: &str, notice_sent: bool, last_event_seq: i64) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO credit_cases (id, account_id, kind, case_json, notice_due, notice_sent, last_event_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET case_json = excluded.case_json, notice_due = excluded.notice_due,
                notice_sent = excluded.notice_sent, last_event_seq = excluded.last_event_seq",
            &[&r.id, &r.account_id, &r.kind, &r.case_json, &notice_due, &notice_sent, &last_event_seq],
        )?;
        Ok(())
    }

    pub fn credit_case(&self, id: &str) -> Result<Option<CreditCaseRecord>, StoreError> {
        Ok(self
            .opt("SELECT id, account_id, kind, case_json FROM credit_cases WHERE id = $1", &[&id])?
            .map(|r| CreditCaseRecord { id: r.get(0), account_id: r.get(1), kind: r.get(2), case_json: r.get(3) }))
    }

    pub fn credit_cases(&self, account_id: Option<&str>) -> Result<Vec<CreditCaseRecord>, StoreError> {
        Ok(self
            .rows(
                "SELECT id, account_id, kind, case_json FROM credit_cases WHERE $1::text IS NULL OR account_id = $1 ORDER BY id DESC",
                &[&account_id],
            )?
            .iter()
            .map(|r| CreditCaseRecord { id: r.get(0), account_id: r.get(1), kind: r.get(2), case_json: r.get(3) })
            .collect())
    }

    pub fn notice_tally(&self, now: &str, soon: &str) -> Result<NoticeTally, StoreError> {
        let r = self.one(
            "SELECT count(*) FILTER (WHERE notice_due < $1), count(*) FILTER (WHERE notice_due >= $1 AND notice_due <= $2)
             FROM credit_cases WHERE NOT notice_sent",
            &[&now, &soon],
        )?;
        Ok(NoticeTally { overdue: r.get(0), due_soon: r.get(1) })
    }

    // ------------------------------------------------------------------ settings

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.opt("SELECT value FROM settings WHERE key = $1", &[&key])?.map(|r| r.get(0)))
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.exec("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", &[&key, &value])?;
        Ok(())
    }

    pub fn closures(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.rows("SELECT day, name FROM closures ORDER BY day", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn put_closure(&self, day: &str, name: &str) -> Result<(), StoreError> {
        self.exec("INSERT INTO closures (day, name) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET name = excluded.name", &[&day, &name])?;
        Ok(())
    }

    pub fn delete_closure(&self, day: &str) -> Result<bool, StoreError> {
        Ok(self.exec("DELETE FROM closures WHERE day = $1", &[&day])? > 0)
    }

    // ------------------------------------------------------------------ submitted reports

    pub fn insert_submission(&self, s: &NewSubmission<'_>) -> Result<i64, StoreError> {
        Ok(self
            .one(
                "INSERT INTO report_submissions (month, submitted_at, actor, note, report_json, csv, csv_sha256, xlsx, xlsx_sha256,
                    pdf, pdf_sha256, audit_seq)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq",
                &[&s.month, &s.submitted_at, &s.actor, &s.note, &s.report_json, &s.csv, &s.csv_sha256, &s.xlsx, &s.xlsx_sha256, &s.pdf, &s.pdf_sha256, &s.audit_seq],
            )?
            .get(0))
    }

    pub fn submissions(&self, month: &str) -> Result<Vec<Submission>, StoreError> {
        Ok(self
            .rows(
                "SELECT seq, month, submitted_at, actor, note, report_json, csv_sha256, xlsx_sha256, pdf_sha256
                 FROM report_submissions WHERE month = $1 ORDER BY seq",
                &[&month],
            )?
            .iter()
            .map(|r| Submission {
                seq: r.get(0),
                month: r.get(1),
                submitted_at: r.get(2),
                actor: r.get(3),
                note: r.get(4),
                report_json: r.get(5),
                csv_sha256: r.get(6),
                xlsx_sha256: r.get(7),
                pdf_sha256: r.get(8),
            })
            .collect())
    }

    pub fn submitted_file(&self, seq: i64, file: SubmittedFile) -> Result<Option<Vec<u8>>, StoreError> {
        let column = match file {
            SubmittedFile::Csv => "csv",
            SubmittedFile::Xlsx => "xlsx",
            SubmittedFile::Pdf => "pdf",
        };
        Ok(self.opt(&format!("SELECT {column} FROM report_submissions WHERE seq = $1"), &[&seq])?.and_then(|r| r.get(0)))
    }

    pub fn stored_submissions(&self) -> Result<Vec<StoredSubmission>, StoreError> {
        Ok(self
            .rows("SELECT seq, month, audit_seq, report_json, csv, xlsx, pdf FROM report_submissions ORDER BY seq", &[])?
            .iter()
            .map(|r| StoredSubmission { seq: r.get(0), month: r.get(1), audit_seq: r.get(2), report_json: r.get(3), csv: r.get(4), xlsx: r.get(5), pdf: r.get(6) })
            .collect())
    }

    pub fn first_submissions(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .rows("SELECT month, min(submitted_at) FROM report_submissions GROUP BY month ORDER BY month", &[])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    pub fn submission_month(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self.opt("SELECT month FROM report_submissions WHERE seq = $1", &[&seq])?.map(|r| r.get(0)))
    }

    // ------------------------------------------------------------------ the reserve's facts

    pub fn insert_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        for r in rows {
            self.exec(
                "INSERT INTO reserve_entries (seq, n, kind, account, currency, at, amount, ref, detail)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[&r.seq, &r.n, &r.kind, &r.account, &r.currency, &r.at, &r.amount, &r.reference, &r.detail],
            )?;
        }
        Ok(())
    }

    pub fn reserve_entries(&self, kind: Option<&str>) -> Result<Vec<ReserveEntryRow>, StoreError> {
        Ok(self
            .rows(
                "SELECT seq, n, kind, account, currency, at, amount, ref, detail FROM reserve_entries
                 WHERE $1::text IS NULL OR kind = $1 ORDER BY seq, n",
                &[&kind],
            )?
            .iter()
            .map(entry)
            .collect())
    }

    pub fn reserve_entry_by_ref(&self, kind: &str, reference: &str) -> Result<Option<ReserveEntryRow>, StoreError> {
        Ok(self
            .opt(
                "SELECT seq, n, kind, account, currency, at, amount, ref, detail FROM reserve_entries WHERE kind = $1 AND ref = $2",
                &[&kind, &reference],
            )?
            .as_ref()
            .map(entry))
    }

    pub fn replace_reserve_entries(&self, rows: &[ReserveEntryRow]) -> Result<(), StoreError> {
        self.exec("DELETE FROM reserve_entries", &[])?;
        self.insert_reserve_entries(rows)
    }
}
