//! `cdesk team ...`: a shared register on PostgreSQL. `init` sets the team database up (as a
//! server admin), `people` lists, adds and retires officers (as an admin), `migrate` moves a
//! single-user file onto an empty team database.

use std::io::Read;
use std::path::PathBuf;

use cdesk_usecases::ErrorBody;
use clap::Subcommand;

use crate::output::{json, out, Failure};

#[derive(Subcommand)]
pub(crate) enum TeamCmd {
    /// Set up (or upgrade) the team database --db postgres://ADMIN@HOST:PORT/DB: the schema and
    /// the group roles cdesk_officer, cdesk_approver, cdesk_auditor and cdesk_admin.
    Init {
        #[arg(long)]
        json: bool,
    },
    /// The team's officers and their roles (list, add, retire).
    #[command(subcommand)]
    People(PeopleCmd),
    /// Move a single-user database file onto an empty team database, its history intact.
    Migrate {
        #[arg(long, value_name = "FILE.db")]
        from: PathBuf,
        #[arg(long, value_name = "postgres://...")]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum PeopleCmd {
    /// Everyone with a team role.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add an officer who signs in as NAME (a server role with a SCRAM password).
    Add {
        name: String,
        #[arg(long, value_parser = ["officer", "approver", "auditor", "admin"])]
        role: String,
        /// Read the password from standard input (otherwise from CDESK_NEW_PASSWORD).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Retire an officer: they can no longer sign in; their name stays in the history.
    Retire { name: String },
}

fn url(db: &Option<PathBuf>) -> Result<String, Failure> {
    match db.as_deref().and_then(|p| p.to_str()).filter(|s| cdesk_usecases::is_team_url(s)) {
        Some(u) => Ok(u.to_owned()),
        None => Err(Failure::from(ErrorBody::invalid("db", "name the team database: --db postgres://NAME@HOST:PORT/DB"))),
    }
}

fn password(from_stdin: bool) -> Result<String, Failure> {
    let text = if from_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| Failure::Failed(format!("cannot read the password: {e}")))?;
        s
    } else {
        std::env::var("CDESK_NEW_PASSWORD").map_err(|_| {
            Failure::from(ErrorBody::invalid("password", "give the new officer's password on standard input with --password-stdin"))
        })?
    };
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

pub(crate) fn run(db: &Option<PathBuf>, cmd: TeamCmd) -> Result<(), Failure> {
    match cmd {
        TeamCmd::Init { json: as_json } => {
            let r = cdesk_usecases::team_init(&url(db)?)?;
            if as_json {
                return json(&r);
            }
            out(&format!("{}: team register ready (schema {}); roles {}", r.database, r.schema_version, r.roles.join(", ")))?;
            out("next: add the first admin with `cdesk team people add NAME --role admin --password-stdin`")
        }
        TeamCmd::People(PeopleCmd::List { json: as_json }) => {
            let people = cdesk_usecases::team_people(&url(db)?)?;
            if as_json {
                return json(&people);
            }
            for p in people {
                out(&format!("{:<24} {:<9}{}", p.name, p.role, if p.active { "" } else { " retired" }))?;
            }
            Ok(())
        }
        TeamCmd::People(PeopleCmd::Add { name, role, password_stdin }) => {
            let pw = password(password_stdin)?;
            let p = cdesk_usecases::team_add_person(&url(db)?, &name, &role, &pw)?;
            if let Some(advice) = cdesk_domain::team::password_advice(&pw) {
                eprintln!("note: {advice}");
            }
            out(&format!("{} added as {}", p.name, p.role))
        }
        TeamCmd::People(PeopleCmd::Retire { name }) => {
            cdesk_usecases::team_retire_person(&url(db)?, &name)?;
            out(&format!("{} retired: they can no longer sign in; their name stays in the history", name.trim()))
        }
        TeamCmd::Migrate { from, to, json: as_json } => {
            if !cdesk_usecases::is_team_url(&to) {
                return Err(Failure::from(ErrorBody::invalid("to", "name the team database: --to postgres://NAME@HOST:PORT/DB")));
            }
            let r = cdesk_usecases::team_migrate(&from, &to)?;
            if as_json {
                return json(&r);
            }
            out(&format!(
                "moved {} to {}: {} events, {} complaints, {} credit cases; the chain verifies on both sides",
                r.from, r.to, r.events, r.complaints, r.credit_cases
            ))
        }
    }
}
