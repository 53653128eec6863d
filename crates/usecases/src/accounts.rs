//! Connected accounts: adding them, recording their Issuing balance, showing them with history.

use cdesk_domain::account::{BalanceReading, CapabilityStatus, ConnectedAccount, CreditPolicy, PeriodInterval, PolicyStatus};
use cdesk_domain::complaint::parse_instant;
use cdesk_domain::Money;
use cdesk_store::Tx;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ledger::{account_view, apply_due_changes, load_account, load_case, parse_account, record_account_change, save_account, ACCOUNT as ENTITY};
use crate::{instant_text, record, AccountView, Desk, ErrorBody, Result};

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
    /// `company` (the default) or `individual`.
    #[serde(default)]
    pub business_type: Option<String>,
    /// Who carries the account's losses: `platform` (the default; Stripe's `application`) or `stripe`.
    #[serde(default)]
    pub losses: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Whether Stripe debits the account's bank for a negative balance (`debit_negative_balances`).
    #[serde(default)]
    pub debit_negative_balances: Option<bool>,
}

/// Whether the holder is a business or a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetBusinessTypeInput {
    pub account: String,
    /// `company` or `individual`.
    pub business_type: String,
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

/// An account in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountRow {
    pub id: String,
    pub legal_name: String,
    pub status: PolicyStatus,
    pub capability: CapabilityStatus,
    pub limit: Money,
    pub balance: Money,
    pub balance_at: String,
    pub owes: bool,
    /// The closure in progress or that closed the line.
    pub closure_case: Option<String>,
    /// A scheduled period change, at this instant.
    pub upcoming_at: Option<String>,
}

/// The columns an account CSV has; `address` may be left out.
pub const ACCOUNT_COLUMNS: &[&str] = &[
    "id",
    "name",
    "email",
    "address",
    "limit",
    "currency",
    "period",
    "period_count",
    "days_until_due",
    "balance",
    "business_type",
    "losses",
    "country",
    "debit_negative_balances",
];

/// The account columns a CSV may leave out.
const OPTIONAL_ACCOUNT_COLUMNS: &[&str] = &["address", "business_type", "losses", "country", "debit_negative_balances"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AccountImportOutput {
    #[ts(type = "number")]
    pub imported: i64,
    pub ids: Vec<String>,
}

impl AddAccountInput {
    /// The account this input describes, validated; its balance is as read `now`.
    ///
    /// # Errors
    /// `InvalidInput` naming the field.
    pub fn into_account(self, now: chrono::DateTime<chrono::Utc>) -> Result<ConnectedAccount> {
        let account = ConnectedAccount {
            id: self.id.trim().to_owned(),
            legal_name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            // A literal "\n" typed on a command line or in a CSV cell is a line break.
            address: self.address.map(|a| a.replace("\\n", "\n").trim().to_owned()).filter(|a| !a.is_empty()),
            business_type: self.business_type.as_deref().filter(|b| !b.trim().is_empty()).map(str::parse).transpose()?.unwrap_or_default(),
            policy: CreditPolicy {
                limit: Money::new(self.limit, &self.currency, "currency")?,
                period_interval: self.period.parse::<PeriodInterval>()?,
                period_count: self.period_count,
                days_until_due: self.days_until_due,
                status: PolicyStatus::Active,
            },
            balance: Money::new(self.balance, &self.currency, "currency")?,
            balance_at: now,
            balance_readings: vec![BalanceReading { at: now, balance: Money::new(self.balance, &self.currency, "currency")?, opening: true }],
            capability: CapabilityStatus::Active,
            approved_limit: None,
            period_approval: None,
            upcoming: None,
            last_effective: None,
            closure_case: None,
            last_application: None,
            stripe_objects: Default::default(),
            losses: self.losses.as_deref().filter(|l| !l.trim().is_empty()).map(str::parse).transpose()?.unwrap_or_default(),
            country: self.country.as_deref().filter(|c| !c.trim().is_empty()).map(cdesk_domain::reserve::country).transpose()?,
            debit_negative_balances: self.debit_negative_balances.unwrap_or(false),
            rejected_for_fraud_at: None,
        };
        account.validate()?;
        Ok(account)
    }
}

fn add_in_tx(tx: &Tx<'_>, account: &ConnectedAccount, recorded_at: &str, actor: &str) -> Result<()> {
    if tx.account_json(&account.id)?.is_some() {
        return Err(ErrorBody::from(cdesk_domain::DomainError::rule("account_exists", format!("{} is already recorded", account.id))));
    }
    let seq = record(tx, recorded_at, actor, ENTITY, &account.id, "added", account)?;
    save_account(tx, account, seq)
}

impl Desk {
    /// Adds a connected account with its credit policy and Issuing balance.
    ///
    /// # Errors
    /// `InvalidInput` naming the field; `Rule` (`account_exists`) for an id already recorded.
    pub fn add_account(&mut self, input: AddAccountInput) -> Result<AccountView> {
        let now = self.now();
        let account = input.into_account(now)?;
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            add_in_tx(tx, &account, &recorded_at, &actor)?;
            account_view(tx, &account.id, now)
        })
    }

    /// Imports connected accounts from a CSV file; see [`Desk::import_accounts_csv`].
    ///
    /// # Errors
    /// `InvalidInput` naming `file`, or the row and column of the first bad value; nothing is written.
    pub fn import_accounts_file(&mut self, path: &std::path::Path) -> Result<AccountImportOutput> {
        let (name, reader) = crate::import::open_csv(path)?;
        self.import_accounts_csv(&name, reader)
    }

    /// Imports connected accounts from CSV text (columns [`ACCOUNT_COLUMNS`], named like the
    /// `cdesk account add` flags; amounts in minor units). Every row or none.
    ///
    /// # Errors
    /// `InvalidInput` naming the row and column of the first bad value, `Rule` `account_exists`
    /// with its row; nothing is written.
    pub fn import_accounts_csv(&mut self, source_name: &str, reader: impl std::io::Read) -> Result<AccountImportOutput> {
        let now = self.now();
        let required: Vec<&str> = ACCOUNT_COLUMNS.iter().copied().filter(|c| !OPTIONAL_ACCOUNT_COLUMNS.contains(c)).collect();
        let (mut rdr, headers) = crate::import::read_headers(reader, ACCOUNT_COLUMNS, &required)?;
        let mut accounts = Vec::new();
        for (i, rec) in rdr.records().enumerate() {
            let row = i as u64 + 2;
            let rec = rec.map_err(|e| ErrorBody::invalid(format!("row {row}"), format!("row {row}: {e}")))?;
            let get = |c: &str| headers.iter().position(|h| h == c).and_then(|p| rec.get(p)).unwrap_or("").to_owned();
            let int = |c: &str| -> Result<i64> {
                let v = get(c);
                v.parse::<i64>().map_err(|_| {
                    crate::import::at_row(row, ErrorBody::invalid(c, format!("{v:?} is not a whole number (amounts are minor units)")))
                })
            };
            let flag = |c: &str| -> Result<Option<bool>> {
                match get(c).trim().to_ascii_lowercase().as_str() {
                    "" => Ok(None),
                    "true" | "yes" | "1" => Ok(Some(true)),
                    "false" | "no" | "0" => Ok(Some(false)),
                    other => Err(crate::import::at_row(row, ErrorBody::invalid(c, format!("{other:?} is not true or false")))),
                }
            };
            let count = |c: &str| -> Result<u32> {
                u32::try_from(int(c)?).map_err(|_| crate::import::at_row(row, ErrorBody::invalid(c, "must be zero or more")))
            };
            let input = AddAccountInput {
                id: get("id"),
                name: get("name"),
                email: get("email"),
                address: Some(get("address")),
                limit: int("limit")?,
                currency: get("currency"),
                period: get("period"),
                period_count: count("period_count")?,
                days_until_due: count("days_until_due")?,
                balance: int("balance")?,
                business_type: Some(get("business_type")),
                losses: Some(get("losses")),
                country: Some(get("country")),
                debit_negative_balances: flag("debit_negative_balances")?,
            };
            let a = input.into_account(now).map_err(|e| crate::import::at_row(row, e))?;
            if accounts.iter().any(|b: &ConnectedAccount| b.id == a.id) {
                return Err(crate::import::at_row(row, ErrorBody::invalid("id", format!("{} appears twice in the file", a.id))));
            }
            accounts.push(a);
        }
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let source = source_name.to_owned();
        self.store.write(|tx| {
            for (i, a) in accounts.iter().enumerate() {
                add_in_tx(tx, a, &recorded_at, &actor).map_err(|e| crate::import::at_row(i as u64 + 2, e))?;
            }
            let payload = serde_json::json!({ "source": source, "rows": accounts.len() });
            record(tx, &recorded_at, &actor, "import", &source, "accounts_imported", &payload)?;
            Ok(AccountImportOutput { imported: accounts.len() as i64, ids: accounts.iter().map(|a| a.id.clone()).collect() })
        })
    }

    /// Records the account's Issuing balance as read at an instant.
    ///
    /// # Errors
    /// `InvalidInput` naming `at`; `NotFound` for an unknown account.
    pub fn set_balance(&mut self, input: SetBalanceInput) -> Result<AccountView> {
        let at = parse_instant(&input.at, "at")?;
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let mut account = load_account(tx, input.account.trim())?;
            // A reading must not contradict a deactivation already judged against earlier readings,
            // in any of the account's cases.
            let mut deactivations = Vec::new();
            for r in tx.credit_cases(Some(&account.id))? {
                if let Some(d) = crate::ledger::case_state(&load_case(tx, &r.id)?, &account)?.deactivated_at {
                    deactivations.push(d);
                }
            }
            account.record_balance(input.amount, at, now, &deactivations)?;
            let read = account.balance_as_of(at).expect("the reading was just recorded");
            let payload = serde_json::json!({ "balance": read, "read_at": instant_text(at) });
            record_account_change(tx, &recorded_at, &actor, (ENTITY, &account.id, "balance_recorded"), payload, &account)?;
            account_view(tx, &account.id, now)
        })
    }

    /// Records whether the account holder is a business or a person: an adverse-action notice
    /// addresses them accordingly (notices already sent keep the wording they were sent with).
    ///
    /// # Errors
    /// `InvalidInput` naming `business_type`; `NotFound` for an unknown account.
    pub fn set_business_type(&mut self, input: SetBusinessTypeInput) -> Result<AccountView> {
        let business_type: cdesk_domain::account::BusinessType = input.business_type.parse()?;
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        self.store.write(|tx| {
            let mut account = load_account(tx, input.account.trim())?;
            let from = account.business_type;
            account.set_business_type(business_type)?;
            let payload = serde_json::json!({ "from": from, "to": business_type });
            record_account_change(tx, &recorded_at, &actor, (ENTITY, &account.id, "business_type_changed"), payload, &account)?;
            account_view(tx, &account.id, now)
        })
    }

    /// One account with its history.
    ///
    /// # Errors
    /// `NotFound` for an unknown account.
    pub fn account(&mut self, id: &str) -> Result<AccountView> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            apply_due_changes(tx, now, &actor)?;
            account_view(tx, id.trim(), now)
        })
    }

    /// Every account, by legal name. Period changes whose instant has passed are applied first.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn list_accounts(&mut self) -> Result<Vec<AccountRow>> {
        let (now, actor) = (self.now(), self.actor.clone());
        self.store.write(|tx| {
            apply_due_changes(tx, now, &actor)?;
            tx.accounts()?
                .into_iter()
                .map(|(id, json)| {
                    let a = parse_account(&id, &json)?;
                    Ok(AccountRow {
                        owes: a.balance.amount_minor < 0,
                        status: a.policy.status,
                        capability: a.capability,
                        limit: a.policy.limit.clone(),
                        balance_at: instant_text(a.balance_at),
                        balance: a.balance,
                        closure_case: a.closure_case,
                        upcoming_at: a.upcoming.map(|u| instant_text(u.effective_at)),
                        legal_name: a.legal_name,
                        id,
                    })
                })
                .collect()
        })
    }
}
