//! `cdesk`: Compliance Desk on the command line. Parses arguments, calls the use cases the
//! desktop app calls, prints results. Exit 0 done, 2 refused (nothing written), 1 anything else.

//!
//! One module per command group, each with its clap definitions, its dispatch and its
//! printers (`complaint`, `report`, `account`, `credit`, `reserve`, `playbook`, `calendar`,
//! `audit`); `output` is how every command prints and fails. The database-file commands (init,
//! backup, restore) are here.

mod account;
mod audit;
mod calendar;
mod complaint;
mod credit;
mod output;
mod playbook;
mod policy;
mod report;
mod reserve;
mod team;

use std::path::PathBuf;
use std::process::ExitCode;

use cdesk_usecases::{default_actor, default_database_path, Desk};
use clap::{Parser, Subcommand};

use crate::output::{json, out, printable, Failure};

#[derive(Parser)]
#[command(name = "cdesk", version, about = "Compliance Desk: complaint register, deadlines and audit history")]
struct Cli {
    /// Database file (default: the desktop app's database in your data folder), or a team
    /// database: postgres://NAME[:PASSWORD]@HOST:PORT/DB (or the password in PGPASSWORD).
    #[arg(long, global = true, env = "CDESK_DB", value_name = "PATH|URL")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty Compliance Desk database (at --db, or the default location); an
    /// existing file is never touched.
    Init,
    /// Business-day calendar questions (US Federal Reserve holidays plus your closure days).
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// Log and work complaints.
    #[command(subcommand)]
    Complaint(Box<complaint::ComplaintCmd>),
    /// Import complaints from a CSV file: every row or none.
    Import { file: PathBuf },
    /// Check the audit history.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// The monthly complaint report for Stripe.
    #[command(subcommand)]
    Report(report::ReportCmd),
    /// Connected accounts and their credit policy.
    #[command(subcommand)]
    Account(account::AccountCmd),
    /// Credit terms and adverse actions: closing a line, lowering a limit, the notice, term changes.
    #[command(subcommand)]
    Credit(Box<credit::CreditCmd>),
    /// The Connect reserve: balances of connected accounts, bank debits, the platform's balance.
    #[command(subcommand)]
    Reserve(reserve::ReserveCmd),
    /// The support playbook: the resolution path for a topic and issue type.
    #[command(subcommand)]
    Playbook(playbook::PlaybookCmd),
    /// The deadline policy: business days per complaint clock; `set` changes one clock.
    DeadlinePolicy(policy::PolicyArgs),
    /// Team mode: set up a shared register on PostgreSQL, its people, and move a file onto it.
    #[command(subcommand)]
    Team(team::TeamCmd),
    /// Four eyes: whether closures, limit decreases and an executive complaint's reclassification
    /// as operational wait for a second officer's approval. `on` or `off` changes it.
    FourEyes(policy::FourEyesArgs),
    /// Make a consistent, verified copy of the database (safe while the app runs).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a verified backup in place of the database, keeping the current file aside
    /// (refused while the app has the database open).
    Restore { file: PathBuf },
    /// The backups in the backups folder (daily, manual, before an upgrade), newest first, with
    /// what the retention keeps each as.
    Backups {
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    cdesk_usecases::settle_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Refused(msg)) => {
            eprintln!("refused: {}", printable(&msg).replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            eprintln!("error: {}", printable(&msg).replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

/// For a command that records something: a missing file becomes a new database there (as it
/// always has for scripts that start with their first record); an empty or foreign file is
/// refused.
fn open(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    if let Some(url) = team_url(db) {
        return Ok(Desk::connect(url)?.with_now_from_env()?);
    }
    let path = db.clone().unwrap_or_else(default_database_path);
    Ok(Desk::open(&path, default_actor())?.with_now_from_env()?)
}

/// For a command that only reads or checks: a missing file is refused, never left behind as a
/// new empty database (a mistyped path must not "verify").
fn open_existing(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    if let Some(url) = team_url(db) {
        return Ok(Desk::connect(url)?.with_now_from_env()?);
    }
    let path = db.clone().unwrap_or_else(default_database_path);
    Ok(Desk::open_existing(&path, default_actor())?.with_now_from_env()?)
}

/// Calendar questions need no database of their own: without one, the shipped calendar answers.
fn open_for_calendar(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    if team_url(db).is_some() {
        return open(db);
    }
    let path = db.clone().unwrap_or_else(default_database_path);
    if path.exists() {
        open(db)
    } else {
        Ok(Desk::open_in_memory(default_actor())?)
    }
}

/// The team database `--db` names, if it names one rather than a file.
fn team_url(db: &Option<PathBuf>) -> Option<&str> {
    db.as_deref().and_then(|p| p.to_str()).filter(|s| cdesk_usecases::is_team_url(s))
}

/// Refuses a file-only command on a team database.
fn file_only(db: &Option<PathBuf>, what: &str) -> Result<(), Failure> {
    match team_url(db) {
        Some(_) => Err(Failure::Refused(format!(
            "{what} works on a database file; a team database is set up with `cdesk team init` and backed up with the server's own tools (pg_dump)"
        ))),
        None => Ok(()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    if matches!(cli.command, Command::Backup { .. } | Command::Backups { .. } | Command::Restore { .. }) {
        file_only(&cli.db, "backup and restore")?;
    }
    match cli.command {
        // A team database is made by an admin with `cdesk team init`; `init` on it checks that
        // it is ready and who signs in, so that a script that starts with `init` runs on both.
        Command::Init if team_url(&cli.db).is_some() => {
            let desk = open(&cli.db)?;
            let (who, roles) = desk.team_member().unwrap_or_default();
            out(&format!("the team database {} is ready; signed in as {who} ({})", desk.database_path(), roles.join(", ")))?;
        }
        Command::Init => {
            let path = cli.db.clone().unwrap_or_else(default_database_path);
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
                return Err(Failure::Refused(format!(
                    "{} already exists (rule: database_exists); `cdesk init` never touches an existing file: give another --db",
                    path.display()
                )));
            }
            let desk = Desk::create(&path, default_actor())?;
            out(&format!("created a new Compliance Desk database at {}", desk.database_path()))?;
        }
        Command::Calendar(cmd) => calendar::run(&cli.db, cmd)?,
        Command::Complaint(cmd) => complaint::complaint(open(&cli.db)?, *cmd)?,
        Command::Import { file } => {
            let r = open(&cli.db)?.import_csv_file(&file)?;
            match (r.first_id, r.last_id) {
                (Some(a), Some(b)) => out(&format!("imported {} complaints ({a} to {b})", r.imported))?,
                _ => out("imported 0 complaints: the file has no rows")?,
            }
        }
        Command::Report(cmd) => report::report(open(&cli.db)?, cmd)?,
        Command::Account(cmd) => account::account(open(&cli.db)?, cmd)?,
        Command::Credit(cmd) => credit::credit(open(&cli.db)?, *cmd)?,
        Command::Reserve(cmd) => reserve::reserve(open(&cli.db)?, cmd)?,
        Command::DeadlinePolicy(args) => policy::run(&cli.db, args)?,
        Command::FourEyes(args) => policy::four_eyes(open(&cli.db)?, args)?,
        Command::Team(cmd) => team::run(&cli.db, cmd)?,
        Command::Playbook(cmd) => playbook::playbook(Desk::open_in_memory(default_actor())?, cmd)?,
        Command::Backup { out: target } => {
            let b = open_existing(&cli.db)?.backup(&target)?;
            out(&format!("backup written to {}: {} events verified, {} bytes, SHA-256 {}", b.path, b.events, b.bytes, b.sha256))?;
        }
        Command::Backups { json: as_json } => {
            let list = open_existing(&cli.db)?.list_backups()?;
            if as_json {
                json(&list)?;
            } else {
                out(&format!("backups in {} (the last {} daily ones and one a month for {} months are kept)", list.folder, list.keep_daily, list.keep_monthly))?;
                for b in &list.backups {
                    out(&format!("{}  {:<16} {:>10} bytes  {}", b.made_at, b.kept_as, b.bytes, b.name))?;
                }
            }
        }
        Command::Restore { file } => {
            let path = cli.db.clone().unwrap_or_else(default_database_path);
            let b = Desk::restore(&path, &file, chrono::Utc::now())?;
            out(&format!("restored {} into {}: {} events verified", file.display(), b.path, b.events))?;
            if let Some(kept) = b.replaced_kept_at {
                out(&format!("the database it replaced is kept at {kept}"))?;
            }
        }
        Command::Audit(cmd) => return audit::run(&cli.db, cmd),
    }
    Ok(ExitCode::SUCCESS)
}
