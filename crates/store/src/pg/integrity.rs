//! Reading the team server's read models beside their history, and writing rebuilt rows back:
//! what verification and repair need, as the SQLite store gives it.

use postgres::Row;

use super::records::{event, EVENT_COLUMNS};
use super::PgTx;
use crate::{AccountRow, AuditEvent, ComplaintRecord, CreditCaseRow, RowImage, StoreError, SubmissionRow, COMPLAINT_IMAGE_COLUMNS};

/// The register row as text cells, in [`COMPLAINT_IMAGE_COLUMNS`]' order (as the file's).
const IMAGE_SQL: &str = "SELECT c.id, c.received_at, c.received_date, c.kind, c.grounds, c.status, c.product, c.channel, c.topic,
        c.summary, c.complainant_name, CASE WHEN c.contact_hold THEN '1' ELSE '0' END, c.acknowledge_by, c.resolve_by,
        c.notify_stripe_by, c.next_clock, c.next_due, c.sort_due, c.last_event_seq::text, c.resolved_at, t.dues, s.text,
        a.assignee
     FROM complaints c LEFT JOIN complaint_search s ON s.id = c.id LEFT JOIN complaint_timers t ON t.id = c.id
        LEFT JOIN complaint_assignees a ON a.id = c.id
     ORDER BY c.id";

fn image(r: &Row) -> RowImage {
    (0..COMPLAINT_IMAGE_COLUMNS.len()).map(|i| r.get::<_, Option<String>>(i)).collect()
}

impl PgTx<'_> {
    pub fn each_complaint_beside_history<E: From<StoreError>>(
        &self,
        f: impl FnMut(&str, &[AuditEvent], Option<RowImage>) -> Result<bool, E>,
    ) -> Result<(), E> {
        const BATCH: i32 = 1_000;
        let events = self.portal(&format!("SELECT {EVENT_COLUMNS} FROM audit_events WHERE entity = 'complaint' ORDER BY entity_id, seq"), &[])?;
        let rows = self.portal(IMAGE_SQL, &[])?;
        let mut event_buf: std::collections::VecDeque<AuditEvent> = Default::default();
        let mut row_buf: std::collections::VecDeque<RowImage> = Default::default();
        let (mut events_done, mut rows_done) = (false, false);
        let mut next_event = |buf: &mut std::collections::VecDeque<AuditEvent>| -> Result<Option<AuditEvent>, StoreError> {
            if buf.is_empty() && !events_done {
                let got = self.fetch(&events, BATCH)?;
                events_done = got.len() < BATCH as usize;
                buf.extend(got.iter().map(event));
            }
            Ok(buf.pop_front())
        };
        let mut next_row = |buf: &mut std::collections::VecDeque<RowImage>| -> Result<Option<RowImage>, StoreError> {
            if buf.is_empty() && !rows_done {
                let got = self.fetch(&rows, BATCH)?;
                rows_done = got.len() < BATCH as usize;
                buf.extend(got.iter().map(image));
            }
            Ok(buf.pop_front())
        };
        crate::integrity::beside_history(|| next_event(&mut event_buf), || next_row(&mut row_buf), f)
    }

    pub fn account_rows(&self) -> Result<Vec<AccountRow>, StoreError> {
        Ok(self
            .rows("SELECT id, account_json, legal_name, last_event_seq FROM accounts ORDER BY id", &[])?
            .iter()
            .map(|r| AccountRow { id: r.get(0), account_json: r.get(1), legal_name: r.get(2), last_event_seq: r.get(3) })
            .collect())
    }

    pub fn credit_case_rows(&self) -> Result<Vec<CreditCaseRow>, StoreError> {
        Ok(self
            .rows("SELECT id, account_id, kind, case_json, notice_due, notice_sent, last_event_seq FROM credit_cases ORDER BY id", &[])?
            .iter()
            .map(|r| CreditCaseRow {
                id: r.get(0),
                account_id: r.get(1),
                kind: r.get(2),
                case_json: r.get(3),
                notice_due: r.get(4),
                notice_sent: r.get(5),
                last_event_seq: r.get(6),
            })
            .collect())
    }

    pub fn submission_rows(&self) -> Result<Vec<SubmissionRow>, StoreError> {
        Ok(self
            .rows(
                "SELECT seq, month, submitted_at, actor, note, csv_sha256, xlsx_sha256, pdf_sha256, audit_seq
                 FROM report_submissions ORDER BY seq",
                &[],
            )?
            .iter()
            .map(|r| SubmissionRow {
                seq: r.get(0),
                month: r.get(1),
                submitted_at: r.get(2),
                actor: r.get(3),
                note: r.get(4),
                csv_sha256: r.get(5),
                xlsx_sha256: r.get(6),
                pdf_sha256: r.get(7),
                audit_seq: r.get(8),
            })
            .collect())
    }

    pub fn all_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.rows("SELECT key, value FROM settings ORDER BY key", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn counters(&self) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(self.rows("SELECT scope, last FROM id_counters ORDER BY scope", &[])?.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn orphan_search_rows(&self) -> Result<i64, StoreError> {
        Ok(self.one("SELECT count(*) FROM complaint_search s WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = s.id)", &[])?.get(0))
    }

    /// The server keeps its own indexes sound.
    pub fn search_index_problem(&self) -> Result<Option<String>, StoreError> {
        Ok(None)
    }

    /// The server's index follows every row as it is written: nothing to suspend.
    pub fn suspend_search_index(&self) -> Result<i64, StoreError> {
        Ok(0)
    }

    pub fn resume_search_index(&self, _after: i64) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn rebuild_search_index(&self) -> Result<(), StoreError> {
        Ok(())
    }

    pub fn replace_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        self.delete_complaint(&c.id)?;
        self.insert_complaint(c, search_text)
    }

    pub fn delete_complaint(&self, id: &str) -> Result<(), StoreError> {
        for table in ["complaint_search", "complaint_timers", "complaint_assignees", "complaints"] {
            self.exec(&format!("DELETE FROM {table} WHERE id = $1"), &[&id])?;
        }
        Ok(())
    }

    pub fn delete_orphan_search_rows(&self) -> Result<usize, StoreError> {
        let n = self.exec("DELETE FROM complaint_search s WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = s.id)", &[])?;
        Ok(n as usize)
    }

    pub fn delete_account(&self, id: &str) -> Result<(), StoreError> {
        self.exec("DELETE FROM accounts WHERE id = $1", &[&id])?;
        Ok(())
    }

    pub fn delete_credit_case(&self, id: &str) -> Result<(), StoreError> {
        self.exec("DELETE FROM credit_cases WHERE id = $1", &[&id])?;
        Ok(())
    }

    pub fn set_counter(&self, scope: &str, last: Option<i64>) -> Result<(), StoreError> {
        match last {
            Some(n) => self.exec(
                "INSERT INTO id_counters (scope, last) VALUES ($1, $2) ON CONFLICT (scope) DO UPDATE SET last = excluded.last",
                &[&scope, &n],
            )?,
            None => self.exec("DELETE FROM id_counters WHERE scope = $1", &[&scope])?,
        };
        Ok(())
    }

    pub fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.exec("DELETE FROM settings WHERE key = $1", &[&key])?;
        Ok(())
    }

    pub fn replace_closures(&self, closures: &[(String, String)]) -> Result<(), StoreError> {
        self.exec("DELETE FROM closures", &[])?;
        for (day, name) in closures {
            self.exec("INSERT INTO closures (day, name) VALUES ($1, $2)", &[day, name])?;
        }
        Ok(())
    }
}
