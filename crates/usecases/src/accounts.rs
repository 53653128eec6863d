//! Connected accounts: adding them, recording their Issuing balance, showing them with history.

use cdesk_domain::account::{CapabilityStatus, ConnectedAccount, CreditPolicy, PeriodInterval, PolicyStatus};
use cdesk_domain::complaint::parse_instant;
use cdesk_domain::Money;
use cdesk_store::Tx;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{instant_text, record, Desk, ErrorBody, Result};

const ENTITY: &str = "account";

/// An account as typed in: amounts in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AddAccountInput {
    pub id: String,
    pub name: String,
    pub email: String,
    pub address: Option<String>,
    #[ts(type = "number")]
    pub limit: i64,
    pub currency: String,
    /// `day` or `month`.
    pub period: String,
    pub period_count: u32,
    pub days_until_due: u32,
    #[ts(type = "number")]
    pub balance: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetBalanceInput {
    pub account: String,
    #[ts(type = "number")]
    pub amount: i64,
    /// When the balance was read (RFC 3339).
    pub at: String,
}

/// An entry of an account's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountHistoryEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub recorded_at: String,
    pub actor: String,
    pub action: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountView {
    pub id: String,
    pub account: ConnectedAccount,
    /// Whether the account owes Stripe (negative Issuing balance).
    pub owes: bool,
    pub history: Vec<AccountHistoryEntry>,
}

fn load(tx: &Tx<'_>, id: &str) -> Result<ConnectedAccount> {
    let json = tx.account_json(id)?.ok_or_else(|| ErrorBody::not_found(format!("no connected account {id}")))?;
    serde_json::from_str(&json).map_err(|e| ErrorBody::internal(format!("the stored account {id} cannot be read: {e}")))
}

fn save(tx: &Tx<'_>, a: &ConnectedAccount, seq: i64) -> Result<()> {
    let json = serde_json::to_string(a).map_err(|e| ErrorBody::internal(e.to_string()))?;
    Ok(tx.put_account(&a.id, &a.legal_name, &json, seq)?)
}

fn view(tx: &Tx<'_>, id: &str) -> Result<AccountView> {
    let account = load(tx, id)?;
    let history = tx
        .audit_events_of(ENTITY, id)?
        .into_iter()
        .map(|e| AccountHistoryEntry { seq: e.seq, recorded_at: e.recorded_at, actor: e.actor, action: e.action, details: e.payload })
        .collect();
    Ok(AccountView { id: id.to_owned(), owes: account.balance.amount_minor < 0, account, history })
}

impl Desk {
    /// Adds a connected account with its credit policy and Issuing balance.
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` (`account_exists`) for an id already recorded.
    pub fn add_account(&mut self, input: AddAccountInput) -> Result<AccountView> {
        let now = self.now();
        let currency = input.currency.clone();
        let account = ConnectedAccount {
            id: input.id.trim().to_owned(),
            legal_name: input.name.trim().to_owned(),
            email: input.email.trim().to_owned(),
            address: input.address.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
            policy: CreditPolicy {
                limit: Money::new(input.limit, &currency, "currency")?,
                period_interval: input.period.parse::<PeriodInterval>()?,
                period_count: input.period_count,
                days_until_due: input.days_until_due,
                status: PolicyStatus::Active,
            },
            balance: Money::new(input.balance, &currency, "currency")?,
            balance_at: now,
            capability: CapabilityStatus::Active,
        };
        account.validate()?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            if tx.account_json(&account.id)?.is_some() {
                return Err(ErrorBody::from(cdesk_domain::DomainError::rule(
                    "account_exists",
                    format!("{} is already recorded", account.id),
                )));
            }
            let seq = record(tx, &recorded_at, &actor, ENTITY, &account.id, "added", &account)?;
            save(tx, &account, seq)?;
            view(tx, &account.id)
        })
    }

    /// Records the account's Issuing balance as read at an instant.
    ///
    /// # Errors
    /// `InvalidInput` naming `at`; `NotFound` for an unknown account.
    pub fn set_balance(&mut self, input: SetBalanceInput) -> Result<AccountView> {
        let at = parse_instant(&input.at, "at")?;
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            let mut account = load(tx, input.account.trim())?;
            account.balance = Money { amount_minor: input.amount, currency: account.balance.currency.clone() };
            account.balance_at = at;
            let payload = serde_json::json!({ "balance": account.balance, "read_at": instant_text(at) });
            let seq = record(tx, &recorded_at, &actor, ENTITY, &account.id, "balance_recorded", &payload)?;
            save(tx, &account, seq)?;
            view(tx, &account.id)
        })
    }

    /// One account with its history.
    ///
    /// # Errors
    /// `NotFound` for an unknown account.
    pub fn account(&mut self, id: &str) -> Result<AccountView> {
        self.store.read(|tx| view(tx, id.trim()))
    }
}
