//! The team database's schema, versioned like the file's (an append-only list of steps, the
//! version kept in `cdesk_schema`; a newer version is refused), and its server-side rules: the
//! four group roles and their grants, the append-only history (a trigger refuses any change or
//! removal of an event, whoever asks), the actor of each event checked against `session_user`,
//! four-eyes approvals only by an approver who is not the requester, and program settings only
//! by an admin.

use postgres::Client;

use super::pg_error;
use crate::StoreError;

/// The team roles, least to most.
pub const ROLES: [&str; 4] = ["officer", "approver", "auditor", "admin"];

/// The settings only an admin may change (the program's own rules); the others are the
/// desk's bookkeeping (the last reminder, the read models' version).
const ADMIN_SETTINGS: &str = "'timezone', 'deadline_policy', 'program_name', 'credit_program', 'four_eyes'";

const STEPS: &[&str] = &[
    // 1: the history, the register and every read model, as in the file (types PostgreSQL's:
    // integers are bigint, flags boolean, files bytea; keys sort as bytes, like the file's).
    r#"
    CREATE TABLE audit_events (
        seq         bigint PRIMARY KEY,
        recorded_at text NOT NULL,
        actor       text NOT NULL,
        entity      text COLLATE "C" NOT NULL,
        entity_id   text COLLATE "C" NOT NULL,
        action      text NOT NULL,
        payload     text NOT NULL,
        prev_hash   text NOT NULL,
        hash        text NOT NULL
    );
    CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);
    CREATE TABLE audit_head (
        id   integer PRIMARY KEY CHECK (id = 1),
        seq  bigint NOT NULL,
        hash text NOT NULL
    );
    CREATE TABLE settings (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
    CREATE TABLE closures (day text COLLATE "C" PRIMARY KEY, name text NOT NULL);
    CREATE TABLE id_counters (scope text COLLATE "C" PRIMARY KEY, last bigint NOT NULL);
    CREATE TABLE complaints (
        id                text COLLATE "C" PRIMARY KEY,
        received_at       text COLLATE "C" NOT NULL,
        received_date     text NOT NULL,
        kind              text NOT NULL,
        grounds           text NOT NULL,
        status            text COLLATE "C" NOT NULL,
        product           text,
        channel           text NOT NULL,
        topic             text,
        summary           text NOT NULL,
        complainant_name  text NOT NULL,
        contact_hold      boolean NOT NULL,
        acknowledge_by    text,
        resolve_by        text,
        notify_stripe_by  text,
        next_clock        text,
        next_due          text,
        sort_due          text COLLATE "C" NOT NULL,
        last_event_seq    bigint NOT NULL REFERENCES audit_events (seq),
        resolved_at       text COLLATE "C"
    );
    CREATE INDEX complaints_status_due ON complaints (status, sort_due, received_at, id);
    CREATE INDEX complaints_due ON complaints (sort_due, received_at, id);
    CREATE INDEX complaints_received ON complaints (received_at);
    CREATE INDEX complaints_resolved ON complaints (resolved_at);
    CREATE INDEX complaints_on_hold ON complaints (status, contact_hold);
    CREATE TABLE complaint_search (id text COLLATE "C" PRIMARY KEY, text text NOT NULL);
    CREATE TABLE complaint_timers (id text COLLATE "C" PRIMARY KEY, dues text NOT NULL);
    CREATE TABLE complaint_assignees (
        id           text COLLATE "C" PRIMARY KEY,
        assignee     text NOT NULL,
        assignee_key text NOT NULL
    );
    CREATE INDEX complaint_assignees_key ON complaint_assignees (assignee_key);
    CREATE TABLE report_submissions (
        seq          bigserial PRIMARY KEY,
        month        text COLLATE "C" NOT NULL,
        submitted_at text NOT NULL,
        actor        text NOT NULL,
        note         text,
        report_json  text NOT NULL,
        csv          bytea NOT NULL,
        csv_sha256   text NOT NULL,
        xlsx         bytea NOT NULL,
        xlsx_sha256  text NOT NULL,
        pdf          bytea,
        pdf_sha256   text,
        audit_seq    bigint NOT NULL REFERENCES audit_events (seq)
    );
    CREATE INDEX report_submissions_month ON report_submissions (month, seq);
    CREATE TABLE accounts (
        id             text COLLATE "C" PRIMARY KEY,
        account_json   text NOT NULL,
        legal_name     text NOT NULL,
        last_event_seq bigint NOT NULL REFERENCES audit_events (seq)
    );
    CREATE TABLE credit_cases (
        id             text COLLATE "C" PRIMARY KEY,
        account_id     text COLLATE "C" NOT NULL REFERENCES accounts (id),
        kind           text NOT NULL,
        case_json      text NOT NULL,
        notice_due     text COLLATE "C" NOT NULL,
        notice_sent    boolean NOT NULL,
        last_event_seq bigint NOT NULL REFERENCES audit_events (seq)
    );
    CREATE INDEX credit_cases_account ON credit_cases (account_id);
    CREATE INDEX credit_cases_notice ON credit_cases (notice_sent, notice_due);
    CREATE TABLE reserve_entries (
        seq      bigint NOT NULL REFERENCES audit_events (seq),
        n        bigint NOT NULL,
        kind     text NOT NULL,
        account  text,
        currency text NOT NULL,
        at       text COLLATE "C" NOT NULL,
        amount   bigint NOT NULL,
        ref      text,
        detail   text,
        PRIMARY KEY (seq, n)
    );
    CREATE INDEX reserve_entries_kind ON reserve_entries (kind, account, currency, at);
    CREATE UNIQUE INDEX reserve_entries_ref ON reserve_entries (kind, ref) WHERE ref IS NOT NULL;
    CREATE TABLE register_seal (id integer PRIMARY KEY CHECK (id = 1), changes bigint NOT NULL);
    INSERT INTO register_seal VALUES (1, 0);
    INSERT INTO settings (key, value) VALUES ('read_models_version', '3');

    -- The register's seal: any change to its rows counts, whoever makes it; the desk's own
    -- writes set it back (see the SQLite store). A bulk import counts once.
    CREATE FUNCTION cdesk_seal_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('cdesk.bulk', true), '') <> 'on' THEN
            UPDATE register_seal SET changes = changes + 1;
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER complaints_seal AFTER INSERT OR UPDATE OR DELETE ON complaints
        FOR EACH STATEMENT EXECUTE FUNCTION cdesk_seal_count();

    -- The history is append-only: no event is changed or removed, by anyone the desk signs in
    -- as, the table's owner included.
    CREATE FUNCTION cdesk_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the history is append-only: an event is never changed or removed'
            USING DETAIL = 'history_append_only';
    END $$;
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION cdesk_history_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION cdesk_history_append_only();

    -- Who did it is the server's word; a four-eyes approval comes from an approver who did not
    -- ask for it. (A team migration copies a file's history with its own actors, once, into an
    -- empty team database, by an admin.)
    CREATE FUNCTION cdesk_event_rules() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        requester text;
    BEGIN
        IF coalesce(current_setting('cdesk.migrating', true), '') = 'on' THEN
            IF NOT pg_has_role(session_user, 'cdesk_admin', 'MEMBER') THEN
                RAISE EXCEPTION 'only an admin moves a register onto the server' USING DETAIL = 'role_not_allowed';
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.actor IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'the event names % as its actor, but % is signed in', NEW.actor, session_user
                USING DETAIL = 'actor_is_the_signed_in_officer';
        END IF;
        IF NOT (pg_has_role(session_user, 'cdesk_officer', 'MEMBER')) THEN
            RAISE EXCEPTION '% is not an officer of this register', session_user USING DETAIL = 'role_not_allowed';
        END IF;
        IF NEW.action IN ('decision_approved', 'reclassification_approved') THEN
            IF NOT pg_has_role(session_user, 'cdesk_approver', 'MEMBER') THEN
                RAISE EXCEPTION '% is not an approver: a four-eyes approval needs the approver role', session_user
                    USING DETAIL = 'four_eyes_needs_an_approver';
            END IF;
            SELECT actor INTO requester FROM audit_events
                WHERE entity = NEW.entity AND entity_id = NEW.entity_id
                  AND action IN ('decision_recorded', 'reclassification_requested')
                ORDER BY seq DESC LIMIT 1;
            IF lower(requester) = lower(session_user::text) THEN
                RAISE EXCEPTION '% asked for this and cannot approve it: a second officer must', session_user
                    USING DETAIL = 'four_eyes_not_own_decision';
            END IF;
        END IF;
        IF NEW.entity = 'settings' AND NEW.action NOT IN ('read_models_rebuilt')
           AND NOT pg_has_role(session_user, 'cdesk_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'the program''s settings are changed by an admin' USING DETAIL = 'admin_only';
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER audit_events_rules BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION cdesk_event_rules();

    CREATE FUNCTION cdesk_admin_settings() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('cdesk.migrating', true), '') <> 'on'
           AND (TG_TABLE_NAME = 'closures' OR (CASE WHEN TG_OP = 'DELETE' THEN OLD.key ELSE NEW.key END) IN (__ADMIN_SETTINGS__))
           AND NOT pg_has_role(session_user, 'cdesk_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'the program''s settings are changed by an admin' USING DETAIL = 'admin_only';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER settings_admin BEFORE INSERT OR UPDATE OR DELETE ON settings
        FOR EACH ROW EXECUTE FUNCTION cdesk_admin_settings();
    "#,
    // 2: every desk signed in hears of a change once it is committed (LISTEN cdesk_changes):
    // one notice per statement, naming who made it, the last event and the first records
    // changed (a bulk import or a migration says how many instead of naming them all).
    r#"
    CREATE FUNCTION cdesk_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        notice json;
    BEGIN
        SELECT json_build_object(
                   'actor', max(actor),
                   'last_seq', max(seq),
                   'events', count(*),
                   'records', (SELECT coalesce(json_agg(json_build_object('entity', r.entity, 'id', r.entity_id)), '[]'::json)
                               FROM (SELECT DISTINCT entity, entity_id FROM added LIMIT 20) r))
          INTO notice FROM added;
        PERFORM pg_notify('cdesk_changes', notice::text);
        RETURN NULL;
    END $$;
    CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION cdesk_notify_changes();
    "#,
    // 3: how many complaints the register holds, kept by the server as rows come and go (no
    // officer writes it: the functions run as the schema's owner): the server counts a million
    // rows in tens of milliseconds, and the register's unfiltered page shows the count.
    r#"
    CREATE TABLE complaint_total (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
    INSERT INTO complaint_total SELECT 1, count(*) FROM complaints;
    CREATE FUNCTION cdesk_complaint_total_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
        UPDATE complaint_total SET n = n + (SELECT count(*) FROM added);
        RETURN NULL;
    END $$;
    CREATE FUNCTION cdesk_complaint_total_removed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
        UPDATE complaint_total SET n = n - (SELECT count(*) FROM removed);
        RETURN NULL;
    END $$;
    CREATE FUNCTION cdesk_complaint_total_emptied() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN
        UPDATE complaint_total SET n = 0;
        RETURN NULL;
    END $$;
    CREATE TRIGGER complaints_total_emptied AFTER TRUNCATE ON complaints
        FOR EACH STATEMENT EXECUTE FUNCTION cdesk_complaint_total_emptied();
    CREATE TRIGGER complaints_total_added AFTER INSERT ON complaints
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION cdesk_complaint_total_added();
    CREATE TRIGGER complaints_total_removed AFTER DELETE ON complaints
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION cdesk_complaint_total_removed();
    "#,
];

/// The schema version this code writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// The schema version of the connected database (None without a team schema).
fn version(client: &mut Client) -> Result<Option<i64>, StoreError> {
    let exists: bool = client.query_one("SELECT to_regclass('cdesk_schema') IS NOT NULL", &[]).map_err(pg_error)?.get(0);
    if !exists {
        return Ok(None);
    }
    Ok(Some(client.query_one("SELECT version FROM cdesk_schema WHERE id = 1", &[]).map_err(pg_error)?.get(0)))
}

/// Refuses a database without a team schema, or with a newer one than this version knows.
pub(crate) fn check(client: &mut Client, shown: &str) -> Result<(), StoreError> {
    match version(client)? {
        None => Err(StoreError::Team(format!(
            "{shown} has no Compliance Desk register; an admin sets it up with `cdesk team init --db {shown}`"
        ))),
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::NewerSchema { path: shown.to_owned(), found: v, supported: SCHEMA_VERSION }),
        Some(v) if v < SCHEMA_VERSION => Err(StoreError::Team(format!(
            "{shown} has an older register (schema {v}); an admin upgrades it with `cdesk team init --db {shown}`"
        ))),
        Some(_) => Ok(()),
    }
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A text as an SQL literal (for statements that take no parameters, such as CREATE ROLE).
pub(crate) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Sets up (or upgrades) the team database the admin is connected to: the schema, the four
/// group roles (`cdesk_officer`, `cdesk_approver`, `cdesk_auditor`, `cdesk_admin`) and their
/// grants. Returns the schema version it left.
///
/// # Errors
/// `NewerSchema`; `Team` when the admin may not create roles or tables.
pub fn init(client: &mut Client, shown: &str) -> Result<i64, StoreError> {
    let mut tx = client.transaction().map_err(pg_error)?;
    tx.batch_execute(
        "DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdesk_officer') THEN CREATE ROLE cdesk_officer NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdesk_approver') THEN CREATE ROLE cdesk_approver NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdesk_auditor') THEN CREATE ROLE cdesk_auditor NOLOGIN; END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdesk_admin') THEN CREATE ROLE cdesk_admin NOLOGIN; END IF;
        END $$;
        GRANT cdesk_officer TO cdesk_approver;
        GRANT cdesk_approver TO cdesk_admin;
        CREATE TABLE IF NOT EXISTS cdesk_schema (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
        INSERT INTO cdesk_schema VALUES (1, 0) ON CONFLICT (id) DO NOTHING;",
    )
    .map_err(|e| StoreError::Team(format!("cannot set up {shown}: {}", pg_error(e))))?;
    let current: i64 = tx.query_one("SELECT version FROM cdesk_schema WHERE id = 1 FOR UPDATE", &[]).map_err(pg_error)?.get(0);
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: shown.to_owned(), found: current, supported: SCHEMA_VERSION });
    }
    for (i, step) in STEPS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(&step.replace("__ADMIN_SETTINGS__", ADMIN_SETTINGS)).map_err(|e| StoreError::Team(format!("cannot set up {shown}: {}", pg_error(e))))?;
        tx.execute("UPDATE cdesk_schema SET version = $1 WHERE id = 1", &[&((i + 1) as i64)]).map_err(pg_error)?;
    }
    // The register's substring search through a trigram index, where the server has the
    // extension (the search works without it, by reading the search rows).
    let trigram: bool = tx
        .query_one("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')", &[])
        .map_err(pg_error)?
        .get(0);
    if trigram {
        tx.batch_execute(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;
             CREATE INDEX IF NOT EXISTS complaint_search_trgm ON complaint_search USING gin (text gin_trgm_ops);",
        )
        .map_err(pg_error)?;
    }
    let tables = "audit_events, audit_head, settings, closures, id_counters, complaints, complaint_search, complaint_timers, \
                  complaint_assignees, report_submissions, accounts, credit_cases, reserve_entries, register_seal, cdesk_schema, complaint_total";
    let writable = "audit_head, settings, closures, id_counters, complaints, complaint_search, complaint_timers, \
                    complaint_assignees, report_submissions, accounts, credit_cases, reserve_entries, register_seal";
    tx.batch_execute(&format!(
        "REVOKE ALL ON {tables} FROM PUBLIC;
         GRANT SELECT ON {tables} TO cdesk_officer, cdesk_auditor;
         GRANT INSERT ON audit_events TO cdesk_officer;
         GRANT INSERT, UPDATE, DELETE ON {writable} TO cdesk_officer;
         GRANT USAGE ON SEQUENCE report_submissions_seq_seq TO cdesk_officer;
         REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM cdesk_officer, cdesk_approver, cdesk_auditor, cdesk_admin;"
    ))
    .map_err(pg_error)?;
    tx.commit().map_err(pg_error)?;
    Ok(SCHEMA_VERSION)
}

/// One officer of the team as the server knows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Person {
    pub name: String,
    /// The most a role allows them: `admin`, `approver`, `officer` or `auditor`.
    pub role: String,
    /// Whether they may sign in (a retired officer may not; their name stays in the history).
    pub active: bool,
}

/// Everyone with a team role.
///
/// # Errors
/// `Team` when the server fails.
pub fn people(client: &mut Client) -> Result<Vec<Person>, StoreError> {
    let rows = client
        .query(
            "SELECT r.rolname::text, r.rolcanlogin,
                    pg_has_role(r.oid, 'cdesk_admin', 'MEMBER'), pg_has_role(r.oid, 'cdesk_approver', 'MEMBER'),
                    pg_has_role(r.oid, 'cdesk_officer', 'MEMBER'), pg_has_role(r.oid, 'cdesk_auditor', 'MEMBER')
             FROM pg_roles r
             WHERE r.rolname NOT LIKE 'cdesk\\_%' AND NOT r.rolsuper
               AND (pg_has_role(r.oid, 'cdesk_officer', 'MEMBER') OR pg_has_role(r.oid, 'cdesk_auditor', 'MEMBER'))
             ORDER BY r.rolname",
            &[],
        )
        .map_err(pg_error)?;
    Ok(rows
        .iter()
        .map(|r| {
            let role = if r.get(2) {
                "admin"
            } else if r.get(3) {
                "approver"
            } else if r.get(4) {
                "officer"
            } else {
                "auditor"
            };
            Person { name: r.get(0), role: role.to_owned(), active: r.get(1) }
        })
        .collect())
}

/// Adds an officer who signs in as `name` with `password` (SCRAM; the server keeps only its
/// hash) and the group role `role`. An admin may also add people.
///
/// # Errors
/// `ServerRefused` `role_not_allowed` when the signed-in officer may not create roles; `Team`
/// when the name is taken.
pub fn add_person(client: &mut Client, name: &str, role: &str, password: &str) -> Result<(), StoreError> {
    let extra = if role == "admin" { " CREATEROLE" } else { "" };
    let sql = format!(
        "CREATE ROLE {} LOGIN PASSWORD {}{extra} IN ROLE cdesk_{role}",
        ident(name),
        literal(password)
    );
    client.batch_execute(&sql).map_err(|e| match e.code() {
        Some(c) if *c == postgres::error::SqlState::DUPLICATE_OBJECT => StoreError::Team(format!("{name} already has a role on this server; pick another name")),
        _ => pg_error(e),
    })
}

/// Retires an officer: they can no longer sign in; their name stays in the history.
///
/// # Errors
/// `Team` for someone who is not of the team.
pub fn retire_person(client: &mut Client, name: &str) -> Result<bool, StoreError> {
    let known = people(client)?.into_iter().any(|p| p.name == name);
    if !known {
        return Ok(false);
    }
    client.batch_execute(&format!("ALTER ROLE {} NOLOGIN", ident(name))).map_err(pg_error)?;
    Ok(true)
}

/// For test suites and benchmarks: a new team database on the server `admin_url` names (a
/// superuser's URL), copied from one set up once per process; returns its admin URL.
///
/// # Errors
/// `Team` when the server fails.
pub fn scratch_database(admin_url: &str) -> Result<String, StoreError> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    // One template per server this process makes databases on.
    static TEMPLATES: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
    // The URL's options (`?sslrootcert=...`) go with every URL made from it.
    let (path, query) = admin_url.split_once('?').map_or((admin_url, String::new()), |(p, q)| (p, format!("?{q}")));
    let base = path.rsplit_once('/').map(|(b, _)| b.to_owned()).ok_or_else(|| StoreError::Team("the URL names no database".into()))?;
    let mut client = super::connect_client(admin_url)?;
    let template = {
        let mut known = TEMPLATES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match known.iter().find(|(server, _)| *server == base) {
            Some((_, name)) => name.clone(),
            None => {
                let name = format!("cdesk_template_{}_{}", std::process::id(), known.len());
                client.batch_execute(&format!("CREATE DATABASE {name}")).map_err(pg_error)?;
                let mut c = super::connect_client(&format!("{base}/{name}{query}"))?;
                init(&mut c, &name)?;
                known.push((base.clone(), name.clone()));
                name
            }
        }
    };
    let name = format!("cdesk_t{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
    client.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}")).map_err(pg_error)?;
    Ok(format!("{base}/{name}{query}"))
}

/// For test suites: makes sure the server has the login role `name` with `password` and the
/// team role `role` (roles belong to the whole server, so tests share them), and returns the
/// URL on which it signs in to the database `db_admin_url` names.
///
/// # Errors
/// `Team` when the server fails.
pub fn scratch_officer(db_admin_url: &str, name: &str, password: &str, role: &str) -> Result<String, StoreError> {
    let mut client = super::connect_client(db_admin_url)?;
    let sql = format!(
        "DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {lit}) THEN
                CREATE ROLE {id} LOGIN PASSWORD {pw} IN ROLE cdesk_{role};
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$",
        lit = literal(name),
        id = ident(name),
        pw = literal(password),
    );
    client.batch_execute(&sql).map_err(pg_error)?;
    let (base, db) = db_admin_url.rsplit_once('/').ok_or_else(|| StoreError::Team("the URL names no database".into()))?;
    let host = base.rsplit_once('@').map_or(base, |(_, h)| h);
    let enc = |s: &str| s.replace('%', "%25").replace(' ', "%20").replace('@', "%40").replace(':', "%3A").replace('/', "%2F");
    Ok(format!("postgres://{}:{}@{host}/{db}", enc(name), enc(password)))
}

/// The database name of a URL (without its options), as `drop_scratch_database` drops it.
fn database_of(url: &str) -> Option<&str> {
    url.split('?').next()?.rsplit_once('/').map(|(_, name)| name)
}

/// For test suites: drops a database [`scratch_database`] made (its connections closed first).
pub fn drop_scratch_database(server_admin_url: &str, db_admin_url: &str) {
    let Some(name) = database_of(db_admin_url) else { return };
    if let Ok(mut client) = super::connect_client(server_admin_url) {
        let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", ident(name)));
    }
}
