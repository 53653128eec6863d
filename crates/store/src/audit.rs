//! The audit log: every change appends one event, and each event carries the SHA-256 of the
//! one before it, so an event edited, deleted or moved in the file breaks the chain.

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::{LiteTx, StoreError};

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event to append. `payload` is JSON.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub recorded_at: &'a str,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub payload: String,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub seq: i64,
    pub recorded_at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The first break in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditProblem {
    pub seq: i64,
    pub problem: String,
}

pub(crate) fn chain_hash(prev_hash: &str, seq: i64, e: &NewAuditEvent<'_>) -> String {
    let mut h = Sha256::new();
    for part in [prev_hash, &seq.to_string(), e.recorded_at, e.actor, e.entity, e.entity_id, e.action, &e.payload] {
        // Length-prefixed so that moving text between fields changes the hash.
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

impl LiteTx<'_> {
    /// Appends an event to the chain and returns its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn append_audit(&self, e: &NewAuditEvent<'_>) -> Result<i64, StoreError> {
        let head: Option<(i64, String)> = self
            .conn()
            .prepare_cached("SELECT seq, hash FROM audit_head WHERE id = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (prev_seq, prev_hash) = head.unwrap_or((0, GENESIS_HASH.to_owned()));
        let seq = prev_seq + 1;
        let hash = chain_hash(&prev_hash, seq, e);
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO audit_events (seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        stmt.execute(params![seq, e.recorded_at, e.actor, e.entity, e.entity_id, e.action, e.payload, prev_hash, hash])?;
        self.conn()
            .prepare_cached(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            )?
            .execute(params![seq, hash])?;
        Ok(seq)
    }

    /// One event by its sequence number.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_event(&self, seq: i64) -> Result<Option<AuditEvent>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash FROM audit_events WHERE seq = ?1",
        )?;
        Ok(stmt.query_row(params![seq], row_to_event).optional()?)
    }

    /// Every event of one entity, oldest first.
    ///
    /// # Errors
    /// Store errors only.
    pub fn audit_events_of(&self, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash
             FROM audit_events WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![entity, entity_id], row_to_event)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Walks the whole chain. Returns the number of events and the first problem, if any.
    ///
    /// # Errors
    /// Store errors only (a broken chain is a result, not an error).
    pub fn verify_audit(&self) -> Result<(i64, Option<AuditProblem>), StoreError> {
        self.verify_audit_counted(&mut |_| {})
    }

    /// [`Tx::verify_audit`], telling `counted` how many events it has walked every 4,096.
    ///
    /// # Errors
    /// Store errors only.
    pub fn verify_audit_counted(&self, counted: &mut dyn FnMut(u64)) -> Result<(i64, Option<AuditProblem>), StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT seq, recorded_at, actor, entity, entity_id, action, payload, prev_hash, hash
             FROM audit_events ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut walk = ChainWalk::new();
        while let Some(row) = rows.next()? {
            if let Some(problem) = walk.step(&row_to_event(row)?, counted) {
                return Ok((walk.count, Some(problem)));
            }
        }
        let head: Option<(i64, String)> = self
            .conn()
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok((walk.count, walk.finish(head)))
    }
}

/// Walks the chain event by event, in order, as either store reads it: the first break, and
/// at the end whether the head record names the last event.
pub(crate) struct ChainWalk {
    expected_seq: i64,
    prev_hash: String,
    pub(crate) count: i64,
}

impl ChainWalk {
    pub(crate) fn new() -> Self {
        ChainWalk { expected_seq: 1, prev_hash: GENESIS_HASH.to_owned(), count: 0 }
    }

    /// Checks the next event; the problem if the chain breaks here. `counted` hears of every
    /// 4,096 events walked.
    pub(crate) fn step(&mut self, ev: &AuditEvent, counted: &mut dyn FnMut(u64)) -> Option<AuditProblem> {
        self.count += 1;
        if self.count % 4_096 == 0 {
            counted(4_096);
        }
        let expected_seq = self.expected_seq;
        let problem = if ev.seq != expected_seq {
            Some(format!("expected event {expected_seq} here but found event {}: an event was deleted or moved", ev.seq))
        } else if ev.prev_hash != self.prev_hash {
            Some("its link to the previous event does not match: an event before it was deleted, edited or moved".to_owned())
        } else {
            let e = NewAuditEvent {
                recorded_at: &ev.recorded_at,
                actor: &ev.actor,
                entity: &ev.entity,
                entity_id: &ev.entity_id,
                action: &ev.action,
                payload: ev.payload.clone(),
            };
            (chain_hash(&ev.prev_hash, ev.seq, &e) != ev.hash).then(|| "its content does not match its hash: the event was edited".to_owned())
        };
        if let Some(problem) = problem {
            return Some(AuditProblem { seq: expected_seq, problem });
        }
        self.prev_hash.clone_from(&ev.hash);
        self.expected_seq += 1;
        None
    }

    /// After the last event: whether the head record (`seq`, `hash`) names it.
    pub(crate) fn finish(&self, head: Option<(i64, String)>) -> Option<AuditProblem> {
        let last_seq = self.expected_seq - 1;
        match head {
            Some((seq, hash)) if seq != last_seq || hash != self.prev_hash => Some(AuditProblem {
                seq: last_seq + 1,
                problem: format!("the log ends at event {last_seq} but {seq} events were recorded: the latest events were deleted"),
            }),
            None if self.count > 0 => Some(AuditProblem { seq: 1, problem: "the chain's head record is missing".into() }),
            _ => None,
        }
    }
}

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEvent> {
    Ok(AuditEvent {
        seq: r.get(0)?,
        recorded_at: r.get(1)?,
        actor: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: r.get(5)?,
        payload: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

#[cfg(test)]
mod tests {
    use crate::{NewAuditEvent, Store, StoreError};

    fn store_with(n: usize) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.write(|tx| {
            for i in 0..n {
                tx.append_audit(&NewAuditEvent {
                    recorded_at: "2026-11-20T10:00:00Z",
                    actor: "officer",
                    entity: "complaint",
                    entity_id: "CMP-2026-00001",
                    action: "note_added",
                    payload: format!("{{\"n\":{i}}}"),
                })?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
        s
    }

    fn verify(s: &mut Store) -> (i64, Option<crate::AuditProblem>) {
        s.read(|tx| tx.verify_audit()).unwrap()
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let mut s = store_with(5);
        assert_eq!(verify(&mut s), (5, None));
    }

    #[test]
    fn an_edited_event_is_detected() {
        let mut s = store_with(5);
        s.lite_conn().execute("UPDATE audit_events SET payload = '{\"n\":99}' WHERE seq = 3", []).unwrap();
        let (_, p) = verify(&mut s);
        assert_eq!(p.expect("edit must be found").seq, 3);
    }

    #[test]
    fn a_deleted_event_is_detected() {
        let mut s = store_with(5);
        s.lite_conn().execute("DELETE FROM audit_events WHERE seq = 2", []).unwrap();
        assert_eq!(verify(&mut s).1.expect("deletion must be found").seq, 2);
        let mut s = store_with(5);
        s.lite_conn().execute("DELETE FROM audit_events WHERE seq = 5", []).unwrap();
        assert!(verify(&mut s).1.is_some(), "deleting the newest event must be found");
    }

    #[test]
    fn reordered_events_are_detected() {
        let mut s = store_with(5);
        // Swap the contents of events 2 and 3, keeping their sequence numbers.
        s.lite_conn()
            .execute_batch(
                "UPDATE audit_events SET seq = -2 WHERE seq = 2;
                 UPDATE audit_events SET seq = 2 WHERE seq = 3;
                 UPDATE audit_events SET seq = 3 WHERE seq = -2;",
            )
            .unwrap();
        assert!(verify(&mut s).1.is_some(), "a reordering must be found");
    }
}
