//! The complaint register on the team server: rows, filters, counts, search and the report's
//! candidates, answering as the SQLite store does.

use postgres::types::ToSql;
use postgres::Row;

use super::PgTx;
use crate::complaints::{BROAD_SEARCH, NO_DUE};
use crate::{CandidateEventRef, ComplaintFilter, ComplaintRecord, RegisterTally, RegisterTotal, StatusFilter, StoreError};

const COLUMNS: &str = "id, received_at, received_date, kind, grounds, status, product, channel, topic, summary,
    complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due,
    last_event_seq, resolved_at, (SELECT dues FROM complaint_timers t WHERE t.id = complaints.id) AS timer_dues,
    (SELECT assignee FROM complaint_assignees a WHERE a.id = complaints.id) AS assignee,
    (SELECT assignee_key FROM complaint_assignees a WHERE a.id = complaints.id) AS assignee_key";

fn record(r: &Row) -> ComplaintRecord {
    ComplaintRecord {
        id: r.get(0),
        received_at: r.get(1),
        received_date: r.get(2),
        kind: r.get(3),
        grounds: r.get(4),
        status: r.get(5),
        product: r.get(6),
        channel: r.get(7),
        topic: r.get(8),
        summary: r.get(9),
        complainant_name: r.get(10),
        contact_hold: r.get(11),
        acknowledge_by: r.get(12),
        resolve_by: r.get(13),
        notify_stripe_by: r.get(14),
        next_clock: r.get(15),
        next_due: r.get(16),
        last_event_seq: r.get(17),
        resolved_at: r.get(18),
        timer_dues: r.get(19),
        assignee: r.get(20),
        assignee_key: r.get(21),
    }
}

/// A LIKE pattern that finds `text` anywhere (its own `%`, `_` and `\` taken literally).
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// Arguments of a query being built, with their `$n` placeholders.
#[derive(Default)]
struct Args {
    values: Vec<Box<dyn ToSql + Sync>>,
}

impl Args {
    fn push(&mut self, v: impl ToSql + Sync + 'static) -> String {
        self.values.push(Box::new(v));
        format!("${}", self.values.len())
    }
    fn refs(&self, n: usize) -> Vec<&(dyn ToSql + Sync)> {
        self.values[..n].iter().map(|b| b.as_ref() as &(dyn ToSql + Sync)).collect()
    }
}

/// Open complaints whose next deadline meets `clock`, or with a support timer on one of `days`.
fn due_or_timer_on(clock: &str, days: &[String], args: &mut Args) -> String {
    if days.is_empty() {
        return format!("(status = 'open' AND {clock})");
    }
    let timers: Vec<String> = days.iter().map(|d| format!("strpos(t.dues, {}) > 0", args.push(format!(":{d}")))).collect();
    format!(
        "(status = 'open' AND ({clock} OR id IN (SELECT t.id FROM complaint_timers t WHERE {})))",
        timers.join(" OR ")
    )
}

impl PgTx<'_> {
    pub fn next_number(&self, scope: &str) -> Result<i64, StoreError> {
        Ok(self
            .one(
                "INSERT INTO id_counters (scope, last) VALUES ($1, 1)
                 ON CONFLICT (scope) DO UPDATE SET last = id_counters.last + 1 RETURNING last",
                &[&scope],
            )?
            .get(0))
    }

    pub fn insert_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        self.write_complaint(c, Some(search_text))
    }

    pub fn update_complaint(&self, c: &ComplaintRecord) -> Result<(), StoreError> {
        self.write_complaint(c, None)
    }

    fn write_complaint(&self, c: &ComplaintRecord, new_search_text: Option<&str>) -> Result<(), StoreError> {
        let sort_due = c.next_due.as_deref().unwrap_or(NO_DUE);
        self.exec(
            "INSERT INTO complaints (id, received_at, received_date, kind, grounds, status, product, channel, topic,
                summary, complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock,
                next_due, sort_due, last_event_seq, resolved_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
             ON CONFLICT (id) DO UPDATE SET
                kind = excluded.kind, grounds = excluded.grounds, status = excluded.status,
                contact_hold = excluded.contact_hold, acknowledge_by = excluded.acknowledge_by,
                resolve_by = excluded.resolve_by, notify_stripe_by = excluded.notify_stripe_by,
                next_clock = excluded.next_clock, next_due = excluded.next_due, sort_due = excluded.sort_due,
                last_event_seq = excluded.last_event_seq, resolved_at = excluded.resolved_at",
            &[
                &c.id,
                &c.received_at,
                &c.received_date,
                &c.kind,
                &c.grounds,
                &c.status,
                &c.product,
                &c.channel,
                &c.topic,
                &c.summary,
                &c.complainant_name,
                &c.contact_hold,
                &c.acknowledge_by,
                &c.resolve_by,
                &c.notify_stripe_by,
                &c.next_clock,
                &c.next_due,
                &sort_due,
                &c.last_event_seq,
                &c.resolved_at,
            ],
        )?;
        match c.timer_dues.as_deref() {
            Some(d) => self.exec(
                "INSERT INTO complaint_timers (id, dues) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET dues = excluded.dues",
                &[&c.id, &d],
            )?,
            None => self.exec("DELETE FROM complaint_timers WHERE id = $1", &[&c.id])?,
        };
        match (c.assignee.as_deref(), c.assignee_key.as_deref()) {
            (Some(name), Some(key)) => self.exec(
                "INSERT INTO complaint_assignees (id, assignee, assignee_key) VALUES ($1, $2, $3)
                 ON CONFLICT (id) DO UPDATE SET assignee = excluded.assignee, assignee_key = excluded.assignee_key",
                &[&c.id, &name, &key],
            )?,
            _ => self.exec("DELETE FROM complaint_assignees WHERE id = $1", &[&c.id])?,
        };
        if let Some(text) = new_search_text {
            self.exec("INSERT INTO complaint_search (id, text) VALUES ($1, $2)", &[&c.id, &text])?;
        }
        Ok(())
    }

    pub fn complaint(&self, id: &str) -> Result<Option<ComplaintRecord>, StoreError> {
        Ok(self.opt(&format!("SELECT {COLUMNS} FROM complaints WHERE id = $1"), &[&id])?.as_ref().map(record))
    }

    fn ids(&self, sql: &str, params: &super::Params<'_>) -> Result<Vec<String>, StoreError> {
        Ok(self.rows(sql, params)?.iter().map(|r| r.get(0)).collect())
    }

    pub fn complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        self.ids("SELECT id FROM complaints ORDER BY id", &[])
    }

    pub fn complaint_ids_of_kind(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        self.ids("SELECT id FROM complaints WHERE kind = $1 ORDER BY id", &[&kind])
    }

    pub fn pending_stripe_notices(&self, until: &str) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .rows(
                "SELECT id, next_due FROM complaints WHERE status = 'open' AND sort_due <= $1 AND next_clock = 'notify_stripe'
                 AND next_due IS NOT NULL ORDER BY sort_due, id",
                &[&until],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    pub fn open_complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        self.ids("SELECT id FROM complaints WHERE status = 'open' ORDER BY id", &[])
    }

    pub fn list_complaints(&self, f: &ComplaintFilter) -> Result<(Vec<ComplaintRecord>, RegisterTotal), StoreError> {
        let mut conds: Vec<String> = Vec::new();
        let mut args = Args::default();
        match f.status {
            StatusFilter::Open => conds.push("status = 'open'".into()),
            StatusFilter::Resolved => conds.push("status = 'resolved'".into()),
            StatusFilter::Overdue => {
                let today = args.push(f.today.clone());
                conds.push(format!("status = 'open' AND sort_due < {today}"));
            }
            StatusFilter::DueToday => {
                let today = args.push(f.today.clone());
                conds.push(due_or_timer_on(&format!("sort_due = {today}"), std::slice::from_ref(&f.today), &mut args));
            }
            StatusFilter::DueSoon => {
                let (a, b) = (args.push(f.today.clone()), args.push(f.soon_until.clone()));
                conds.push(due_or_timer_on(&format!("sort_due > {a} AND sort_due <= {b}"), &f.soon_days, &mut args));
            }
            StatusFilter::OnHold => conds.push("status = 'open' AND contact_hold".into()),
            StatusFilter::All => {}
        }
        if let Some(kind) = &f.kind {
            conds.push(format!("kind = {}", args.push(kind.clone())));
        }
        if let Some(product) = &f.product {
            conds.push(format!("product = {}", args.push(product.clone())));
        }
        if let Some(key) = &f.assignee_key {
            conds.push(format!("id IN (SELECT id FROM complaint_assignees WHERE assignee_key = {})", args.push(key.clone())));
        }
        if let Some(until) = &f.due_until {
            let (a, b) = (args.push(f.today.clone()), args.push(until.clone()));
            conds.push(due_or_timer_on(&format!("sort_due >= {a} AND sort_due <= {b}"), &f.until_days, &mut args));
        }
        let search = f.search.as_deref().filter(|s| !s.is_empty());
        if let Some(search) = search {
            // Planned for this term: the server then walks the register in order and stops early
            // for a broad term, and starts from the trigram index for a rare one (a plan made
            // once for any term would do one of the two badly).
            self.exec("SET LOCAL plan_cache_mode = force_custom_plan", &[])?;
            let p = args.push(contains_pattern(search));
            conds.push(format!("id IN (SELECT id FROM complaint_search WHERE text LIKE {p})"));
        }
        let counted = args.values.len();
        let where_of = |conds: &[String]| if conds.is_empty() { String::new() } else { format!("WHERE {}", conds.join(" AND ")) };
        let total = if !f.count_total {
            RegisterTotal { count: -1, exact: true }
        } else if conds.is_empty() {
            RegisterTotal { count: self.one("SELECT n FROM complaint_total", &[])?.get(0), exact: true }
        } else if search.is_some() {
            // As the file counts a search: up to a cap, beyond which the count is a lower bound.
            let sql = format!("SELECT count(*) FROM (SELECT 1 FROM complaints {} LIMIT {}) x", where_of(&conds), BROAD_SEARCH + 1);
            let n: i64 = self.one(&sql, &args.refs(counted))?.get(0);
            RegisterTotal { count: n.min(BROAD_SEARCH), exact: n <= BROAD_SEARCH }
        } else {
            RegisterTotal { count: self.one(&format!("SELECT count(*) FROM complaints {}", where_of(&conds)), &args.refs(counted))?.get(0), exact: true }
        };
        if let Some(c) = &f.after {
            let (a, b, i) = (args.push(c.sort_due.clone()), args.push(c.received_at.clone()), args.push(c.id.clone()));
            conds.push(format!("(sort_due, received_at, id) > ({a}, {b}, {i})"));
        }
        let order = match f.status {
            StatusFilter::Open | StatusFilter::Overdue | StatusFilter::DueToday | StatusFilter::DueSoon | StatusFilter::OnHold => {
                "ORDER BY status, sort_due, received_at, id"
            }
            StatusFilter::Resolved | StatusFilter::All => "ORDER BY sort_due, received_at, id",
        };
        let sql = format!("SELECT {COLUMNS} FROM complaints {} {order} LIMIT {} OFFSET {}", where_of(&conds), f.limit.max(0), f.offset.max(0));
        let rows = self.rows(&sql, &args.refs(args.values.len()))?;
        Ok((rows.iter().map(record).collect(), total))
    }

    pub fn register_tally(&self, today: &str, soon_until: &str, soon_days: &[String], assignee_key: Option<&str>) -> Result<RegisterTally, StoreError> {
        let mut t = RegisterTally::default();
        if let Some(key) = assignee_key {
            // One officer's few open complaints, through the assignments' index, row by row.
            let rows = self.rows(
                "SELECT c.sort_due, c.contact_hold, t.dues FROM complaint_assignees a JOIN complaints c ON c.id = a.id
                 LEFT JOIN complaint_timers t ON t.id = c.id WHERE a.assignee_key = $1 AND c.status = 'open'",
                &[&key],
            )?;
            for r in &rows {
                t.count(r.get(0), r.get(1), r.get(2), 1, today, soon_until, soon_days);
            }
            return Ok(t);
        }
        // The whole register: the open complaints grouped by deadline day on the server (what
        // travels is a row per day, not per complaint), counted as if none had a timer; then the
        // (few) complaints with support timers are taken back out and counted with them. The
        // counting rule stays the one of RegisterTally, which is linear in its count.
        let groups = self.rows("SELECT sort_due, contact_hold, count(*) FROM complaints WHERE status = 'open' GROUP BY 1, 2", &[])?;
        for r in &groups {
            t.count(r.get(0), r.get(1), None, r.get(2), today, soon_until, soon_days);
        }
        let timed = self.rows(
            "SELECT c.sort_due, c.contact_hold, t.dues FROM complaint_timers t JOIN complaints c ON c.id = t.id WHERE c.status = 'open'",
            &[],
        )?;
        for r in &timed {
            let (due, hold): (&str, bool) = (r.get(0), r.get(1));
            t.count(due, hold, None, -1, today, soon_until, soon_days);
            t.count(due, hold, r.get(2), 1, today, soon_until, soon_days);
        }
        Ok(t)
    }

    pub fn complaint_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.one("SELECT n FROM complaint_total", &[])?.get(0);
        Ok(n.max(0) as u64)
    }

    pub fn each_report_candidate_event<E: From<StoreError>>(
        &self,
        start: &str,
        end: &str,
        mut each: impl FnMut(CandidateEventRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_row(
            "SELECT a.entity_id, a.seq, a.recorded_at, a.payload FROM (
                 SELECT id FROM complaints WHERE received_at >= $1 AND received_at < $2
                 UNION SELECT id FROM complaints WHERE status = 'open' AND received_at < $1
                 UNION SELECT id FROM complaints WHERE resolved_at >= $1 AND received_at < $1
             ) c JOIN audit_events a ON a.entity = 'complaint' AND a.entity_id = c.id
             ORDER BY a.entity_id, a.seq",
            &[&start, &end],
            |r| {
                each(CandidateEventRef { complaint_id: r.get(0), seq: r.get(1), recorded_at: r.get(2), payload: r.get(3) })?;
                Ok(true)
            },
        )
    }
}
