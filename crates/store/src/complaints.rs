//! The complaint register's read model: one row per complaint with what the register lists,
//! filters and counts on. Rebuilt from the domain's fold of the events on every change.

use rusqlite::{params, params_from_iter, OptionalExtension, ToSql};

use crate::{LiteTx, StoreError};

/// One register row, as the use cases computed it from the complaint's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRecord {
    pub id: String,
    pub received_at: String,
    pub received_date: String,
    pub kind: String,
    /// Comma-separated ground codes.
    pub grounds: String,
    pub status: String,
    pub product: Option<String>,
    pub channel: String,
    pub topic: Option<String>,
    pub summary: String,
    pub complainant_name: String,
    pub contact_hold: bool,
    pub acknowledge_by: Option<String>,
    pub resolve_by: Option<String>,
    pub notify_stripe_by: Option<String>,
    pub next_clock: Option<String>,
    pub next_due: Option<String>,
    /// An open complaint's support timer days, `kind:YYYY-MM-DD` joined by `;` (null when none).
    pub timer_dues: Option<String>,
    /// When the complaint was last resolved (RFC 3339 UTC), while it is resolved.
    pub resolved_at: Option<String>,
    pub last_event_seq: i64,
    /// The officer it is assigned to, and that name as officers' names compare.
    pub assignee: Option<String>,
    pub assignee_key: Option<String>,
}

/// Which complaints by status. `Overdue`, `DueToday` and `DueSoon` are open complaints whose
/// next deadline is past, today, or after today up to `soon_until`; `OnHold` are open complaints
/// under the executive contact hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    Overdue,
    DueToday,
    DueSoon,
    OnHold,
    Resolved,
    All,
}

/// A register query. Dates are local `YYYY-MM-DD` strings computed by the caller.
#[derive(Debug, Clone)]
pub struct ComplaintFilter {
    pub status: StatusFilter,
    pub today: String,
    /// The last day that counts as "due soon".
    pub soon_until: String,
    pub kind: Option<String>,
    pub product: Option<String>,
    /// Only complaints whose next deadline falls in `[today, due_until]`.
    pub due_until: Option<String>,
    /// The days (local `YYYY-MM-DD`) after today up to `soon_until`, and from today up to
    /// `due_until`: a support timer falling on one of them counts as due then too.
    pub soon_days: Vec<String>,
    pub until_days: Vec<String>,
    /// Lower-cased text to find in id, summary, complainant, email, account or description.
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// Keyset paging: only rows after this one in the register's order (then `offset` is 0).
    pub after: Option<RegisterCursor>,
    /// Whether to count every matching row (a page's total); a stream does not need it.
    pub count_total: bool,
    /// Only complaints assigned to the officer with this name key ("Mine").
    pub assignee_key: Option<String>,
}

/// A row's place in the register's order (next deadline, received, id): where a page ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterCursor {
    pub sort_due: String,
    pub received_at: String,
    pub id: String,
}

impl ComplaintRecord {
    /// This row's place in the register's order.
    pub fn cursor(&self) -> RegisterCursor {
        RegisterCursor { sort_due: self.next_due.clone().unwrap_or_else(|| NO_DUE.to_owned()), received_at: self.received_at.clone(), id: self.id.clone() }
    }
}

/// The register's header counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegisterTally {
    pub open: i64,
    pub overdue: i64,
    pub due_today: i64,
    pub due_soon: i64,
    pub on_hold: i64,
}

impl RegisterTally {
    /// Counts `n` open complaints alike (next deadline `sort_due`, contact hold, timer days
    /// `dues`), read row by row or grouped, as the indexed counts of the whole register count them.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn count(&mut self, sort_due: &str, hold: bool, dues: Option<&str>, n: i64, today: &str, soon_until: &str, soon_days: &[String]) {
        let on = |day: &str| dues.is_some_and(|d| d.contains(&format!(":{day}")));
        self.open += n;
        self.on_hold += n * i64::from(hold);
        self.overdue += n * i64::from(sort_due < today);
        self.due_today += n * i64::from(sort_due == today || on(today));
        let soon_by_clock = sort_due > today && sort_due <= soon_until;
        self.due_soon += n * i64::from(soon_by_clock || soon_days.iter().any(|d| on(d)));
    }
}

pub(crate) const NO_DUE: &str = "9999-12-31";

const COLUMNS: &str = "id, received_at, received_date, kind, grounds, status, product, channel, topic, summary,
    complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock, next_due,
    last_event_seq, resolved_at, (SELECT dues FROM complaint_timers t WHERE t.id = complaints.id) AS timer_dues,
    (SELECT assignee FROM complaint_assignees a WHERE a.id = complaints.id) AS assignee,
    (SELECT assignee_key FROM complaint_assignees a WHERE a.id = complaints.id) AS assignee_key";

fn row_to_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ComplaintRecord> {
    Ok(ComplaintRecord {
        id: r.get(0)?,
        received_at: r.get(1)?,
        received_date: r.get(2)?,
        kind: r.get(3)?,
        grounds: r.get(4)?,
        status: r.get(5)?,
        product: r.get(6)?,
        channel: r.get(7)?,
        topic: r.get(8)?,
        summary: r.get(9)?,
        complainant_name: r.get(10)?,
        contact_hold: r.get(11)?,
        acknowledge_by: r.get(12)?,
        resolve_by: r.get(13)?,
        notify_stripe_by: r.get(14)?,
        next_clock: r.get(15)?,
        next_due: r.get(16)?,
        last_event_seq: r.get(17)?,
        resolved_at: r.get(18)?,
        timer_dues: r.get(19)?,
        assignee: r.get(20)?,
        assignee_key: r.get(21)?,
    })
}

impl LiteTx<'_> {
    /// The next number in a sequence (e.g. complaint ids per year), starting at 1.
    ///
    /// # Errors
    /// Store errors only.
    pub fn next_number(&self, scope: &str) -> Result<i64, StoreError> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "INSERT INTO id_counters (scope, last) VALUES (?1, 1)
                 ON CONFLICT (scope) DO UPDATE SET last = last + 1
                 RETURNING last",
            )?
            .query_row(params![scope], |r| r.get(0))?;
        Ok(n)
    }

    /// Inserts a new complaint's register row and indexes its text for search.
    ///
    /// # Errors
    /// Store errors only (including a duplicate id).
    /// `search_text` is the lower-cased text the register's search matches; it is fixed at
    /// logging.
    pub fn insert_complaint(&self, c: &ComplaintRecord, search_text: &str) -> Result<(), StoreError> {
        self.write_complaint(c, Some(search_text))
    }

    /// Rewrites an existing complaint's register row (its text, fixed at logging, stays indexed).
    ///
    /// # Errors
    /// Store errors only.
    pub fn update_complaint(&self, c: &ComplaintRecord) -> Result<(), StoreError> {
        self.write_complaint(c, None)
    }

    fn write_complaint(&self, c: &ComplaintRecord, new_search_text: Option<&str>) -> Result<(), StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO complaints (id, received_at, received_date, kind, grounds, status, product, channel, topic,
                summary, complainant_name, contact_hold, acknowledge_by, resolve_by, notify_stripe_by, next_clock,
                next_due, sort_due, last_event_seq, resolved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
             ON CONFLICT (id) DO UPDATE SET
                kind = excluded.kind, grounds = excluded.grounds, status = excluded.status,
                contact_hold = excluded.contact_hold, acknowledge_by = excluded.acknowledge_by,
                resolve_by = excluded.resolve_by, notify_stripe_by = excluded.notify_stripe_by,
                next_clock = excluded.next_clock, next_due = excluded.next_due, sort_due = excluded.sort_due,
                last_event_seq = excluded.last_event_seq, resolved_at = excluded.resolved_at
             RETURNING rowid",
        )?;
        let values = params![
            c.id,
            c.received_at,
            c.received_date,
            c.kind,
            c.grounds,
            c.status,
            c.product,
            c.channel,
            c.topic,
            c.summary,
            c.complainant_name,
            c.contact_hold,
            c.acknowledge_by,
            c.resolve_by,
            c.notify_stripe_by,
            c.next_clock,
            c.next_due,
            c.next_due.as_deref().unwrap_or(NO_DUE),
            c.last_event_seq,
            c.resolved_at,
        ];
        let rowid: i64 = stmt.query_row(values, |r| r.get(0))?;
        self.write_complaint_timers(&c.id, c.timer_dues.as_deref())?;
        self.write_complaint_assignee(&c.id, c.assignee.as_deref().zip(c.assignee_key.as_deref()))?;
        if let Some(text) = new_search_text {
            let mut search = self.conn().prepare_cached("INSERT INTO complaint_search (rowid, text) VALUES (?1, ?2)")?;
            search.execute(params![rowid, text])?;
        }
        Ok(())
    }

    /// One complaint's register row.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint(&self, id: &str) -> Result<Option<ComplaintRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM complaints WHERE id = ?1");
        Ok(self.conn().query_row(&sql, params![id], row_to_record).optional()?)
    }

    /// Ids of every complaint, in id order (to rebuild the register from the history).
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT id FROM complaints ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of every complaint of `kind` (a kind code), in order.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_ids_of_kind(&self, kind: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT id FROM complaints WHERE kind = ?1 ORDER BY id")?;
        let rows = stmt.query_map([kind], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Open complaints whose next clock is the Stripe notification, due on or before `until`
    /// (a date), with that due date.
    ///
    /// # Errors
    /// Store errors only.
    pub fn pending_stripe_notices(&self, until: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, next_due FROM complaints WHERE status = 'open' AND sort_due <= ?1 AND next_clock = 'notify_stripe' AND next_due IS NOT NULL ORDER BY sort_due, id",
        )?;
        let rows = stmt.query_map([until], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ids of every open complaint (to recompute their deadlines).
    ///
    /// # Errors
    /// Store errors only.
    pub fn open_complaint_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare("SELECT id FROM complaints WHERE status = 'open' ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A page of the register and the number of rows the filter matches.
    ///
    /// # Errors
    /// Store errors only.
    pub fn list_complaints(&self, f: &ComplaintFilter) -> Result<(Vec<ComplaintRecord>, RegisterTotal), StoreError> {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        match f.status {
            StatusFilter::Open => conds.push("status = 'open'".into()),
            StatusFilter::Resolved => conds.push("status = 'resolved'".into()),
            StatusFilter::Overdue => {
                args.push(Box::new(f.today.clone()));
                conds.push(format!("status = 'open' AND sort_due < ?{}", args.len()));
            }
            StatusFilter::DueToday => {
                args.push(Box::new(f.today.clone()));
                let clock = format!("sort_due = ?{}", args.len());
                conds.push(due_or_timer_on(&clock, std::slice::from_ref(&f.today), &mut args));
            }
            StatusFilter::DueSoon => {
                args.push(Box::new(f.today.clone()));
                args.push(Box::new(f.soon_until.clone()));
                let clock = format!("sort_due > ?{} AND sort_due <= ?{}", args.len() - 1, args.len());
                conds.push(due_or_timer_on(&clock, &f.soon_days, &mut args));
            }
            StatusFilter::OnHold => conds.push("status = 'open' AND contact_hold = 1".into()),
            StatusFilter::All => {}
        }
        if let Some(kind) = &f.kind {
            args.push(Box::new(kind.clone()));
            conds.push(format!("kind = ?{}", args.len()));
        }
        if let Some(product) = &f.product {
            args.push(Box::new(product.clone()));
            conds.push(format!("product = ?{}", args.len()));
        }
        if let Some(key) = &f.assignee_key {
            args.push(Box::new(key.clone()));
            conds.push(format!("id IN (SELECT id FROM complaint_assignees WHERE assignee_key = ?{})", args.len()));
        }
        if let Some(until) = &f.due_until {
            args.push(Box::new(f.today.clone()));
            args.push(Box::new(until.clone()));
            let clock = format!("sort_due >= ?{} AND sort_due <= ?{}", args.len() - 1, args.len());
            conds.push(due_or_timer_on(&clock, &f.until_days, &mut args));
        }
        let search = f.search.as_deref().filter(|s| !s.is_empty());
        // A term found in more rows than the index is worth (a fifth of the register, say) is
        // matched on the text while walking the register in its order: the first page is then
        // found in a few hundred rows, where intersecting the index's long lists would cost
        // hundreds of milliseconds. The count stops at the cap then.
        let broad = match search {
            Some(s) if s.chars().count() >= 3 => self.fts_matches_more_than(s, BROAD_SEARCH)?,
            _ => false,
        };
        if let Some(search) = search {
            args.push(Box::new(search.to_owned()));
            conds.push(if broad { text_condition(args.len()) } else { search_condition(search, &mut args) });
        }
        let count_conds = conds.clone();
        let count_args = args.len();
        if let Some(c) = &f.after {
            args.push(Box::new(c.sort_due.clone()));
            args.push(Box::new(c.received_at.clone()));
            args.push(Box::new(c.id.clone()));
            let n = args.len();
            conds.push(format!("(sort_due, received_at, id) > (?{}, ?{}, ?{n})", n - 2, n - 1));
        }
        let where_of = |conds: &[String]| if conds.is_empty() { String::new() } else { format!("WHERE {}", conds.join(" AND ")) };
        let filter = where_of(&conds);
        // With a search, start from the (few) matching rows by rowid rather than walking an
        // index of every open complaint and probing the matches.
        let table = if search.is_some() && !broad { "complaints NOT INDEXED" } else { "complaints" };
        let total = if !f.count_total {
            RegisterTotal { count: -1, exact: true }
        } else if broad {
            let n: i64 = self.conn().query_row(
                &format!("SELECT COUNT(*) FROM (SELECT 1 FROM {table} {} LIMIT {})", where_of(&count_conds), BROAD_SEARCH + 1),
                params_from_iter(args[..count_args].iter()),
                |r| r.get(0),
            )?;
            RegisterTotal { count: n.min(BROAD_SEARCH), exact: n <= BROAD_SEARCH }
        } else {
            let n = self.conn().query_row(
                &format!("SELECT COUNT(*) FROM {table} {}", where_of(&count_conds)),
                params_from_iter(args[..count_args].iter()),
                |r| r.get(0),
            )?;
            RegisterTotal { count: n, exact: true }
        };
        // The id breaks ties, so that a page ends at one exact row (keyset paging).
        let order = match f.status {
            StatusFilter::Open | StatusFilter::Overdue | StatusFilter::DueToday | StatusFilter::DueSoon | StatusFilter::OnHold => {
                "ORDER BY status, sort_due, received_at, id"
            }
            StatusFilter::Resolved | StatusFilter::All => "ORDER BY sort_due, received_at, id",
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM {table} {filter} {order} LIMIT {} OFFSET {}",
            f.limit.max(0),
            f.offset.max(0)
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), row_to_record)?;
        Ok((rows.collect::<Result<_, _>>()?, total))
    }

    /// Header counts as of `today`, with `soon_until` the last day counted as "due soon" and
    /// `soon_days` the days after today up to it (a support timer on one of them counts too).
    ///
    /// # Errors
    /// Store errors only.
    pub fn register_tally(&self, today: &str, soon_until: &str, soon_days: &[String], assignee_key: Option<&str>) -> Result<RegisterTally, StoreError> {
        if let Some(key) = assignee_key {
            return self.register_tally_of(today, soon_until, soon_days, key);
        }
        // One indexed range count each: cheaper than one pass that reads every open row.
        let count = |sql: &str, args: &[&dyn ToSql]| -> Result<i64, StoreError> {
            Ok(self.conn().prepare_cached(sql)?.query_row(args, |r| r.get(0))?)
        };
        Ok(RegisterTally {
            open: count("SELECT COUNT(*) FROM complaints WHERE status = 'open'", &[])?,
            overdue: count("SELECT COUNT(*) FROM complaints WHERE status = 'open' AND sort_due < ?1", &[&today])?,
            due_today: count("SELECT COUNT(*) FROM complaints WHERE status = 'open' AND sort_due = ?1", &[&today])?
                + self.timers_due_on(&[today.to_owned()], "sort_due = ?1", &[today])?,
            due_soon: count(
                "SELECT COUNT(*) FROM complaints WHERE status = 'open' AND sort_due > ?1 AND sort_due <= ?2",
                &[&today, &soon_until],
            )? + self.timers_due_on(soon_days, "(sort_due > ?1 AND sort_due <= ?2)", &[today, soon_until])?,
            on_hold: count("SELECT COUNT(*) FROM complaints WHERE status = 'open' AND contact_hold = 1", &[])?,
        })
    }
}

impl LiteTx<'_> {
    /// The header counts of the complaints assigned to one officer (`key`): their few rows are
    /// read through the assignments' index and counted in one pass.
    fn register_tally_of(&self, today: &str, soon_until: &str, soon_days: &[String], key: &str) -> Result<RegisterTally, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.sort_due, c.contact_hold, (SELECT dues FROM complaint_timers t WHERE t.id = c.id)
             FROM complaint_assignees a JOIN complaints c ON c.id = a.id
             WHERE a.assignee_key = ?1 AND c.status = 'open'",
        )?;
        let mut rows = stmt.query(params![key])?;
        let mut t = RegisterTally::default();
        while let Some(r) = rows.next()? {
            let (due, hold, dues): (String, bool, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            t.count(&due, hold, dues.as_deref(), 1, today, soon_until, soon_days);
        }
        Ok(t)
    }

    /// Puts a complaint's assignee beside its register row (removes it when nobody).
    pub(crate) fn write_complaint_assignee(&self, id: &str, assignee: Option<(&str, &str)>) -> Result<(), StoreError> {
        match assignee {
            Some((name, key)) => self.conn().prepare_cached(
                "INSERT INTO complaint_assignees (id, assignee, assignee_key) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET assignee = excluded.assignee, assignee_key = excluded.assignee_key",
            )?.execute(params![id, name, key])?,
            None => self.conn().prepare_cached("DELETE FROM complaint_assignees WHERE id = ?1")?.execute(params![id])?,
        };
        Ok(())
    }
}

/// How many matches make a search term broad (see `list_complaints`): the count of a broad
/// search says "at least this many".
pub(crate) const BROAD_SEARCH: i64 = 2_000;

/// A register count: exact, or (for a broad search) a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterTotal {
    pub count: i64,
    pub exact: bool,
}

impl LiteTx<'_> {
    /// Whether the trigram index finds `search` in more than `n` rows (it stops reading there).
    fn fts_matches_more_than(&self, search: &str, n: i64) -> Result<bool, StoreError> {
        let phrase = format!("\"{}\"", search.replace('"', "\"\""));
        let found: i64 = self.conn().prepare_cached(
            "SELECT count(*) FROM (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ?1 LIMIT ?2)",
        )?.query_row(params![phrase, n + 1], |r| r.get(0))?;
        Ok(found > n)
    }
}

/// The search as a test of each row's text, made while the register is walked in its order
/// (the `n`th argument is the term).
fn text_condition(n: usize) -> String {
    format!("EXISTS (SELECT 1 FROM complaint_search s WHERE s.rowid = complaints.rowid AND instr(s.text, ?{n}) > 0)")
}

/// The register's search as a condition on `rowid`: the trigram index for three characters or
/// more (the text as one phrase: a substring), a scan of the search text for fewer.
fn search_condition(search: &str, args: &mut Vec<Box<dyn ToSql>>) -> String {
    if search.chars().count() >= 3 {
        args.push(Box::new(format!("\"{}\"", search.replace('"', "\"\""))));
        format!("rowid IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ?{})", args.len())
    } else {
        args.push(Box::new(search.to_owned()));
        format!("rowid IN (SELECT rowid FROM complaint_search WHERE instr(text, ?{}) > 0)", args.len())
    }
}

/// A condition on `t.dues` (a complaint's support timer days) that one falls on one of `days`,
/// with the days added to `args`.
fn timer_on(days: &[String], args: &mut Vec<Box<dyn ToSql>>) -> String {
    if days.is_empty() {
        return "0".into();
    }
    let mut parts = Vec::new();
    for d in days {
        args.push(Box::new(format!(":{d}")));
        parts.push(format!("instr(t.dues, ?{}) > 0", args.len()));
    }
    format!("({})", parts.join(" OR "))
}

/// A register condition: an open complaint whose next deadline meets `clock` (a condition on
/// `sort_due`), or that has a support timer on one of `days`. A union of two indexed lookups:
/// an OR of the two would read every open complaint.
fn due_or_timer_on(clock: &str, days: &[String], args: &mut Vec<Box<dyn ToSql>>) -> String {
    let by_clock = format!("SELECT rowid FROM complaints WHERE status = 'open' AND {clock}");
    if days.is_empty() {
        return format!("rowid IN ({by_clock})");
    }
    format!(
        "rowid IN ({by_clock} UNION SELECT c.rowid FROM complaint_timers t CROSS JOIN complaints c ON c.id = t.id WHERE c.status = 'open' AND {})",
        timer_on(days, args)
    )
}

impl LiteTx<'_> {
    /// Puts a complaint's support timer days beside its register row (removes them when none).
    pub(crate) fn write_complaint_timers(&self, id: &str, dues: Option<&str>) -> Result<(), StoreError> {
        match dues {
            Some(d) => self.conn().prepare_cached(
                "INSERT INTO complaint_timers (id, dues) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET dues = excluded.dues",
            )?.execute(params![id, d])?,
            None => self.conn().prepare_cached("DELETE FROM complaint_timers WHERE id = ?1")?.execute(params![id])?,
        };
        Ok(())
    }

    /// Open complaints with a support timer on one of `days` that `clock` (a condition on
    /// `sort_due` with its own arguments) does not already count.
    fn timers_due_on(&self, days: &[String], clock: &str, clock_args: &[&str]) -> Result<i64, StoreError> {
        if days.is_empty() {
            return Ok(0);
        }
        // The clock's arguments first (`?1`, `?2`), the days after them. CROSS JOIN keeps the
        // (few) complaints with timers as the outer loop, probing the register by id.
        let mut args: Vec<Box<dyn ToSql>> = clock_args.iter().map(|a| Box::new((*a).to_owned()) as Box<dyn ToSql>).collect();
        let timer = timer_on(days, &mut args);
        let sql = format!("SELECT COUNT(*) FROM complaint_timers t CROSS JOIN complaints c ON c.id = t.id WHERE c.status = 'open' AND {timer} AND NOT {clock}");
        Ok(self.conn().prepare_cached(&sql)?.query_row(params_from_iter(args.iter()), |r| r.get(0))?)
    }

    /// How many rows the register has.
    ///
    /// # Errors
    /// Store errors only.
    pub fn complaint_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn().prepare_cached("SELECT count(*) FROM complaints")?.query_row([], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Every event of the complaints that a month's report may list: received before `end`, and
    /// either received from `start` on, open now, or resolved at or after `start`. Grouped by
    /// complaint, oldest first (the complaints in no particular order). (A superset: the domain
    /// decides from the events.)
    ///
    /// # Errors
    /// Store errors, or the first error `each` returns.
    pub fn each_report_candidate_event<E: From<StoreError>>(
        &self,
        start: &str,
        end: &str,
        mut each: impl FnMut(CandidateEventRef<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self.conn().prepare(
            // Three indexed ranges rather than one OR, which would scan every complaint; CROSS
            // JOIN keeps the month's candidates as the outer loop, each complaint's events then
            // read by the history's index (the planner would otherwise walk every event), so a
            // complaint's events come together, in order. No ORDER BY: sorting the joined rows
            // would hold every payload of the month in SQLite's sorter.
            "SELECT a.entity_id, a.seq, a.recorded_at, a.payload FROM (
                 SELECT id FROM complaints WHERE received_at >= ?1 AND received_at < ?2
                 UNION SELECT id FROM complaints WHERE status = 'open' AND received_at < ?1
                 UNION SELECT id FROM complaints WHERE resolved_at >= ?1 AND received_at < ?1
             ) c
             CROSS JOIN audit_events a ON a.entity = 'complaint' AND a.entity_id = c.id",
        ).map_err(StoreError::from)?;
        let mut rows = stmt.query(params![start, end]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let text = |i| r.get_ref(i).and_then(|v| v.as_str().map_err(Into::into)).map_err(StoreError::from);
            each(CandidateEventRef { complaint_id: text(0)?, seq: r.get(1).map_err(StoreError::from)?, recorded_at: text(2)?, payload: text(3)? })?;
        }
        Ok(())
    }
}

/// An event of a complaint a month's report may list, borrowed from the row being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateEventRef<'a> {
    pub complaint_id: &'a str,
    pub seq: i64,
    pub recorded_at: &'a str,
    pub payload: &'a str,
}
