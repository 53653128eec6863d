//! Compliance Desk's store: one SQLite file opened with WAL and foreign keys, versioned
//! migrations, the hash-chained audit log, and the complaint register's read model.
//! It maps rows to domain types and back; it never decides whether a change is allowed.

mod accounts;
mod audit;
mod complaints;
mod credit;
mod integrity;
mod migrations;
pub mod pg;
mod reports;
mod reserve;
mod settings;
mod tx;

use std::path::{Path, PathBuf};

pub use audit::{AuditEvent, AuditProblem, NewAuditEvent, GENESIS_HASH};
pub use complaints::{CandidateEventRef, ComplaintFilter, ComplaintRecord, RegisterCursor, RegisterTally, RegisterTotal, StatusFilter};
pub use credit::{CreditCaseRecord, NoticeTally};
pub use integrity::{complaint_image, AccountRow, CreditCaseRow, RowImage, SubmissionRow, COMPLAINT_IMAGE_COLUMNS};
pub use migrations::SCHEMA_VERSION;
pub use reserve::ReserveEntryRow;
pub use reports::{NewSubmission, StoredSubmission, Submission, SubmittedFile};
pub use tx::Tx;

/// Everything the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Compliance Desk database or is damaged ({detail}); restore it from a backup or pick another file")]
    Damaged { path: String, detail: String },
    #[error("{path} was written by a newer Compliance Desk (schema {found}, this version knows up to {supported}); update the app to open it")]
    NewerSchema { path: String, found: i64, supported: i64 },
    #[error("cannot open {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("there is no database at {path}; check the path, or make a new database there with `cdesk init --db {path}`")]
    Missing { path: String },
    #[error("{path} is an empty file, not a Compliance Desk database; pick the database file, or make a new database there with `cdesk init --db {path}`")]
    Empty { path: String },
    #[error("{path} already exists (rule: database_exists); a new database is never made over an existing file: give another path")]
    Exists { path: String },
    #[error("{path} is a database of another program, not of Compliance Desk; pick the Compliance Desk database")]
    Foreign { path: String },
    #[error("{path} cannot be written: the file or its folder is read-only; open it from a folder you can write to, or ask for write access")]
    ReadOnly { path: String },
    #[error("the disk holding {path} is full; free some space and open it again (nothing was lost)")]
    DiskFull { path: String },
    #[error("{path} is in use by {holders} and stayed locked for 30 seconds; close it there (or wait for it to finish) and try again")]
    Busy { path: String, holders: String },
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Anchor(String),
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// The team server: unreachable, a dropped connection, a sign-in refused, no team schema.
    #[error("{0}")]
    Team(String),
    /// The team server refused the change under one of its rules (a role's grants, the
    /// append-only history, four eyes); nothing was written.
    #[error("{message}")]
    ServerRefused { rule: String, message: String },
}

/// What a failed SQLite statement says: a damaged file is said to be damaged, with what to do.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            format!("the database file is damaged ({e}); run `cdesk audit verify` to see where, and restore it from a backup")
        }
        _ => format!("database error: {e}"),
    }
}

impl StoreError {
    /// Whether a statement was stopped by [`Store::interrupt_when`].
    pub fn is_interrupted(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted))
    }
}

/// What went wrong opening a file, said truthfully: "damaged" only when it is; a locked file, a
/// read-only file or folder and a full disk each get their own message.
fn opening_error(e: rusqlite::Error, shown: &str) -> StoreError {
    let path = shown.to_owned();
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => busy(&path),
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull { path },
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied) => StoreError::Open { path, detail: e.to_string() },
        _ => StoreError::Damaged { path, detail: e.to_string() },
    }
}

/// The file stayed locked: named with the programs that have it open, where the system says.
fn busy(path: &str) -> StoreError {
    StoreError::Busy { path: path.to_owned(), holders: holders_of(Path::new(path)) }
}

/// The other programs that have the database (or its WAL) open, as "name (pid N)", where the
/// system tells (Linux: `/proc`); otherwise the programs it is likely to be.
pub fn holders_of(db: &Path) -> String {
    #[cfg(target_os = "linux")]
    {
        let found = linux_holders(db);
        if !found.is_empty() {
            return found.join(", ");
        }
    }
    let _ = db;
    "another program (the Compliance Desk app, another cdesk, or a SQLite tool)".into()
}

#[cfg(target_os = "linux")]
fn linux_holders(db: &Path) -> Vec<String> {
    let Ok(file) = std::fs::canonicalize(db) else { return Vec::new() };
    let wal = PathBuf::from(format!("{}-wal", file.display()));
    let me = std::process::id().to_string();
    let Ok(procs) = std::fs::read_dir("/proc") else { return Vec::new() };
    let mut out = Vec::new();
    for p in procs.flatten() {
        let pid = p.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // Another user's processes cannot be read: they are simply not named.
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else { continue };
        let holds = fds.flatten().any(|fd| std::fs::read_link(fd.path()).is_ok_and(|t| t == file || t == wal));
        if holds {
            let name = std::fs::read_to_string(p.path().join("comm")).map(|n| n.trim().to_owned()).unwrap_or_else(|_| "a program".into());
            out.push(format!("{name} (pid {pid})"));
        }
    }
    out
}

/// How long an open or a write waits for another process's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Creates a folder (and its missing parents) that only its owner can enter.
///
/// # Errors
/// The file system's.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Builds a new, fully migrated database beside `path` and puts it in place in one step, so
/// that no other opener ever sees a half-made (empty) file there. Losing the race to another
/// process making the same file is fine: that one is used. `replace_empty` puts it over an empty
/// file (`cdesk init` on a zero-byte file).
fn create_in_place(path: &Path, replace_empty: bool) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    let failed = |e: std::io::Error| StoreError::Open { path: shown.clone(), detail: e.to_string() };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "database".into());
    let nonce: u64 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    let tmp = path.with_file_name(format!(".{name}.new-{}-{nonce:x}", std::process::id()));
    let made = (|| {
        // Complainants' data: readable by its owner only (SQLite gives the WAL the same mode).
        private_file(&tmp).map_err(failed)?;
        let conn = rusqlite::Connection::open(&tmp).map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?;
        let mut conn = conn;
        prepare_lite(&mut conn, None, &shown)?;
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // Closing the only connection folds the WAL into the file and removes it.
        drop(conn);
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(failed)?;
        if replace_empty {
            std::fs::rename(&tmp, path).map_err(failed)
        } else {
            match std::fs::hard_link(&tmp, path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                // A file system without hard links: a rename, which cannot refuse an existing
                // file, after a last look.
                Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(failed),
                Err(e) => Err(failed(e)),
            }
        }
    })();
    for leftover in [tmp.clone(), PathBuf::from(format!("{}-wal", tmp.display())), PathBuf::from(format!("{}-shm", tmp.display()))] {
        let _ = std::fs::remove_file(leftover);
    }
    made
}

/// Creates an empty file that only its owner can read and write.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        // Another process created it a moment ago: open that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The newest event of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// Called inside every write transaction that appended events, before it commits, with the
/// head before and after: the anchor journal is written here, in commit order (the write lock
/// is held). An error rolls the transaction back. What it returns is called once the commit
/// succeeded (the journal then confirms the head).
pub type CommitHook = Box<dyn FnMut(&Tx<'_>, Option<&ChainHead>, &ChainHead) -> Result<Option<AfterCommit>, StoreError> + Send>;

/// Run after a commit the [`CommitHook`] saw.
pub type AfterCommit = Box<dyn FnOnce() + Send>;

/// The connection's page cache (negative: KiB), and the smaller one of a read that streams once.
const CACHE_KIB: i64 = -64_000;
const STREAMING_CACHE_KIB: i64 = -8_000;

/// The folder where the backups of the database at `db` are kept: `CDESK_BACKUP_DIR` when
/// set, else `backups` beside the database (in the data folder, for the app's own database).
pub fn backup_dir(db: &Path) -> PathBuf {
    match std::env::var_os("CDESK_BACKUP_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups"),
    }
}

/// The file name stem backups of `db` start with (`compliance-desk` for `compliance-desk.db`).
pub fn backup_stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "database".into())
}

/// Before a migration changes an existing file, a copy of it as it was goes into the backups
/// folder (`<stem>-before-schema-<version>-<instant>.db`); no copy, no migration.
fn backup_before_migration(conn: &rusqlite::Connection, db: &Path, from: i64) -> Result<PathBuf, StoreError> {
    let dir = backup_dir(db);
    let failed = |detail: String| StoreError::Open {
        path: db.display().to_string(),
        detail: format!("it must be upgraded to schema {SCHEMA_VERSION}, and the copy kept before upgrading cannot be written ({detail}); nothing was changed"),
    };
    private_dir(&dir).map_err(|e| failed(format!("{}: {e}", dir.display())))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut target = dir.join(format!("{}-before-schema-{}-from-{from}-{stamp}.db", backup_stem(db), SCHEMA_VERSION));
    if target.exists() {
        target = dir.join(format!("{}-before-schema-{}-from-{from}-{stamp}-{}.db", backup_stem(db), SCHEMA_VERSION, std::process::id()));
    }
    let text = target.to_str().ok_or_else(|| failed("the path is not valid text".into()))?;
    conn.execute("VACUUM INTO ?1", [text]).map_err(|e| failed(e.to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600));
    }
    Ok(target)
}

/// An open database: the single-user SQLite file, or the team's PostgreSQL server.
pub struct Store {
    inner: Inner,
    path: Option<PathBuf>,
    commit_hook: Option<CommitHook>,
}

enum Inner {
    Lite(rusqlite::Connection),
    Pg(Box<pg::PgStore>),
}

/// A transaction on the SQLite file.
pub struct LiteTx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, checks it, and migrates it.
    ///
    /// # Errors
    /// `Damaged` for a file that is not a healthy SQLite database, `NewerSchema` for one written
    /// by a newer version, `Open` when the folder cannot be created or the file opened.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let shown = path.display().to_string();
        let failed = |e: std::io::Error| StoreError::Open { path: shown.clone(), detail: e.to_string() };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            private_dir(dir).map_err(failed)?;
        }
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_in_place(path, false)?,
            // An empty file is nobody's database: SQLite would take it as a new one and write
            // a register into whatever file the path was meant to name.
            Ok(m) if m.is_file() && m.len() == 0 => return Err(StoreError::Empty { path: shown }),
            _ => {}
        }
        Self::open_file(path)
    }

    /// Makes a new database at `path` (a missing or empty file; anything else is refused with
    /// `Exists`) and opens it: `cdesk init`.
    ///
    /// # Errors
    /// `Exists` for a file with content; otherwise as [`Store::open`].
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            private_dir(dir).map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?;
        }
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_in_place(path, false)?,
            Ok(m) if m.is_file() && m.len() == 0 => create_in_place(path, true)?,
            Ok(_) => return Err(StoreError::Exists { path: shown }),
            Err(e) => return Err(StoreError::Open { path: shown, detail: e.to_string() }),
        }
        Self::open_file(path)
    }

    fn open_file(path: &Path) -> Result<Self, StoreError> {
        let shown = path.display().to_string();
        let conn = rusqlite::Connection::open(path).map_err(|e| StoreError::Open { path: shown.clone(), detail: e.to_string() })?;
        let mut store = Store { inner: Inner::Lite(conn), path: Some(path.to_path_buf()), commit_hook: None };
        store.prepare(&shown)?;
        Ok(store)
    }

    /// Opens an existing database: a missing file is refused instead of created (verification,
    /// for one, must not leave a new empty database behind a mistyped path).
    ///
    /// # Errors
    /// `Missing` when there is no file at `path`; otherwise as [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.display().to_string() });
        }
        Self::open(path)
    }

    /// A fresh database in memory, migrated like a file.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let mut store = Store { inner: Inner::Lite(conn), path: None, commit_hook: None };
        store.prepare(":memory:")?;
        Ok(store)
    }

    /// Connects to a team database on a PostgreSQL server (`postgres://ROLE[:PASSWORD]@HOST:PORT/DB`),
    /// checks its schema and signs in as the role the URL names.
    ///
    /// # Errors
    /// `Team` naming what failed (the server unreachable, the sign-in refused, no team schema,
    /// a newer schema).
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Ok(Store { inner: Inner::Pg(Box::new(pg::PgStore::connect(url)?)), path: None, commit_hook: None })
    }

    /// The file's path (None for a team server or a database in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The team server this store is on, if it is one.
    pub fn team(&self) -> Option<&pg::PgStore> {
        match &self.inner {
            Inner::Pg(p) => Some(p),
            Inner::Lite(_) => None,
        }
    }

    /// The team server this store is on, for its administration.
    pub fn team_mut(&mut self) -> Option<&mut pg::PgStore> {
        match &mut self.inner {
            Inner::Pg(p) => Some(p),
            Inner::Lite(_) => None,
        }
    }

    fn lite(&mut self) -> Result<&mut rusqlite::Connection, StoreError> {
        match &mut self.inner {
            Inner::Lite(c) => Ok(c),
            Inner::Pg(_) => Err(StoreError::Team("a team database is copied and restored with the server's own tools (pg_dump), not by the desk".into())),
        }
    }

    /// Copies this file's history and read models into the empty team database `team`, in one
    /// transaction on the server (`cdesk team migrate`).
    ///
    /// # Errors
    /// `Team` when this is not a file, `team` not a team database, or the team database not
    /// empty; store errors of either side.
    pub fn copy_into_team(&mut self, team: &mut Store) -> Result<pg::migrate::CopyCounts, StoreError> {
        let Inner::Lite(src) = &self.inner else {
            return Err(StoreError::Team("a register is moved from a database file".into()));
        };
        let Inner::Pg(dst) = &mut team.inner else {
            return Err(StoreError::Team("a register is moved onto a team database (postgres://...)".into()));
        };
        let shown = dst.shown().to_owned();
        pg::migrate::copy_file(src, dst.client(), &shown)
    }

    #[cfg(test)]
    fn lite_conn(&self) -> &rusqlite::Connection {
        match &self.inner {
            Inner::Lite(c) => c,
            Inner::Pg(_) => unreachable!("a test of the SQLite store"),
        }
    }

    /// Writes a consistent copy of the whole database to `path` (a new file), while other
    /// connections may go on writing (`VACUUM INTO` reads one snapshot).
    ///
    /// # Errors
    /// SQLite's, e.g. when `path` exists or its folder cannot be written.
    pub fn copy_into(&mut self, path: &Path) -> Result<(), StoreError> {
        let target = path.to_str().ok_or_else(|| StoreError::Open { path: path.display().to_string(), detail: "the path is not valid text".into() })?;
        self.lite()?.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    fn prepare(&mut self, shown: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let conn = self.lite()?;
        prepare_lite(conn, path.as_deref(), shown)
    }

    /// Runs `f` in one write transaction: committed when it returns `Ok`, rolled back otherwise.
    ///
    /// # Errors
    /// Whatever `f` returns, or a store error from beginning or committing.
    pub fn write<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        let path = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        let commit_hook = &mut self.commit_hook;
        let tx = match &mut self.inner {
            Inner::Pg(p) => return p.write(commit_hook, f),
            Inner::Lite(conn) => conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => busy(&path),
                _ => StoreError::from(e),
            })?,
        };
        let tx = Tx::Lite(LiteTx { tx });
        let before = match commit_hook {
            Some(_) => tx.chain_head()?,
            None => None,
        };
        // The register's seal: changes this transaction makes are the desk's own, so a seal that
        // was intact as it began is intact again as it commits. A broken one stays broken.
        let sealed = tx.register_changes()? == Some(0);
        let out = f(&tx)?;
        let Tx::Lite(lite) = &tx else { unreachable!("a SQLite transaction") };
        if sealed {
            lite.conn()
                .prepare_cached("UPDATE register_seal SET changes = 0 WHERE changes <> 0")
                .and_then(|mut s| s.execute([]))
                .map_err(StoreError::from)?;
        }
        let mut after_commit = None;
        if let Some(hook) = commit_hook.as_mut() {
            if let Some(after) = tx.chain_head()? {
                if before.as_ref() != Some(&after) {
                    after_commit = hook(&tx, before.as_ref(), &after)?;
                }
            }
        }
        let Tx::Lite(lite) = tx else { unreachable!("a SQLite transaction") };
        lite.tx.commit().map_err(StoreError::from)?;
        if let Some(done) = after_commit {
            done();
        }
        Ok(out)
    }

    /// Interrupts any statement of this connection as soon as `stop` says so (asked every
    /// few thousand steps of SQLite's virtual machine): the statement fails with SQLite's
    /// "interrupted" error and the transaction is rolled back. None removes it.
    ///
    /// # Errors
    /// Store errors only.
    pub fn interrupt_when(&mut self, stop: Option<Box<dyn FnMut() -> bool + Send>>) -> Result<(), StoreError> {
        match &mut self.inner {
            Inner::Lite(conn) => Ok(conn.progress_handler(4_000, stop)?),
            // A statement on the server is not interrupted from here; long operations there
            // stop between their steps (import rows, report complaints) instead.
            Inner::Pg(p) => {
                p.set_stop(stop);
                Ok(())
            }
        }
    }

    /// Sets the hook every write transaction that appends events calls before committing.
    pub fn set_commit_hook(&mut self, hook: CommitHook) {
        self.commit_hook = Some(hook);
    }

    /// Runs `f` in one read transaction, so everything it reads is one consistent snapshot.
    ///
    /// # Errors
    /// Whatever `f` returns, or a store error.
    pub fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        match &mut self.inner {
            Inner::Lite(conn) => {
                let tx = conn.transaction().map_err(StoreError::from)?;
                f(&Tx::Lite(LiteTx { tx }))
            }
            Inner::Pg(p) => p.read(f),
        }
    }
}

/// Sets up an opened SQLite connection: busy timeout, the schema check, the pragmas, and the
/// migrations (after a copy of an older file is kept).
fn prepare_lite(conn: &mut rusqlite::Connection, path: Option<&Path>, shown: &str) -> Result<(), StoreError> {
    // Another process (the app, a second cdesk, a backup) may hold the write lock for a while.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let damaged = |e: rusqlite::Error| opening_error(e, shown);
    // Opening reads the header and the schema only, whatever the file's size: the first
    // statement that reads the file tells a non-database apart. The full integrity check,
    // which reads every page, belongs to verification and backup (`Tx::integrity_problem`).
    // A database with tables but no schema version of ours belongs to another program.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(damaged)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0)).map_err(damaged)?;
    let ours: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'", [], |r| r.get(0))
        .map_err(damaged)?;
    if tables > 0 && (version == 0 || ours == 0) {
        return Err(StoreError::Foreign { path: shown.to_owned() });
    }
    if let Some(path) = path {
        if version > 0 && version < SCHEMA_VERSION {
            backup_before_migration(conn, path, version)?;
        }
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MB of page cache: a large import stays in memory until it commits.
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    if path.is_some() {
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(damaged)?;
        // FULL: a commit reported done survives a power failure (NORMAL may lose the last ones).
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    migrations::migrate(conn, shown)
}

impl LiteTx<'_> {
    fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// What SQLite's integrity check finds wrong with the file's pages (every page is read),
    /// or None when it is sound.
    ///
    /// # Errors
    /// Store errors only.
    pub fn integrity_problem(&self) -> Result<Option<String>, StoreError> {
        let mut stmt = self.conn().prepare("PRAGMA quick_check(5)")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok((lines != ["ok"]).then(|| lines.join("; ")))
    }

    /// The newest event of the chain, as the head record says.
    ///
    /// # Errors
    /// Store errors only.
    pub fn chain_head(&self) -> Result<Option<ChainHead>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .prepare_cached("SELECT seq, hash FROM audit_head WHERE id = 1")?
            .query_row([], |r| Ok(ChainHead { seq: r.get(0)?, hash: r.get(1)? }))
            .optional()?)
    }

    /// The hash of event `seq`, if the file has it.
    ///
    /// # Errors
    /// Store errors only.
    pub fn event_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn().prepare_cached("SELECT hash FROM audit_events WHERE seq = ?1")?.query_row([seq], |r| r.get(0)).optional()?)
    }

    /// SQLite's data version of the file: it changes when another connection commits.
    ///
    /// # Errors
    /// Store errors only.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn().query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// How many register rows were changed outside the desk's own write transactions since the
    /// register was last found equal to its history (None in a file without the seal). A seal
    /// whose triggers are missing counts as broken.
    ///
    /// # Errors
    /// Store errors only.
    pub fn register_changes(&self) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        let row: Option<(i64, i64)> = self
            .conn()
            .prepare_cached(
                "SELECT changes, (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'complaints'
                     AND name IN ('complaints_seal_ai', 'complaints_seal_au', 'complaints_seal_ad'))
                 FROM register_seal WHERE id = 1",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .or_else(|e| match e {
                rusqlite::Error::SqliteFailure(_, Some(ref m)) if m.starts_with("no such table") => Ok(None),
                e => Err(e),
            })?;
        Ok(row.map(|(changes, triggers)| if triggers == 3 { changes } else { changes.max(1) }))
    }

    /// Runs `f` with a small page cache (8 MB instead of 64): a read that streams the history
    /// once gains nothing from keeping its pages, and the report's memory stays bounded. The
    /// pages it read are let go after (the file holds them; the report made from them is
    /// what the memory is needed for next).
    ///
    /// # Errors
    /// Store errors only.
    pub fn with_small_cache<T>(&self, f: impl FnOnce() -> T) -> Result<T, StoreError> {
        self.conn().pragma_update(None, "cache_size", STREAMING_CACHE_KIB)?;
        let out = f();
        self.conn().execute_batch("PRAGMA shrink_memory;")?;
        self.conn().pragma_update(None, "cache_size", CACHE_KIB)?;
        Ok(out)
    }

    /// Stops counting inserts into the register row by row for a bulk insert in this
    /// transaction (the count is bumped once by [`Tx::resume_register_seal`]). A seal that was
    /// intact as the desk's write began is intact again as it commits, as for any write.
    ///
    /// # Errors
    /// Store errors only.
    pub fn suspend_register_seal(&self) -> Result<(), StoreError> {
        self.conn().execute_batch("DROP TRIGGER IF EXISTS complaints_seal_ai;")?;
        Ok(())
    }

    /// Counts the bulk insert since [`Tx::suspend_register_seal`] as one change and counts
    /// row by row again.
    ///
    /// # Errors
    /// Store errors only.
    pub fn resume_register_seal(&self) -> Result<(), StoreError> {
        self.conn().execute_batch(migrations::SEAL_TRIGGERS)?;
        self.conn().execute("UPDATE register_seal SET changes = changes + 1", [])?;
        Ok(())
    }

    /// Seals the register again after it was found equal to its history, unless it changed
    /// since (`seen` is what [`Tx::register_changes`] said as that check began); restores the
    /// seal's triggers if they were dropped.
    ///
    /// # Errors
    /// Store errors only.
    pub fn seal_register(&self, seen: i64) -> Result<(), StoreError> {
        let raw: i64 = self.conn().query_row("SELECT changes FROM register_seal WHERE id = 1", [], |r| r.get(0))?;
        let triggers: i64 = self.conn().query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'complaints' AND name LIKE 'complaints_seal_%'",
            [],
            |r| r.get(0),
        )?;
        if triggers != 3 {
            self.conn().execute_batch(migrations::SEAL_TRIGGERS)?;
        }
        if raw == seen || triggers != 3 {
            self.conn().execute("UPDATE register_seal SET changes = 0", [])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_database_gives_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "this is a text file, not a database, and it is long enough to have a header").unwrap();
        let err = Store::open(&path).err().expect("a text file must be refused");
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
        assert!(err.to_string().contains("not a Compliance Desk database or is damaged"), "{err}");
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Store::open(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        drop(conn);
        let err = Store::open(&path).err().expect("a newer schema must be refused");
        assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1), "{err}");
    }

    #[test]
    fn another_programs_database_or_a_missing_file_is_refused_not_taken_as_new() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("photos.sqlite");
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);").unwrap();
        drop(conn);
        let err = Store::open(&other).err().expect("another program's database is refused");
        assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
        let mut conn = rusqlite::Connection::open(&other).unwrap();
        assert_eq!(conn.transaction().unwrap().query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap(), 1, "and left as it was");
        let err = Store::open_existing(&dir.path().join("typo.db")).err().expect("a mistyped path is refused");
        assert!(matches!(err, StoreError::Missing { .. }), "{err}");
        assert!(!dir.path().join("typo.db").exists(), "no file is left behind");
    }

    #[test]
    fn an_empty_file_is_refused_untouched_and_only_create_makes_a_database_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        for err in [Store::open(&path).err(), Store::open_existing(&path).err()] {
            let err = err.expect("an empty file is not taken as a new database");
            assert!(matches!(err, StoreError::Empty { .. }), "{err}");
            assert!(err.to_string().contains("empty file") && err.to_string().contains("cdesk init"), "{err}");
        }
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "and it is left as it was");
        drop(Store::create(&path).unwrap());
        let mut store = Store::open_existing(&path).unwrap();
        assert!(store.write(|tx| tx.chain_head()).unwrap().is_none(), "a new, empty register");
        let err = Store::create(&path).err().expect("create never goes over a database");
        assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    }

    #[test]
    fn a_new_database_is_put_in_place_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fresh.db");
        drop(Store::open(&path).unwrap());
        let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(names.iter().all(|n| n.starts_with("fresh.db")), "no temporary file is left: {names:?}");
        let conn = rusqlite::Connection::open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION, "the file appears already migrated");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_database_and_its_folder_are_private_to_their_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk").join("a.db");
        let store = Store::open(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "other local users must not read complainants' data");
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let sync: i64 = store.lite_conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous=FULL: a reported commit survives a power failure");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_busy_database_names_the_program_that_has_it_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("held.db");
        drop(Store::open(&path).unwrap());
        let mut holder = std::process::Command::new("tail").arg("-f").arg(&path).stdout(std::process::Stdio::null()).spawn().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let named = loop {
            let h = holders_of(&path);
            if h.contains(&format!("(pid {})", holder.id())) || std::time::Instant::now() > deadline {
                break h;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let _ = holder.kill();
        let _ = holder.wait();
        assert!(named.contains(&format!("tail (pid {})", holder.id())), "{named}");
        let text = busy(&path.display().to_string()).to_string();
        assert!(text.contains("stayed locked for 30 seconds"), "{text}");
    }

    #[test]
    fn only_a_damaged_file_is_called_damaged() {
        let err = |code| opening_error(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None), "x.db").to_string();
        for (code, says) in [
            (rusqlite::ffi::SQLITE_READONLY, "read-only"),
            (rusqlite::ffi::SQLITE_FULL, "disk"),
            (rusqlite::ffi::SQLITE_BUSY, "in use"),
            (rusqlite::ffi::SQLITE_CANTOPEN, "cannot open"),
        ] {
            let text = err(code);
            assert!(text.contains(says) && !text.contains("damaged"), "{code}: {text}");
        }
        assert!(err(rusqlite::ffi::SQLITE_NOTADB).contains("damaged"), "a file that is not a database is said to be so");
    }

    #[test]
    fn several_processes_opening_a_new_database_at_once_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.db");
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let p = path.clone();
                std::thread::spawn(move || Store::open(&p).map(drop).map_err(|e| e.to_string()))
            })
            .collect();
        for h in handles {
            h.join().unwrap().expect("each opener waits for the one migrating");
        }
    }

    #[test]
    fn reopening_a_database_keeps_its_schema_version_and_uses_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        let v: i64 = store.lite_conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let mode: String = store.lite_conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.lite_conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }
}
