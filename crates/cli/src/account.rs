//! `cdesk account ...`: connected accounts and their credit policy.

use std::path::PathBuf;

use cdesk_usecases::*;
use clap::Subcommand;

use crate::output::{json, out, Failure};

#[derive(Subcommand)]
pub(crate) enum AccountCmd {
    /// Record a connected account (amounts in minor units).
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long, allow_hyphen_values = true)]
        limit: i64,
        #[arg(long)]
        currency: String,
        #[arg(long, value_name = "day|month")]
        period: String,
        #[arg(long)]
        period_count: u32,
        #[arg(long)]
        days_until_due: u32,
        #[arg(long, allow_hyphen_values = true)]
        balance: i64,
        #[arg(long)]
        address: Option<String>,
        /// company (the default) or individual: how the notice addresses the holder.
        #[arg(long)]
        business_type: Option<String>,
        /// Who carries the account's losses (Stripe's controller.losses.payments): platform
        /// (the default) or stripe. Only the platform's are in its Connect reserve.
        #[arg(long, value_name = "platform|stripe")]
        losses: Option<String>,
        /// The account's country (ISO 3166-1 alpha-2): where bank debits are possible.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// Whether Stripe debits the account's bank for a negative balance.
        #[arg(long, value_name = "true|false")]
        debit_negative_balances: Option<bool>,
    },
    /// Record whether the holder is a business or a person (how notices address them).
    SetBusinessType {
        account: String,
        #[arg(value_name = "company|individual")]
        business_type: String,
    },
    /// Record the account's Issuing balance as read at an instant (minor units, may be negative).
    SetBalance {
        account: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: i64,
        #[arg(long)]
        at: String,
    },
    /// Import accounts from CSV (columns: id,name,email,address,limit,currency,period,period_count,days_until_due,balance[,business_type]): every row or none.
    Import { file: PathBuf },
    /// Record the Stripe object id returned for one of the account's requests.
    StripeObject {
        account: String,
        /// The request's Idempotency-Key (see `account show --json`, `requests`).
        #[arg(long)]
        key: String,
        #[arg(long)]
        id: String,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show an account with its history.
    Show {
        account: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn account(mut desk: Desk, cmd: AccountCmd) -> Result<(), Failure> {
    let v = match cmd {
        AccountCmd::Add {
            id,
            name,
            email,
            limit,
            currency,
            period,
            period_count,
            days_until_due,
            balance,
            address,
            business_type,
            losses,
            country,
            debit_negative_balances,
        } => desk.add_account(AddAccountInput {
            id,
            name,
            email,
            address,
            limit,
            currency,
            period,
            period_count,
            days_until_due,
            balance,
            business_type,
            losses,
            country,
            debit_negative_balances,
        })?,
        AccountCmd::SetBalance { account, amount, at } => desk.set_balance(SetBalanceInput { account, amount, at })?,
        AccountCmd::SetBusinessType { account, business_type } => desk.set_business_type(SetBusinessTypeInput { account, business_type })?,
        AccountCmd::StripeObject { account, key, id } => {
            desk.record_account_stripe_object(AccountObjectInput { account, idempotency_key: key, object_id: id })?
        }
        AccountCmd::Import { file } => {
            let r = desk.import_accounts_file(&file)?;
            return out(&format!("imported {} accounts{}", r.imported, if r.ids.is_empty() { String::new() } else { format!(" ({})", r.ids.join(", ")) }));
        }
        AccountCmd::List { json: as_json } => {
            let rows = desk.list_accounts()?;
            if as_json {
                return json(&rows);
            }
            for r in rows {
                out(&format!(
                    "{}  {}  {:?}  limit {}  balance {}{}",
                    r.id,
                    r.legal_name,
                    r.status,
                    r.limit.display(),
                    r.balance.display(),
                    if r.owes { "  OWES STRIPE" } else { "" }
                ))?;
            }
            return Ok(());
        }
        AccountCmd::Show { account, json: as_json } => {
            let v = desk.account(&account)?;
            if as_json {
                return json(&v);
            }
            v
        }
    };
    let a = &v.account;
    out(&format!(
        "{}  {}  limit {}  balance {} (read {}){}",
        a.id,
        a.legal_name,
        a.policy.limit.display(),
        a.balance.display(),
        a.balance_at.to_rfc3339(),
        if v.owes { "  OWES STRIPE" } else { "" }
    ))
}
