//! `cdesk reserve ...`: the Connect reserve: readings, bank debits, the platform balance, fraud rejection, status, reconciliation.

use std::path::PathBuf;

use cdesk_usecases::*;
use clap::Subcommand;

use crate::output::{json, money_text, out, Failure};

#[derive(Subcommand)]
pub(crate) enum ReserveCmd {
    /// Record a connected account's available balance as read at an instant (signed minor units).
    Balance {
        account: String,
        #[arg(long)]
        currency: String,
        #[arg(long, allow_hyphen_values = true)]
        available: i64,
        #[arg(long)]
        at: String,
    },
    /// Import available-balance readings from CSV (columns: account, at, currency, available): every row or none.
    Import { file: PathBuf },
    /// Record a completed debit of an account's bank (held in the reserve 3 more business days).
    BankDebit {
        account: String,
        #[arg(long)]
        currency: String,
        #[arg(long)]
        amount: i64,
        #[arg(long)]
        completed_at: String,
    },
    /// Record the platform's own available balance as read at an instant.
    PlatformBalance {
        #[arg(long)]
        currency: String,
        #[arg(long, allow_hyphen_values = true)]
        available: i64,
        #[arg(long)]
        at: String,
    },
    /// Record that an account was rejected for fraud (Stripe's account rejection, reason fraud;
    /// payouts disabled). Prints the request.
    RejectForFraud {
        account: String,
        #[arg(long)]
        at: String,
    },
    /// Turn an account's debit_negative_balances on (where its country allows bank debits) or off.
    DebitNegativeBalances {
        account: String,
        #[arg(value_name = "true|false", action = clap::ArgAction::Set)]
        on: bool,
    },
    /// The reserve as of an instant (now by default).
    Status {
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import a Stripe balance-transactions export and reconcile its reserve_transaction entries.
    ImportTransactions {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The reserve changes computed from the readings against the imported reserve_transaction entries.
    Reconcile {
        #[arg(long)]
        json: bool,
    },
}

/// What a reserve change prints: the reserve after it.
pub(crate) fn reserve_line(r: &cdesk_usecases::ReserveRecorded, what: &str) -> Result<(), Failure> {
    let reserve = if r.status.reserve.is_empty() {
        "nothing".to_owned()
    } else {
        r.status.reserve.iter().map(|c| money_text(c.amount, &c.currency)).collect::<Vec<_>>().join(", ")
    };
    out(&format!("{what} (event {}); the reserve now holds {reserve}", r.seq))
}

pub(crate) fn reconciliation_text(r: &cdesk_domain::reserve::Reconciliation) -> Result<(), Failure> {
    out(&format!("{} reserve_transaction entries compared over {} days", r.reserve_transactions, r.days_compared))?;
    if r.differences.is_empty() {
        return out("the reserve changes computed from the readings match the export");
    }
    for d in &r.differences {
        out(&format!(
            "{} {}: readings say {}, the export has {} (difference {}){}",
            d.date,
            d.currency.to_ascii_uppercase(),
            money_text(d.expected, &d.currency),
            money_text(d.recorded, &d.currency),
            money_text(d.difference, &d.currency),
            if d.transactions.is_empty() { String::new() } else { format!(": {}", d.transactions.join(", ")) }
        ))?;
    }
    Ok(())
}

pub(crate) fn reserve(mut desk: Desk, cmd: ReserveCmd) -> Result<(), Failure> {
    match cmd {
        ReserveCmd::Balance { account, currency, available, at } => {
            let r = desk.record_reserve_balance(cdesk_usecases::ReserveBalanceInput { account: account.clone(), currency: currency.clone(), available, at })?;
            reserve_line(&r, &format!("{account}: available {} recorded", money_text(available, &currency.to_ascii_lowercase())))?
        }
        ReserveCmd::Import { file } => {
            let r = desk.import_reserve_file(&file)?;
            reserve_line(&r, &format!("imported {} readings", r.recorded))?
        }
        ReserveCmd::BankDebit { account, currency, amount, completed_at } => {
            let r = desk.record_bank_debit(cdesk_usecases::BankDebitInput { account: account.clone(), currency: currency.clone(), amount, completed_at })?;
            let hold = r.status.holds.iter().rev().find(|h| h.account == account).map(|h| format!(", held until the end of {}", h.release_on)).unwrap_or_default();
            reserve_line(&r, &format!("{account}: bank debit of {} recorded{hold}", money_text(amount, &currency.to_ascii_lowercase())))?
        }
        ReserveCmd::PlatformBalance { currency, available, at } => {
            let r = desk.record_platform_balance(cdesk_usecases::PlatformBalanceInput { currency: currency.clone(), available, at })?;
            reserve_line(&r, &format!("platform balance {} recorded", money_text(available, &currency.to_ascii_lowercase())))?;
            for s in &r.status.shortfall {
                out(&format!("shortfall: {}", s.explanation))?;
            }
        }
        ReserveCmd::RejectForFraud { account, at } => {
            let r = desk.reject_for_fraud(cdesk_usecases::RejectForFraudInput { account, at })?;
            out(&format!("{}: rejected for fraud; payouts are disabled by the rejection. The request:", r.account.id))?;
            out(&r.curl)?
        }
        ReserveCmd::DebitNegativeBalances { account, on } => {
            let v = desk.set_debit_negative_balances(cdesk_usecases::DebitNegativeBalancesInput { account, on })?;
            out(&format!("{}: debit_negative_balances {}", v.id, if on { "on" } else { "off" }))?
        }
        ReserveCmd::Status { at, json: as_json } => {
            let s = desk.reserve_status(at.as_deref())?;
            if as_json {
                return json(&s);
            }
            out(&format!("Connect reserve at {}", s.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))?;
            if s.reserve.is_empty() {
                out("  nothing held: no account whose losses the platform carries is negative")?;
            }
            for c in &s.reserve {
                out(&format!("  {}", money_text(c.amount, &c.currency)))?;
            }
            for a in &s.accounts {
                out(&format!(
                    "{} {}  {}  negative since {} ({} days); swept on {} ({} days left)",
                    a.account,
                    a.currency.to_ascii_uppercase(),
                    money_text(a.available, &a.currency),
                    a.negative_since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    a.days_negative,
                    a.sweep_on,
                    a.days_to_sweep
                ))?;
                for action in &a.actions {
                    out(&format!("    {}: {}", action.action_code(), action.reason))?;
                }
            }
            for r in &s.rejected {
                out(&format!("{} {}  {}  rejected for fraud; in the reserve until zeroed (swept on {})", r.account, r.currency.to_ascii_uppercase(), money_text(r.available, &r.currency), r.sweep_on))?;
            }
            for h in &s.holds {
                out(&format!("hold {} {} from the bank debit of {}, released at the end of {}", h.account, money_text(h.amount, &h.currency), h.completed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), h.release_on))?;
            }
            for f in &s.shortfall {
                out(&format!("shortfall {}: {}", money_text(f.amount, &f.currency), f.explanation))?;
            }
        }
        ReserveCmd::ImportTransactions { file, json: as_json } => {
            let r = desk.import_balance_transactions_file(&file)?;
            if as_json {
                return json(&r);
            }
            out(&format!("imported {} balance transactions ({} already imported before)", r.imported, r.already_imported))?;
            reconciliation_text(&r.reconciliation)?
        }
        ReserveCmd::Reconcile { json: as_json } => {
            let r = desk.reconcile_reserve()?;
            if as_json {
                return json(&r);
            }
            reconciliation_text(&r)?
        }
    }
    Ok(())
}
