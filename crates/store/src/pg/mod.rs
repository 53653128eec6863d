//! The team's store: one shared register on a PostgreSQL server. The same read models and the
//! same hash-chained history as the SQLite file, with what only a server can give: each officer
//! signs in as their own role, the actor of every event is the server's `session_user`, grants
//! and triggers keep the history append-only and the roles' rules, and appending to the chain
//! is serialised (one writer at a time, like the file's write lock).
//!
//! The SQL here is PostgreSQL's own; the SQLite store's is tuned to SQLite. Both answer the
//! same [`crate::Tx`] methods with the same rows.

mod integrity;
pub mod migrate;
mod records;
mod register;
pub mod schema;

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
pub use postgres::Client;
use postgres::{Row, Statement};

use crate::{ChainHead, CommitHook, StoreError, Tx};

/// The lock every write transaction takes first: writes happen one at a time, so no two events
/// ever share a predecessor and no change is made against a stale read of the same transaction.
const WRITE_LOCK: i64 = 0x6364_6573_6b00; // "cdesk"

/// Parameters of a statement.
pub(crate) type Params<'p> = [&'p (dyn ToSql + Sync)];

/// A connection to the team database, signed in as one officer.
pub struct PgStore {
    client: Client,
    cache: RefCell<HashMap<String, Statement>>,
    user: String,
    roles: Vec<String>,
    shown: String,
    stop: Option<Box<dyn FnMut() -> bool + Send>>,
    /// Kept to sign in again after the server dropped the connection (held in memory only).
    url: String,
}

/// Whether a host is this machine (a plain connection is allowed only there).
fn is_local(host: &postgres::config::Host) -> bool {
    match host {
        postgres::config::Host::Tcp(h) => matches!(h.as_str(), "localhost" | "127.0.0.1" | "::1"),
        #[cfg(unix)]
        postgres::config::Host::Unix(_) => true,
    }
}

/// The URL as it may be shown: without its password.
pub fn shown_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Whether `s` names a team database rather than a file.
pub fn is_team_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// The TLS files a URL may name, as libpq's options: `sslrootcert` (the certificate authority
/// the server's certificate must chain to, beside the system's), `sslcert` and `sslkey` (the
/// officer's client certificate and its PKCS#8 key, PEM, for servers that sign in by
/// certificate). rust-postgres leaves these to the TLS connector, so they are taken out of the
/// URL here and given to it.
#[derive(Debug, Default, PartialEq, Eq)]
struct TlsFiles {
    root: Option<String>,
    cert: Option<String>,
    key: Option<String>,
}

/// `url` without its TLS file options, and those options.
fn split_tls_files(url: &str) -> (String, TlsFiles) {
    let Some((base, query)) = url.split_once('?') else { return (url.to_owned(), TlsFiles::default()) };
    let mut files = TlsFiles::default();
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(v);
        match k {
            "sslrootcert" => files.root = Some(value),
            "sslcert" => files.cert = Some(value),
            "sslkey" => files.key = Some(value),
            // The connector always checks the server's certificate and name: libpq's verifying
            // modes are what `require` does here.
            "sslmode" if matches!(value.as_str(), "verify-ca" | "verify-full") => rest.push("sslmode=require"),
            _ => rest.push(pair),
        }
    }
    let url = if rest.is_empty() { base.to_owned() } else { format!("{base}?{}", rest.join("&")) };
    (url, files)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The TLS connector with the URL's certificate authority and client certificate, if it names them.
fn tls_connector(files: &TlsFiles) -> Result<native_tls::TlsConnector, StoreError> {
    let read = |what: &str, path: &str| {
        std::fs::read(path).map_err(|e| StoreError::Team(format!("the {what} {path} cannot be read: {e}")))
    };
    let mut builder = native_tls::TlsConnector::builder();
    if let Some(root) = &files.root {
        let pem = read("certificate authority (sslrootcert)", root)?;
        let ca = native_tls::Certificate::from_pem(&pem).map_err(|e| StoreError::Team(format!("{root} is not a PEM certificate: {e}")))?;
        builder.add_root_certificate(ca);
    }
    match (&files.cert, &files.key) {
        (Some(cert), Some(key)) => {
            let (cert_pem, key_pem) = (read("client certificate (sslcert)", cert)?, read("client key (sslkey)", key)?);
            let identity = native_tls::Identity::from_pkcs8(&cert_pem, &key_pem)
                .map_err(|e| StoreError::Team(format!("{cert} and {key} are not a PEM certificate and its PKCS#8 key: {e}")))?;
            builder.identity(identity);
        }
        (None, None) => {}
        _ => return Err(StoreError::Team("a client certificate needs both sslcert and sslkey".into())),
    }
    builder.build().map_err(|e| StoreError::Team(format!("TLS is not available on this computer: {e}")))
}

/// Connects with TLS, required to any server but this machine (where a plain connection to a
/// server without TLS is allowed). The officer signs in with a password (SCRAM) or, where the
/// server asks for one, the client certificate the URL names (`sslcert`, `sslkey`).
pub fn connect_client(url: &str) -> Result<Client, StoreError> {
    let shown = shown_url(url);
    let (url, files) = split_tls_files(url);
    let mut config: postgres::Config = url.parse().map_err(|e| StoreError::Team(format!("{shown} is not a PostgreSQL URL: {e}")))?;
    if config.get_password().is_none() {
        if let Some(p) = std::env::var_os("PGPASSWORD") {
            config.password(p.to_string_lossy().as_bytes());
        }
    }
    let local = !config.get_hosts().is_empty() && config.get_hosts().iter().all(is_local);
    if !local && matches!(config.get_ssl_mode(), postgres::config::SslMode::Disable | postgres::config::SslMode::Prefer) {
        config.ssl_mode(postgres::config::SslMode::Require);
    }
    config.application_name("Compliance Desk");
    config.connect_timeout(std::time::Duration::from_secs(10));
    if files != TlsFiles::default() && matches!(config.get_ssl_mode(), postgres::config::SslMode::Disable | postgres::config::SslMode::Prefer) {
        // Certificates are named to be used: never fall back to a plain connection then.
        config.ssl_mode(postgres::config::SslMode::Require);
    }
    let tls = tls_connector(&files)?;
    config.connect(postgres_native_tls::MakeTlsConnector::new(tls)).map_err(|e| connect_error(&shown, e))
}

/// Connects as an admin to the database `url` names, making it first when the server has no
/// such database yet (`cdesk team init` on a new server).
///
/// # Errors
/// As [`connect_client`]; `Team` when the database cannot be made.
pub fn connect_or_create(url: &str) -> Result<Client, StoreError> {
    match connect_client(url) {
        Ok(c) => Ok(c),
        Err(first) => {
            let config: postgres::Config = url.parse().map_err(|_| first_clone(&first))?;
            let Some(name) = config.get_dbname().map(str::to_owned) else { return Err(first) };
            let Some((base, _)) = url.split('?').next().and_then(|u| u.rsplit_once('/')) else { return Err(first) };
            let query = url.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
            let Ok(mut maintenance) = connect_client(&format!("{base}/postgres{query}")) else { return Err(first) };
            let exists: bool = maintenance.query_one("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", &[&name]).map_err(pg_error)?.get(0);
            if exists {
                return Err(first);
            }
            maintenance.batch_execute(&format!("CREATE DATABASE \"{}\"", name.replace('"', "\"\""))).map_err(pg_error)?;
            connect_client(url)
        }
    }
}

fn first_clone(e: &StoreError) -> StoreError {
    StoreError::Team(e.to_string())
}

fn connect_error(shown: &str, e: postgres::Error) -> StoreError {
    let detail = e.as_db_error().map(|d| d.message().to_owned()).unwrap_or_else(|| e.to_string());
    let hint = match e.code() {
        Some(c) if *c == postgres::error::SqlState::INVALID_PASSWORD || *c == postgres::error::SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
            "; check the officer's name and password (or PGPASSWORD)"
        }
        Some(c) if *c == postgres::error::SqlState::INVALID_CATALOG_NAME => "; check the database's name",
        None => "; check that the server is running and reachable from this computer (host and port)",
        _ => "",
    };
    StoreError::Team(format!("cannot reach the team database {shown}: {detail}{hint}; nothing was written"))
}

/// The store error of a failed statement: a refusal by one of the server's rules names it;
/// a lost connection says that nothing was written.
pub(crate) fn pg_error(e: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if *code == SqlState::RAISE_EXCEPTION {
            return StoreError::ServerRefused {
                rule: db.detail().unwrap_or("team_rule").to_owned(),
                message: format!("the team server refused it: {}; nothing was written", db.message()),
            };
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            return StoreError::ServerRefused {
                rule: "role_not_allowed".into(),
                message: format!("the team server refused it: your role may not do this ({}); nothing was written", db.message()),
            };
        }
        if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            return StoreError::Team(format!("another officer's change got in the way ({}); nothing was written: try again", db.message()));
        }
        return StoreError::Team(format!("the team server failed: {}; nothing was written", db.message()));
    }
    if e.is_closed() {
        return StoreError::Team("the connection to the team server was lost; the change was rolled back and nothing was written: reconnect and try again".into());
    }
    StoreError::Team(format!("the team server failed: {e}; nothing was written"))
}

/// Whether `e` says the server dropped the session (shut down, restarted, the session ended by
/// an administrator, the network gone): then nothing of the failed statement was done.
fn connection_lost(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    e.is_closed()
        || e.code().is_some_and(|c| {
            *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN || *c == SqlState::CANNOT_CONNECT_NOW || c.code().starts_with("08")
        })
}

impl PgStore {
    /// Connects, checks the team schema (refusing a newer one) and reads who signed in.
    ///
    /// # Errors
    /// `Team` naming what failed; `NewerSchema`.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let shown = shown_url(url);
        let mut client = connect_client(url)?;
        schema::check(&mut client, &shown)?;
        let row = client.query_one("SELECT session_user::text", &[]).map_err(pg_error)?;
        let user: String = row.get(0);
        let roles = member_roles(&mut client, &user)?;
        Ok(PgStore { client, cache: RefCell::new(HashMap::new()), user, roles, shown, stop: None, url: url.to_owned() })
    }

    /// Signs in again when the server dropped the connection (restarted, a network break, an
    /// idle timeout): a new session as the same officer, its statements prepared afresh. What
    /// the lost session had not committed was rolled back by the server.
    ///
    /// # Errors
    /// `Team` naming why the server cannot be reached again.
    fn reconnect(&mut self) -> Result<(), StoreError> {
        let fresh = PgStore::connect(&self.url).map_err(|e| match e {
            StoreError::Team(m) => StoreError::Team(format!("the connection to the team server was lost and could not be made again: {m}")),
            other => other,
        })?;
        if fresh.user != self.user {
            return Err(StoreError::Team(format!("signed in again as {} instead of {}; restart the desk", fresh.user, self.user)));
        }
        self.client = fresh.client;
        self.roles = fresh.roles;
        self.cache.get_mut().clear();
        Ok(())
    }

    /// The signed-in role: the actor of every event this connection writes.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The team's group roles the signed-in officer is a member of (`officer`, `approver`,
    /// `auditor`, `admin`), as the server grants them.
    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    /// The database as it may be shown (no password).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub(crate) fn set_stop(&mut self, stop: Option<Box<dyn FnMut() -> bool + Send>>) {
        self.stop = stop;
    }

    /// The connection, for the team's administration (schema, people).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Runs `f` in one read-only snapshot.
    pub(crate) fn read<T, E: From<StoreError>>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E> {
        if self.client.is_closed() {
            self.reconnect()?;
        }
        let mut may_retry = true;
        loop {
            let PgStore { client, cache, user, .. } = &mut *self;
            match client.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).read_only(true).start() {
                Ok(tx) => {
                    let tx = Tx::Pg(PgTx { tx: RefCell::new(tx), cache, user });
                    let out = f(&tx)?;
                    if let Tx::Pg(t) = tx {
                        t.tx.into_inner().commit().map_err(pg_error)?;
                    }
                    return Ok(out);
                }
                Err(e) if may_retry && connection_lost(&e) => may_retry = false,
                Err(e) => return Err(pg_error(e).into()),
            }
            self.reconnect()?;
        }
    }

    /// Runs `f` in one write transaction, after every other officer's write before it.
    pub(crate) fn write<T, E: From<StoreError>>(
        &mut self,
        hook: &mut Option<CommitHook>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        if self.client.is_closed() {
            self.reconnect()?;
        }
        // A session the server dropped since the last call fails at its first statement, before
        // anything was asked of it: signed in again, the transaction starts afresh (once).
        let mut may_retry = true;
        loop {
            let PgStore { client, cache, user, .. } = &mut *self;
            match client.transaction().and_then(|mut tx| tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]).map(|_| tx)) {
                Ok(tx) => return Self::write_in(tx, cache, user, hook, f),
                Err(e) if may_retry && connection_lost(&e) => may_retry = false,
                Err(e) => return Err(pg_error(e).into()),
            }
            self.reconnect()?;
        }
    }

    /// The body of [`PgStore::write`], in the started transaction `tx`.
    fn write_in<T, E: From<StoreError>>(
        tx: postgres::Transaction<'_>,
        cache: &RefCell<HashMap<String, Statement>>,
        user: &str,
        hook: &mut Option<CommitHook>,
        f: impl FnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = Tx::Pg(PgTx { tx: RefCell::new(tx), cache, user });
        let before = match hook {
            Some(_) => tx.chain_head()?,
            None => None,
        };
        let sealed = tx.register_changes()? == Some(0);
        let out = f(&tx)?;
        let Tx::Pg(pt) = &tx else { unreachable!("a team transaction") };
        if sealed {
            pt.exec("UPDATE register_seal SET changes = 0 WHERE changes <> 0", &[])?;
        }
        let mut after_commit = None;
        if let Some(hook) = hook.as_mut() {
            if let Some(after) = tx.chain_head()? {
                if before.as_ref() != Some(&after) {
                    after_commit = hook(&tx, before.as_ref(), &after)?;
                }
            }
        }
        let Tx::Pg(pt) = tx else { unreachable!("a team transaction") };
        pt.tx.into_inner().commit().map_err(|e| match e.is_closed() {
            // Sent but not answered: the server may have saved it or rolled it back.
            true => StoreError::Team(
                "the connection to the team server was lost while it was saving the change: it may or may not have been saved; reload to see which before trying again".into(),
            ),
            false => pg_error(e),
        })?;
        if let Some(done) = after_commit {
            done();
        }
        Ok(out)
    }
}

/// The team roles `user` is a member of, without the `cdesk_` prefix.
pub(crate) fn member_roles(client: &mut Client, user: &str) -> Result<Vec<String>, StoreError> {
    let rows = client
        .query(
            "SELECT g.rolname::text FROM pg_roles g
             WHERE g.rolname IN ('cdesk_officer', 'cdesk_approver', 'cdesk_auditor', 'cdesk_admin')
               AND pg_has_role($1::text, g.oid, 'MEMBER') ORDER BY g.rolname",
            &[&user],
        )
        .map_err(pg_error)?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0).trim_start_matches("cdesk_").to_owned()).collect())
}

/// A transaction on the team server.
pub struct PgTx<'a> {
    tx: RefCell<postgres::Transaction<'a>>,
    cache: &'a RefCell<HashMap<String, Statement>>,
    user: &'a str,
}

impl PgTx<'_> {
    /// The statement for `sql`, prepared once per connection.
    fn stmt(&self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.cache.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.borrow_mut().prepare(sql).map_err(pg_error)?;
        self.cache.borrow_mut().insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    pub(crate) fn rows(&self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>, StoreError> {
        let s = self.stmt(sql)?;
        self.tx.borrow_mut().query(&s, params).map_err(pg_error)
    }

    pub(crate) fn opt(&self, sql: &str, params: &Params<'_>) -> Result<Option<Row>, StoreError> {
        let s = self.stmt(sql)?;
        self.tx.borrow_mut().query_opt(&s, params).map_err(pg_error)
    }

    pub(crate) fn one(&self, sql: &str, params: &Params<'_>) -> Result<Row, StoreError> {
        let s = self.stmt(sql)?;
        self.tx.borrow_mut().query_one(&s, params).map_err(pg_error)
    }

    pub(crate) fn exec(&self, sql: &str, params: &Params<'_>) -> Result<u64, StoreError> {
        let s = self.stmt(sql)?;
        self.tx.borrow_mut().execute(&s, params).map_err(pg_error)
    }

    /// Rows of a statement read in batches, so that a long answer is never held whole.
    pub(crate) fn each_row<E: From<StoreError>>(
        &self,
        sql: &str,
        params: &Params<'_>,
        mut each: impl FnMut(&Row) -> Result<bool, E>,
    ) -> Result<(), E> {
        let s = self.stmt(sql)?;
        let portal = self.tx.borrow_mut().bind(&s, params).map_err(pg_error)?;
        loop {
            let batch = self.tx.borrow_mut().query_portal(&portal, 2_000).map_err(pg_error)?;
            let done = batch.len() < 2_000;
            for r in &batch {
                if !each(r)? {
                    return Ok(());
                }
            }
            if done {
                return Ok(());
            }
        }
    }

    /// A statement bound for reading in batches beside another (see `each_complaint_beside_history`).
    pub(crate) fn portal(&self, sql: &str, params: &Params<'_>) -> Result<postgres::Portal, StoreError> {
        let s = self.stmt(sql)?;
        self.tx.borrow_mut().bind(&s, params).map_err(pg_error)
    }

    pub(crate) fn fetch(&self, portal: &postgres::Portal, n: i32) -> Result<Vec<Row>, StoreError> {
        self.tx.borrow_mut().query_portal(portal, n).map_err(pg_error)
    }

    /// The signed-in officer.
    pub fn user(&self) -> &str {
        self.user
    }

    // ------------------------------------------------------------ the chain's head and seal

    /// Nothing to check page by page: the server keeps its own files sound.
    pub fn integrity_problem(&self) -> Result<Option<String>, StoreError> {
        Ok(None)
    }

    pub fn chain_head(&self) -> Result<Option<ChainHead>, StoreError> {
        Ok(self.opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])?.map(|r| ChainHead { seq: r.get(0), hash: r.get(1) }))
    }

    pub fn event_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(self.opt("SELECT hash FROM audit_events WHERE seq = $1", &[&seq])?.map(|r| r.get(0)))
    }

    /// The newest event's number: it changes when any officer commits a change.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.one("SELECT coalesce(max(seq), 0) FROM audit_head", &[])?.get(0))
    }

    pub fn register_changes(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.opt("SELECT changes FROM register_seal WHERE id = 1", &[])?.map(|r| r.get(0)))
    }

    /// The server streams rows in batches whatever the cache: `f` runs as it is.
    pub fn with_small_cache<T>(&self, f: impl FnOnce() -> T) -> Result<T, StoreError> {
        Ok(f())
    }

    /// A bulk insert counts as one change of the register (see the SQLite store).
    pub fn suspend_register_seal(&self) -> Result<(), StoreError> {
        self.exec("SELECT set_config('cdesk.bulk', 'on', true)", &[])?;
        Ok(())
    }

    pub fn resume_register_seal(&self) -> Result<(), StoreError> {
        self.exec("SELECT set_config('cdesk.bulk', 'off', true)", &[])?;
        self.exec("UPDATE register_seal SET changes = changes + 1", &[])?;
        Ok(())
    }

    pub fn seal_register(&self, seen: i64) -> Result<(), StoreError> {
        self.exec("UPDATE register_seal SET changes = 0 WHERE changes = $1", &[&seen])?;
        Ok(())
    }
}

/// A connection that hears of every change committed on the team database (`LISTEN
/// cdesk_changes`): each notice is the JSON the schema's trigger sends (who, the last event,
/// the records changed).
pub struct ChangeListener {
    client: Client,
}

impl ChangeListener {
    /// Signs in and starts listening.
    ///
    /// # Errors
    /// `Team` naming why the server cannot be reached; as [`PgStore::connect`] for the schema.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = connect_client(url)?;
        schema::check(&mut client, &shown_url(url))?;
        client.batch_execute("LISTEN cdesk_changes").map_err(pg_error)?;
        Ok(ChangeListener { client })
    }

    /// The notices that arrived within `timeout` (empty when none did): waits for the first,
    /// then takes what else is already there.
    ///
    /// # Errors
    /// `Team` when the connection was lost (make a new listener).
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<Vec<String>, StoreError> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut out = Vec::new();
        {
            let mut notices = self.client.notifications();
            let first = notices.timeout_iter(timeout).next().map_err(pg_error)?;
            if let Some(n) = first {
                out.push(n.payload().to_owned());
                let mut ready = notices.iter();
                while let Some(n) = ready.next().map_err(pg_error)? {
                    out.push(n.payload().to_owned());
                }
            }
        }
        if out.is_empty() && self.client.is_closed() {
            return Err(StoreError::Team("the connection to the team server was lost".into()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_files_are_taken_out_of_the_url_for_the_connector() {
        let (url, files) = split_tls_files("postgres://ana@db:5432/desk?sslmode=verify-full&sslcert=%2Fhome%2Fana%2Fana.crt&sslkey=/home/ana/ana.key&sslrootcert=ca.pem");
        assert_eq!(url, "postgres://ana@db:5432/desk?sslmode=require", "the connector verifies the server as verify-full does");
        assert_eq!(files.cert.as_deref(), Some("/home/ana/ana.crt"));
        assert_eq!(files.key.as_deref(), Some("/home/ana/ana.key"));
        assert_eq!(files.root.as_deref(), Some("ca.pem"));
        assert_eq!(split_tls_files("postgres://ana@db/desk").1, TlsFiles::default());
        let e = tls_connector(&TlsFiles { cert: Some("a.crt".into()), ..Default::default() }).unwrap_err();
        assert!(e.to_string().contains("sslcert and sslkey"), "{e}");
        let e = tls_connector(&TlsFiles { root: Some("/no/such/ca.pem".into()), ..Default::default() }).unwrap_err();
        assert!(e.to_string().contains("sslrootcert"), "{e}");
    }
}
