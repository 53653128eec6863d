//! Backups and restore: a consistent, verified copy of the database while it is in use, and
//! putting a verified backup in place of the database, keeping the replaced file aside.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use cdesk_domain::backup::{Kept, Retention};

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

/// The app's hold on a database file (see [`hold_open_lock`]); dropping it releases the lock.
#[derive(Debug)]
pub struct OpenLock {
    _file: std::fs::File,
}

/// Taken by the app for as long as it runs on `database`, so that a restore cannot replace the
/// file under it. The database's folder is made first when it is missing (the app's first start).
///
/// # Errors
/// `Rule` `database_in_use` when another app window (or a restore) holds it; `Storage` when the
/// lock file cannot be made beside the database, saying why.
pub fn hold_open_lock(database: &Path) -> Result<OpenLock> {
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        cdesk_store::private_dir(dir).map_err(|e| ErrorBody::storage(format!("cannot make the folder {} for the database: {e}", dir.display())))?;
    }
    let lock = open_lock_path(database);
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| ErrorBody::storage(format!("cannot make the lock file {} beside the database: {e}", lock.display())))?;
    match f.try_lock() {
        Ok(()) => Ok(OpenLock { _file: f }),
        Err(std::fs::TryLockError::WouldBlock) => Err(ErrorBody::from(cdesk_domain::DomainError::rule(
            "database_in_use",
            format!("{} is open in another Compliance Desk window (or being restored); use that window, or close it first", database.display()),
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(ErrorBody::storage(format!("cannot lock {}: {e}", lock.display()))),
    }
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
        crate::progress::begin(crate::ProgressStep::Copying, None)?;
        let made = self.store.copy_into(&tmp).map_err(|e| match ErrorBody::from(e) {
            stopped if stopped.code == crate::ErrorCode::Cancelled => stopped,
            e => ErrorBody::invalid("out", format!("cannot write {}: {}", out.display(), e.message)),
        });
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
            crate::progress::begin(crate::ProgressStep::Finishing, None)?;
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
        // Held until the restore is done: neither the app nor another restore opens it meanwhile.
        let _lock = hold_open_lock(database).map_err(|e| match e.rule.as_deref() {
            Some("database_in_use") => ErrorBody::from(cdesk_domain::DomainError::rule(
                "database_in_use",
                format!("Compliance Desk has {} open; close the app, then restore", database.display()),
            )),
            _ => e,
        })?;
        Self::restore_locked(database, from, stamp, options)
    }

    /// [`Desk::restore_with`] for a caller that already holds the database's open lock (the
    /// app restoring from Settings keeps it throughout, so no other window opens the file
    /// between its release and the restore).
    fn restore_locked(database: &Path, from: &Path, stamp: chrono::DateTime<chrono::Utc>, options: AnchorOptions) -> Result<BackupOutput> {
        if !from.is_file() {
            return Err(ErrorBody::invalid("backup", format!("there is no backup at {}", from.display())));
        }
        // The backup itself is never opened (opening may upgrade a file): a copy beside the
        // database is verified, upgraded if it must be, and then put in place.
        let tmp = temp_beside(database)?;
        let _ = std::fs::remove_file(&tmp);
        let result = Self::restore_copy(database, from, &tmp, stamp, &options);
        let _ = std::fs::remove_file(&tmp);
        for suffix in ["-wal", "-shm"] {
            let mut p = tmp.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        result
    }

    fn restore_copy(database: &Path, from: &Path, tmp: &Path, stamp: chrono::DateTime<chrono::Utc>, options: &AnchorOptions) -> Result<BackupOutput> {
        std::fs::copy(from, tmp).map_err(|e| ErrorBody::invalid("backup", format!("cannot copy {}: {e}", from.display())))?;
        owner_only(tmp);
        let events = verified(tmp, "backup").map_err(|e| ErrorBody::invalid("backup", e.message.replace(&tmp.display().to_string(), &from.display().to_string())))?;
        let mut copy = Desk::open_unanchored(tmp, "restore")?;
        // A backup that carries a journal must still hold the head it recorded (a backup cut
        // short in the backups folder is found here); one without (made before an upgrade, or by
        // an older version) is checked by its chain and read models only.
        let own = crate::anchor::Anchoring::new(from, AnchorOptions { journal: None, key_file: options.key_file.clone() });
        if own.journal.exists() {
            let (_, problem) = copy.store.read(|tx| own.check_with(tx, events, true))?;
            if let Some((_, problem)) = problem {
                return Err(ErrorBody::invalid("backup", format!("{} does not match its own journal: {problem}", from.display())));
            }
        }
        // The journal says the history goes back to this head before the file is put in place;
        // if putting it in place fails, it says the old head again.
        let journal = crate::anchor::Anchoring::new(database, options.clone());
        copy.store.read(|tx| journal.anchor_current(tx, stamp))?;
        drop(copy);
        if let Ok(f) = std::fs::File::open(tmp) {
            let _ = f.sync_all();
        }
        // Closing the last connection folds the WAL into the file, so the copy kept aside is whole.
        let had_database = database.exists();
        if had_database {
            // (A damaged file, the usual reason to restore, cannot be opened: it is kept as it is.)
            drop(cdesk_store::Store::open_existing(database));
        }
        let kept = had_database.then(|| unique_kept_name(database, stamp));
        if let Some(kept) = &kept {
            // A second name for the current file, then the backup renamed over it: there is
            // never a moment without a database at the path.
            std::fs::hard_link(database, kept)
                .or_else(|_| std::fs::copy(database, kept).map(drop))
                .map_err(|e| ErrorBody::internal(format!("cannot keep {} aside: {e}; nothing was changed", database.display())))?;
            for suffix in ["-wal", "-shm"] {
                let (mut a, mut b) = (database.as_os_str().to_owned(), kept.as_os_str().to_owned());
                a.push(suffix);
                b.push(suffix);
                if Path::new(&a).exists() {
                    let _ = std::fs::rename(&a, &b);
                }
            }
        }
        if let Err(e) = std::fs::rename(tmp, database) {
            if had_database {
                if let Ok(mut back) = Desk::open_unanchored(database, "restore") {
                    back.store.read(|tx| journal.anchor_current(tx, stamp))?;
                }
            }
            return Err(ErrorBody::internal(format!("cannot put the backup in place of {}: {e}; the database is as it was", database.display())));
        }
        let report = Desk::open_existing_with(database, "restore", options.clone())?.verify_audit()?;
        if !report.ok {
            return Err(ErrorBody::internal(format!(
                "the restored {} does not verify: {}{}",
                database.display(),
                report.problem.unwrap_or_default(),
                kept.as_ref().map(|k| format!("; the database it replaced is kept at {}", k.display())).unwrap_or_default()
            )));
        }
        let (bytes, sha256) = sha256_of(database)?;
        Ok(BackupOutput {
            path: database.display().to_string(),
            events: report.events,
            bytes,
            sha256,
            replaced_kept_at: kept.map(|k| k.display().to_string()),
        })
    }
}

/// `<db>.replaced-<instant>`, with a number after it when that name is taken: a kept file is
/// never replaced.
fn unique_kept_name(database: &Path, stamp: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let base = format!("{}.replaced-{}", database.display(), stamp.format("%Y%m%dT%H%M%SZ"));
    let mut candidate = PathBuf::from(&base);
    let mut n = 1;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = PathBuf::from(format!("{base}-{n}"));
    }
    candidate
}

/// A backup in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BackupEntry {
    /// The file's name in the backups folder (what `restore_backup` takes).
    pub name: String,
    /// `daily` (made automatically), `manual` (Back up now, `cdesk backup`) or
    /// `before_migration` (made before an upgrade changed the file).
    pub kind: String,
    /// When it was made (RFC 3339, UTC).
    pub made_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Why it is kept: `daily` (one of the latest daily ones), `monthly` (the first of its month),
    /// `manual` or `before_migration` (kept until removed by hand).
    pub kept_as: String,
}

/// The backups folder and what it holds, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct BackupList {
    pub folder: String,
    pub keep_daily: u32,
    pub keep_monthly: u32,
    pub backups: Vec<BackupEntry>,
}

/// The retention in force: `CDESK_BACKUP_KEEP_DAILY` and `CDESK_BACKUP_KEEP_MONTHLY` (managed
/// desktops set them for every officer), else the domain's defaults.
///
/// # Errors
/// `InvalidInput` naming the variable when it is not a whole number in range.
pub fn retention_from_env() -> Result<Retention> {
    const DAILY: &str = "CDESK_BACKUP_KEEP_DAILY";
    const MONTHLY: &str = "CDESK_BACKUP_KEEP_MONTHLY";
    let d = Retention::default();
    let read = |name: &str, default: u32| -> Result<u32> {
        match std::env::var(name) {
            Ok(v) if !v.trim().is_empty() => v.trim().parse::<u32>().map_err(|_| ErrorBody::invalid(name, format!("{v:?} is not a whole number"))),
            _ => Ok(default),
        }
    };
    Ok(Retention::new(read(DAILY, d.daily)?, read(MONTHLY, d.monthly)?, (DAILY, MONTHLY))?)
}

/// A backup file's kind and instant, read from its name (`<stem>-daily-2026-11-23.db`,
/// `<stem>-manual-20261123T150000Z.db`, `<stem>-before-schema-8-from-7-20261123T150000Z.db`).
fn parse_backup_name(stem: &str, name: &str) -> Option<(&'static str, chrono::DateTime<chrono::Utc>)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let stamp = |s: &str| {
        let s = s.get(..16)?;
        chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ").ok().map(|d| d.and_utc())
    };
    if let Some(day) = rest.strip_prefix("daily-") {
        let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        return Some(("daily", date.and_hms_opt(0, 0, 0)?.and_utc()));
    }
    if let Some(s) = rest.strip_prefix("manual-") {
        return Some(("manual", stamp(s)?));
    }
    if let Some(s) = rest.strip_prefix("before-schema-") {
        let at = s.rsplit('-').find_map(stamp)?;
        return Some(("before_migration", at));
    }
    None
}

fn backup_error(dir: &Path, e: std::io::Error) -> ErrorBody {
    ErrorBody::internal(format!("the backups folder {} cannot be read: {e}", dir.display()))
}

impl Desk {
    fn database_file(&self) -> Result<PathBuf> {
        cdesk_domain::team::check_backup_of_a_file(self.store.team().is_some())?;
        self.store.path().map(Path::to_path_buf).ok_or_else(|| ErrorBody::invalid("db", "a database in memory has no backups"))
    }

    /// The backups of this database, newest first, with what the retention keeps each as.
    ///
    /// # Errors
    /// `InvalidInput` for a database in memory or a bad retention variable; `Internal` when the
    /// folder cannot be read.
    pub fn list_backups(&self) -> Result<BackupList> {
        let db = self.database_file()?;
        let dir = cdesk_store::backup_dir(&db);
        let stem = cdesk_store::backup_stem(&db);
        let retention = retention_from_env()?;
        let mut found: Vec<(String, &'static str, chrono::DateTime<chrono::Utc>, u64)> = Vec::new();
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                for e in entries {
                    let e = e.map_err(|e| backup_error(&dir, e))?;
                    let name = e.file_name().to_string_lossy().into_owned();
                    let Some((kind, at)) = parse_backup_name(&stem, &name) else { continue };
                    let Ok(meta) = e.metadata() else { continue };
                    if meta.is_file() {
                        found.push((name, kind, at, meta.len()));
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(backup_error(&dir, e)),
        }
        found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| b.0.cmp(&a.0)));
        let days: Vec<chrono::NaiveDate> = found.iter().filter(|f| f.1 == "daily").map(|f| f.2.date_naive()).collect();
        let mut kept = retention.keep(&days).into_iter();
        let backups = found
            .into_iter()
            .map(|(name, kind, at, bytes)| {
                let kept_as = if kind == "daily" { kept.next().flatten().map_or("expired", Kept::code) } else { kind };
                BackupEntry { name, kind: kind.to_owned(), made_at: crate::instant_text(at), bytes, kept_as: kept_as.to_owned() }
            })
            .collect();
        Ok(BackupList { folder: dir.display().to_string(), keep_daily: retention.daily, keep_monthly: retention.monthly, backups })
    }

    /// A backup made now into the backups folder (Back up now).
    ///
    /// # Errors
    /// As [`Desk::backup`].
    pub fn back_up_now(&mut self) -> Result<BackupOutput> {
        let db = self.database_file()?;
        let dir = cdesk_store::backup_dir(&db);
        private_dir(&dir)?;
        let stamp = self.now().format("%Y%m%dT%H%M%SZ");
        let mut target = dir.join(format!("{}-manual-{stamp}.db", cdesk_store::backup_stem(&db)));
        if target.exists() {
            target = dir.join(format!("{}-manual-{stamp}-{}.db", cdesk_store::backup_stem(&db), std::process::id()));
        }
        self.backup(&target)
    }

    /// The daily backup: made when there is none yet for today (in the program's time zone),
    /// then the daily backups the retention no longer keeps are removed (with their journals).
    /// Returns the backup made, if one was.
    ///
    /// # Errors
    /// As [`Desk::backup`]; `Internal` when the folder cannot be read or pruned.
    pub fn automatic_backup(&mut self) -> Result<Option<BackupOutput>> {
        let db = self.database_file()?;
        let dir = cdesk_store::backup_dir(&db);
        let tz = self.settings()?.timezone;
        let tz = cdesk_domain::complaint::parse_timezone(&tz, "timezone")?;
        let today = self.now().with_timezone(&tz).date_naive();
        let target = dir.join(format!("{}-daily-{today}.db", cdesk_store::backup_stem(&db)));
        let made = if target.exists() {
            None
        } else {
            private_dir(&dir)?;
            Some(self.backup(&target)?)
        };
        for b in self.list_backups()?.backups.into_iter().filter(|b| b.kind == "daily" && b.kept_as == "expired") {
            let path = dir.join(&b.name);
            std::fs::remove_file(&path).map_err(|e| backup_error(&dir, e))?;
            let _ = std::fs::remove_file(crate::anchor::journal_path(&path, &AnchorOptions::default()));
        }
        Ok(made)
    }

    /// Puts the backup `name` (one of [`Desk::list_backups`]) in place of this desk's database,
    /// as [`Desk::restore`] does. The desk must be dropped first: this takes the database's
    /// path, not the desk. `held` is the app's open lock on it, kept through the restore; without
    /// one the restore takes the lock itself.
    ///
    /// # Errors
    /// `NotFound` when there is no such backup; as [`Desk::restore`].
    pub fn restore_named(
        database: &Path,
        name: &str,
        stamp: chrono::DateTime<chrono::Utc>,
        options: AnchorOptions,
        held: Option<&OpenLock>,
    ) -> Result<BackupOutput> {
        let dir = cdesk_store::backup_dir(database);
        let stem = cdesk_store::backup_stem(database);
        // Only a name the folder's listing gives: never a path from outside.
        if name.contains(['/', '\\']) || parse_backup_name(&stem, name).is_none() {
            return Err(ErrorBody::not_found(format!("there is no backup named {name:?} in {}", dir.display())));
        }
        let from = dir.join(name);
        if !from.is_file() {
            return Err(ErrorBody::not_found(format!("there is no backup named {name:?} in {}", dir.display())));
        }
        match held {
            Some(_) => Self::restore_locked(database, &from, stamp, options),
            None => Self::restore_with(database, &from, stamp, options),
        }
    }
}

fn private_dir(dir: &Path) -> Result<()> {
    cdesk_store::private_dir(dir).map_err(|e| ErrorBody::internal(format!("the backups folder {} cannot be made: {e}", dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_give_their_kind_and_instant() {
        assert_eq!(parse_backup_name("desk", "desk-daily-2026-11-23.db").map(|b| b.0), Some("daily"));
        assert_eq!(parse_backup_name("desk", "desk-manual-20261123T150000Z.db").map(|b| crate::instant_text(b.1)), Some("2026-11-23T15:00:00Z".into()));
        assert_eq!(
            parse_backup_name("desk", "desk-before-schema-8-from-7-20261123T150000Z.db").map(|b| (b.0, crate::instant_text(b.1))),
            Some(("before_migration", "2026-11-23T15:00:00Z".into()))
        );
        assert_eq!(parse_backup_name("desk", "desk-daily-2026-11-23.db.anchors"), None, "a journal is not a backup");
        assert_eq!(parse_backup_name("desk", "other-daily-2026-11-23.db"), None, "another database's backup");
    }
}
