//! How far a long operation (an import, an export, a verification, a backup) has got, and the
//! officer's request to stop it.
//!
//! The caller makes a [`Progress`], hands a clone to the operation (`Desk::*_with`) and reads
//! [`Progress::report`] from another thread to draw a bar; [`Progress::cancel`] asks the
//! operation to stop. The operation stops at its next count or, inside a long SQL statement, at
//! SQLite's next progress callback; its transaction is rolled back, so nothing is written, and
//! it answers [`crate::ErrorCode::Cancelled`]. Once it reaches the point where its work is being
//! committed (or its file put in place), a cancel is no longer taken: the report says so.
//!
//! The counting is done where the rows are walked, deep inside the use cases, without passing
//! the progress through every function: the operation enters its progress for the current thread
//! ([`Progress::enter`]) and the loops call [`count`].

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::{ErrorBody, Result};

/// What a long operation is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ProgressStep {
    Starting,
    /// Reading and validating the rows of a file, before anything is written.
    CheckingRows,
    /// Writing rows (in one transaction: still undone if stopped).
    WritingRows,
    /// Filling the search index of what was written.
    Indexing,
    /// Reading every page of the database file (SQLite's integrity check).
    CheckingFile,
    /// Walking the audit chain.
    CheckingChain,
    /// Comparing read models (the register, accounts, cases) with the history.
    CheckingRecords,
    /// Reading the complaints a report lists.
    ReadingReport,
    /// Laying out the report file.
    Rendering,
    /// Copying the database.
    Copying,
    /// Committing or putting the file in place: no longer stoppable.
    Finishing,
}

const STEPS: [ProgressStep; 11] = [
    ProgressStep::Starting,
    ProgressStep::CheckingRows,
    ProgressStep::WritingRows,
    ProgressStep::Indexing,
    ProgressStep::CheckingFile,
    ProgressStep::CheckingChain,
    ProgressStep::CheckingRecords,
    ProgressStep::ReadingReport,
    ProgressStep::Rendering,
    ProgressStep::Copying,
    ProgressStep::Finishing,
];

/// A snapshot of a [`Progress`], for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ProgressReport {
    pub step: ProgressStep,
    /// Rows (or events) done in this step.
    #[ts(type = "number")]
    pub done: u64,
    /// How many the step has in all, when known.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// Whether a cancel would still undo everything.
    pub can_cancel: bool,
    pub cancelled: bool,
}

/// The run state: running, cancelled (stops at the next count), or finishing (too late to stop).
/// One atomic, so that a cancel and the start of finishing cannot both win.
pub(crate) const RUNNING: u8 = 0;
pub(crate) const CANCELLED: u8 = 1;
const FINISHING: u8 = 2;

/// Which long operation a [`Progress`] follows (the window shows one at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum Operation {
    Import,
    Export,
    Verify,
    Backup,
}

/// The long operation running now and how far it has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct OperationView {
    pub operation: Operation,
    pub progress: ProgressReport,
}

#[derive(Debug, Default)]
struct Inner {
    step: AtomicU8,
    done: AtomicU64,
    /// The step's total plus one; zero when unknown.
    total: AtomicU64,
    state: Arc<AtomicU8>,
}

/// Shared between a long operation and whoever shows it; cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Inner>);

thread_local! {
    static CURRENT: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// Makes the progress current on this thread until dropped.
pub(crate) struct Entered(Option<Progress>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the operation to stop; taken until it starts finishing. Returns whether it was taken.
    pub fn cancel(&self) -> bool {
        let state = &self.0.state;
        state.compare_exchange(RUNNING, CANCELLED, Ordering::SeqCst, Ordering::SeqCst).is_ok() || state.load(Ordering::SeqCst) == CANCELLED
    }

    pub fn report(&self) -> ProgressReport {
        let step = self.step();
        let total = self.0.total.load(Ordering::Relaxed);
        ProgressReport {
            step,
            done: self.0.done.load(Ordering::Relaxed),
            total: total.checked_sub(1),
            can_cancel: self.0.state.load(Ordering::SeqCst) == RUNNING,
            cancelled: self.is_cancelled(),
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.state.load(Ordering::SeqCst) == CANCELLED
    }

    /// The state SQLite's progress callback reads to interrupt a long statement
    /// ([`CANCELLED`] stops it).
    pub(crate) fn state(&self) -> Arc<AtomicU8> {
        self.0.state.clone()
    }

    fn step(&self) -> ProgressStep {
        STEPS.get(self.0.step.load(Ordering::SeqCst) as usize).copied().unwrap_or(ProgressStep::Starting)
    }

    /// Starts a step, its count at zero. Fails when the operation was cancelled meanwhile.
    pub(crate) fn begin(&self, step: ProgressStep, total: Option<u64>) -> Result<()> {
        if step == ProgressStep::Finishing {
            // Either the cancel came first (and is taken) or finishing did (and it is refused).
            if self.0.state.compare_exchange(RUNNING, FINISHING, Ordering::SeqCst, Ordering::SeqCst).is_err() {
                return Err(ErrorBody::cancelled());
            }
        }
        self.stop_if_cancelled()?;
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(total.map_or(0, |t| t.saturating_add(1)), Ordering::Relaxed);
        let index = STEPS.iter().position(|s| *s == step).unwrap_or(0);
        self.0.step.store(index as u8, Ordering::SeqCst);
        Ok(())
    }

    pub(crate) fn stop_if_cancelled(&self) -> Result<()> {
        if self.is_cancelled() {
            return Err(ErrorBody::cancelled());
        }
        Ok(())
    }

    /// Makes this progress the one [`count`] adds to on this thread, until the guard drops.
    pub(crate) fn enter(&self) -> Entered {
        Entered(CURRENT.with(|c| c.borrow_mut().replace(self.clone())))
    }
}

/// Adds `n` to the current operation's count (none: nothing to do) and stops it when it was
/// cancelled.
pub(crate) fn count(n: u64) -> Result<()> {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(p) => {
            p.0.done.fetch_add(n, Ordering::Relaxed);
            p.stop_if_cancelled()
        }
        None => Ok(()),
    })
}

/// Stops the current operation, if there is one and it was cancelled.
pub(crate) fn stop_if_cancelled() -> Result<()> {
    count(0)
}

/// Starts a step of the current operation, if there is one.
pub(crate) fn begin(step: ProgressStep, total: Option<u64>) -> Result<()> {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(p) => p.begin(step, total),
        None => Ok(()),
    })
}

impl crate::Desk {
    /// Runs `f` as a long operation that `progress` follows: its loops count into it, and a
    /// cancel stops it (rows in Rust at their next count, a long statement at SQLite's next
    /// progress callback); its transaction is then rolled back.
    ///
    /// # Errors
    /// `Cancelled` when stopped; whatever `f` returns.
    pub(crate) fn with_progress<T>(&mut self, progress: &Progress, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let state = progress.state();
        self.store.interrupt_when(Some(Box::new(move || state.load(Ordering::SeqCst) == CANCELLED)))?;
        let entered = progress.enter();
        let out = progress.begin(ProgressStep::Starting, None).and_then(|()| f(self));
        drop(entered);
        self.store.interrupt_when(None)?;
        // A cancel that came in while the operation was already failing for another reason
        // leaves that reason; one that stopped it says so.
        match out {
            Err(e) if progress.is_cancelled() && e.code != crate::ErrorCode::InvalidInput && e.code != crate::ErrorCode::Rule => {
                Err(ErrorBody::cancelled())
            }
            other => other,
        }
    }

    /// [`crate::Desk::import_csv_file`], followed by `progress` and stoppable until it commits.
    ///
    /// # Errors
    /// As `import_csv_file`; `Cancelled`.
    pub fn import_csv_file_with(&mut self, path: &std::path::Path, progress: &Progress) -> Result<crate::ImportOutput> {
        self.with_progress(progress, |d| d.import_csv_file(path))
    }

    /// [`crate::Desk::verify_audit`], followed by `progress` and stoppable throughout (it writes
    /// nothing).
    ///
    /// # Errors
    /// As `verify_audit`; `Cancelled`.
    pub fn verify_audit_with(&mut self, progress: &Progress) -> Result<crate::AuditReport> {
        self.with_progress(progress, |d| d.verify_audit())
    }

    /// [`crate::Desk::export_report`], followed by `progress` and stoppable until the file is
    /// returned (the caller saves it).
    ///
    /// # Errors
    /// As `export_report`; `Cancelled`.
    pub fn export_report_with(&mut self, input: crate::ExportReportInput, progress: &Progress) -> Result<crate::ExportedFile> {
        self.with_progress(progress, |d| d.export_report(input))
    }

    /// [`crate::Desk::back_up_now`], followed by `progress` and stoppable until the copy is put
    /// in place.
    ///
    /// # Errors
    /// As `back_up_now`; `Cancelled`.
    pub fn back_up_now_with(&mut self, progress: &Progress) -> Result<crate::BackupOutput> {
        self.with_progress(progress, |d| d.back_up_now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_is_taken_until_the_operation_finishes() {
        let p = Progress::new();
        let _entered = p.enter();
        begin(ProgressStep::CheckingRows, None).unwrap();
        count(3).unwrap();
        assert_eq!(p.report(), ProgressReport { step: ProgressStep::CheckingRows, done: 3, total: None, can_cancel: true, cancelled: false });
        begin(ProgressStep::WritingRows, Some(3)).unwrap();
        assert_eq!(p.report().total, Some(3));
        assert!(p.cancel());
        assert_eq!(count(1).unwrap_err().code, crate::ErrorCode::Cancelled);
        assert_eq!(p.begin(ProgressStep::Finishing, None).unwrap_err().code, crate::ErrorCode::Cancelled, "cancelled first: not finished");
        let finishing = Progress::new();
        finishing.begin(ProgressStep::Finishing, None).unwrap();
        assert!(!finishing.cancel(), "too late to undo: the cancel is not taken");
        assert!(!finishing.is_cancelled());
        assert!(!finishing.report().can_cancel);
    }

    #[test]
    fn counting_without_an_operation_does_nothing() {
        assert!(count(5).is_ok());
        let p = Progress::new();
        {
            let _entered = p.enter();
            count(2).unwrap();
        }
        count(2).unwrap();
        assert_eq!(p.report().done, 2, "counted only while entered");
    }
}
