//! Backups and restore: a consistent, verified copy of the database while it is in use, and
//! putting a verified backup in place of the database, keeping the replaced file aside.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::{AnchorOptions, Desk, ErrorBody, Result};

/// A backup made, or a backup restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BackupOutput {
    pub path: String,
    /// Events in its audit chain, all verified.
    #[ts(type = "number")]
    pub events: i64,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    /// On restore: where the database it replaced was kept.
    pub replaced_kept_at: Option<String>,
}

/// The lock file the app holds while it has `database` open (see [`hold_open_lock`]).
pub fn open_lock_path(database: &Path) -> PathBuf {
    let mut p = database.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Taken by the app for as long as it runs on `database`, so that a restore cannot replace the
/// file under it. Returns the held file (dropping it releases the lock), or `None` when another
/// app already holds it.
pub fn hold_open_lock(database: &Path) -> Option<std::fs::File> {
    let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(open_lock_path(database)).ok()?;
    f.try_lock().ok().map(|()| f)
}

fn sha256_of(path: &Path) -> Result<(u64, String)> {
    let bytes = std::fs::read(path).map_err(|e| ErrorBody::internal(format!("cannot read {}: {e}", path.display())))?;
    Ok((bytes.len() as u64, crate::reports::sha256_hex(&bytes)))
}

#[cfg(unix)]
fn owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}
#[cfg(not(unix))]
fn owner_only(_: &Path) {}

/// Opens a copy and verifies it (its chain, its read models and files; its journal is checked
/// where it is put in place); the number of events when it is whole.
fn verified(path: &Path, field: &str) -> Result<i64> {
    let mut copy = Desk::open_unanchored(path, "backup check").map_err(|e| ErrorBody::invalid(field, format!("{}: {}", path.display(), e.message)))?;
    let report = copy.verify_audit()?;
    if !report.ok {
        return Err(ErrorBody::invalid(
            field,
            format!(
                "{} does not verify: event {}: {}",
                path.display(),
                report.first_bad_seq.unwrap_or_default(),
                report.problem.unwrap_or_default()
            ),
        ));
    }
    Ok(report.events)
}

fn temp_beside(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| ErrorBody::invalid("out", format!("{} has no file name", path.display())))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Ok(dir.join(format!(".{}.{}.partial", name.to_string_lossy(), std::process::id())))
}

impl Desk {
    /// Makes a consistent copy of the database at `out` while it may be in use, checks the
    /// copy's audit chain, and only then puts it in place (owner-only, never over a file).
    ///
    /// # Errors
    /// `InvalidInput` naming `out` when the file exists or cannot be written; `Storage` when
    /// the copy does not verify (nothing is left behind then).
    pub fn backup(&mut self, out: &Path) -> Result<BackupOutput> {
        if out.exists() || std::fs::symlink_metadata(out).is_ok() {
            return Err(ErrorBody::invalid("out", format!("{} already exists; a backup never replaces a file", out.display())));
        }
        let tmp = temp_beside(out)?;
        let _ = std::fs::remove_file(&tmp);
        let made = self.store.copy_into(&tmp).map_err(|e| ErrorBody::invalid("out", format!("cannot write {}: {e}", out.display())));
        let result = made.and_then(|()| {
            owner_only(&tmp);
            let events = verified(&tmp, "out")?;
            // The backup carries a journal of its own, one signed line for its head, so that it
            // verifies where it lies (and the officer can tell it was not cut short).
            let journal = crate::anchor::Anchoring::new(out, AnchorOptions { journal: None, key_file: self.options.key_file.clone() });
            let _ = std::fs::remove_file(&journal.journal);
            let mut copy = Desk::open_unanchored(&tmp, "backup check")?;
            let now = self.now();
            copy.store.read(|tx| journal.anchor_current(tx, now))?;
            drop(copy);
            std::fs::rename(&tmp, out).map_err(|e| ErrorBody::invalid("out", format!("cannot write {}: {e}", out.display())))?;
            let (bytes, sha256) = sha256_of(out)?;
            Ok(BackupOutput { path: out.display().to_string(), events, bytes, sha256, replaced_kept_at: None })
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Puts the backup `from` in place of the database at `database`: the backup is verified
    /// first, the current file (with its WAL) is kept aside beside it, and the restored file is
    /// verified again. Refused while the app has the database open.
    ///
    /// # Errors
    /// `InvalidInput` naming `backup` when it is missing or does not verify; `Rule`
    /// `database_in_use` while the app holds the database; `Storage` when the file cannot be
    /// replaced (the current one is then put back).
    pub fn restore(database: &Path, from: &Path, stamp: chrono::DateTime<chrono::Utc>) -> Result<BackupOutput> {
        Self::restore_with(database, from, stamp, AnchorOptions::from_env())
    }

    /// [`Desk::restore`] with the anchor journal and key where `options` say: the journal then
    /// gets a signed line for the restored head, so that moving back to the backup's history is
    /// on record rather than taken for a truncation.
    ///
    /// # Errors
    /// As [`Desk::restore`].
    pub fn restore_with(database: &Path, from: &Path, stamp: chrono::DateTime<chrono::Utc>, options: AnchorOptions) -> Result<BackupOutput> {
        let events = verified(from, "backup")?;
        let Some(lock) = hold_open_lock(database) else {
            return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                "database_in_use",
                format!("Compliance Desk has {} open; close the app, then restore", database.display()),
            )));
        };
        let tmp = temp_beside(database)?;
        std::fs::copy(from, &tmp).map_err(|e| ErrorBody::internal(format!("cannot copy {}: {e}", from.display())))?;
        owner_only(&tmp);
        if let Ok(f) = std::fs::File::open(&tmp) {
            let _ = f.sync_all();
        }
        let kept = database.exists().then(|| {
            let mut p = database.as_os_str().to_owned();
            p.push(format!(".replaced-{}", stamp.format("%Y%m%dT%H%M%SZ")));
            PathBuf::from(p)
        });
        if let Some(kept) = &kept {
            for suffix in ["", "-wal", "-shm"] {
                let (mut a, mut b) = (database.as_os_str().to_owned(), kept.as_os_str().to_owned());
                a.push(suffix);
                b.push(suffix);
                if Path::new(&a).exists() {
                    std::fs::rename(&a, &b).map_err(|e| ErrorBody::internal(format!("cannot keep {} aside: {e}", database.display())))?;
                }
            }
        }
        if let Err(e) = std::fs::rename(&tmp, database) {
            if let Some(kept) = &kept {
                let _ = std::fs::rename(kept, database);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(ErrorBody::internal(format!("cannot put the backup in place of {}: {e}", database.display())));
        }
        drop(lock);
        let restored = verified(database, "backup")?;
        let journal = crate::anchor::Anchoring::new(database, options.clone());
        let mut live = Desk::open_unanchored(database, "restore")?;
        live.store.read(|tx| journal.anchor_current(tx, stamp))?;
        drop(live);
        let report = Desk::open_existing_with(database, "restore", options)?.verify_audit()?;
        if !report.ok {
            return Err(ErrorBody::internal(format!("the restored {} does not verify: {}", database.display(), report.problem.unwrap_or_default())));
        }
        let (bytes, sha256) = sha256_of(database)?;
        if restored < events {
            return Err(ErrorBody::internal(format!("the restored {} holds fewer events than the backup", database.display())));
        }
        Ok(BackupOutput {
            path: database.display().to_string(),
            events: restored,
            bytes,
            sha256,
            replaced_kept_at: kept.map(|k| k.display().to_string()),
        })
    }
}
