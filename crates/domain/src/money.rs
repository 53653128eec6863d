//! Money: integer minor units plus an ISO 4217 currency code. Never floating point; sums are
//! checked and never wrap. Codes are kept lower-case, as Stripe writes them, and shown upper-case.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::DomainError;

const CURRENCIES: &str = include_str!("../rules/currencies.txt");

/// The largest amount accepted, in minor units (10^12: ten billion dollars in cents).
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Money {
    /// Minor units (cents for USD, yen for JPY).
    #[ts(type = "number")]
    pub amount_minor: i64,
    /// Lower-case ISO 4217 code, e.g. `usd` (as Stripe writes it).
    pub currency: String,
}

/// Records written before codes were kept lower-case read the same.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Stored {
            amount_minor: i64,
            currency: String,
        }
        let s = Stored::deserialize(d)?;
        Ok(Money { amount_minor: s.amount_minor, currency: s.currency.to_ascii_lowercase() })
    }
}

/// The currency codes and their decimals (data: `rules/currencies.txt`).
fn currencies() -> impl Iterator<Item = (&'static str, u32)> {
    CURRENCIES.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|l| {
        let (code, decimals) = l.trim().split_once(' ')?;
        Some((code, decimals.trim().parse().ok()?))
    })
}

/// Whether a code (any case) is an ISO 4217 currency in circulation.
pub fn is_currency(code: &str) -> bool {
    let code = code.trim().to_ascii_lowercase();
    currencies().any(|(c, _)| c == code)
}

/// Minor-unit exponent of a currency (any case); 2 for a code not on the list.
pub fn minor_unit_exponent(currency: &str) -> u32 {
    let code = currency.trim().to_ascii_lowercase();
    currencies().find(|(c, _)| *c == code).map_or(2, |(_, d)| d)
}

/// Validates a currency code given in any case and returns it lower-case.
///
/// # Errors
/// `Invalid` naming `field` when it is not an ISO 4217 code in circulation.
pub fn currency(code: &str, field: &str) -> Result<String, DomainError> {
    let lower = code.trim().to_ascii_lowercase();
    if !is_currency(&lower) {
        return Err(DomainError::invalid(field, format!("{:?} is not an ISO 4217 currency code such as USD, EUR or JPY", code.trim())));
    }
    Ok(lower)
}

impl Money {
    /// Validates a currency code (any case) and an amount, and builds the money.
    ///
    /// # Errors
    /// `Invalid` naming `field` when the currency is not an ISO 4217 code or the amount is beyond
    /// [`MAX_AMOUNT_MINOR`] either way.
    pub fn new(amount_minor: i64, currency_code: &str, field: &str) -> Result<Self, DomainError> {
        let currency = currency(currency_code, field)?;
        check_amount(amount_minor, field)?;
        Ok(Money { amount_minor, currency })
    }

    /// The same currency with another amount, validated.
    ///
    /// # Errors
    /// `Invalid` naming `field` when the amount is beyond [`MAX_AMOUNT_MINOR`].
    pub fn with_amount(&self, amount_minor: i64, field: &str) -> Result<Self, DomainError> {
        check_amount(amount_minor, field)?;
        Ok(Money { amount_minor, currency: self.currency.clone() })
    }

    /// The upper-case code for people and reports, e.g. `USD`.
    pub fn currency_code(&self) -> String {
        self.currency.to_ascii_uppercase()
    }

    /// The amount owed back when this is negative, as a positive amount.
    pub fn negated(&self) -> Money {
        // Amounts are within ±10^12, so negation cannot overflow.
        Money { amount_minor: self.amount_minor.saturating_neg(), currency: self.currency.clone() }
    }

    /// The sum of two amounts of the same currency.
    ///
    /// # Errors
    /// `Invalid` naming `field` for different currencies; `Rule` `amount_overflow` when the sum
    /// does not fit.
    pub fn checked_add(&self, other: &Money, field: &str) -> Result<Money, DomainError> {
        if self.currency != other.currency {
            return Err(DomainError::invalid(field, format!("cannot add {} to {}", other.currency_code(), self.currency_code())));
        }
        let amount_minor = self
            .amount_minor
            .checked_add(other.amount_minor)
            .ok_or_else(|| DomainError::rule("amount_overflow", format!("{field}: the sum does not fit in an amount")))?;
        Ok(Money { amount_minor, currency: self.currency.clone() })
    }

    /// The amount in major units as text, e.g. `12.50 USD`.
    pub fn display(&self) -> String {
        let exp = minor_unit_exponent(&self.currency);
        let code = self.currency_code();
        if exp == 0 {
            return format!("{} {code}", self.amount_minor);
        }
        let div = 10u64.pow(exp);
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        format!("{sign}{}.{:0width$} {code}", abs / div, abs % div, width = exp as usize)
    }
}

fn check_amount(amount_minor: i64, field: &str) -> Result<(), DomainError> {
    if amount_minor.unsigned_abs() > MAX_AMOUNT_MINOR.unsigned_abs() {
        return Err(DomainError::invalid(
            field,
            format!("{amount_minor} minor units is beyond the largest amount accepted ({MAX_AMOUNT_MINOR})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_displays_in_major_units_by_currency_exponent() {
        assert_eq!(Money::new(1250, "usd", "x").unwrap().display(), "12.50 USD");
        assert_eq!(Money::new(1250, "JPY", "x").unwrap().display(), "1250 JPY");
        assert_eq!(Money::new(-5, "EUR", "x").unwrap().display(), "-0.05 EUR");
        assert_eq!(Money::new(1500, "kwd", "x").unwrap().display(), "1.500 KWD");
    }

    #[test]
    fn money_refuses_a_malformed_currency_naming_the_field() {
        let err = Money::new(1, "dollars", "compensation").unwrap_err();
        assert!(err.to_string().starts_with("compensation:"), "{err}");
    }

    #[test]
    fn rule_currency_is_iso_4217_case_insensitive_and_stored_lower_case() {
        let err = Money::new(100, "XYZ", "currency").unwrap_err();
        assert!(err.to_string().starts_with("currency:"), "XYZ is three letters but no currency: {err}");
        assert_eq!(Money::new(100, " Usd ", "currency").unwrap().currency, "usd", "kept as Stripe writes it");
        assert_eq!(Money::new(100, "usd", "currency").unwrap().currency_code(), "USD");
        let old: Money = serde_json::from_str(r#"{"amount_minor":5,"currency":"EUR"}"#).unwrap();
        assert_eq!(old.currency, "eur", "records from before read the same");
    }

    #[test]
    fn rule_amount_at_most_ten_to_the_twelfth_minor_units() {
        Money::new(MAX_AMOUNT_MINOR, "usd", "amount").expect("10^12 itself is accepted");
        Money::new(-MAX_AMOUNT_MINOR, "usd", "amount").expect("and its negative, for balances");
        let err = Money::new(MAX_AMOUNT_MINOR + 1, "usd", "amount").unwrap_err();
        assert!(err.to_string().starts_with("amount:"), "{err}");
        assert!(Money::new(i64::MIN, "usd", "amount").is_err());
    }

    #[test]
    fn rule_sums_are_checked_and_never_wrap() {
        let big = Money { amount_minor: i64::MAX - 1, currency: "usd".into() };
        let err = big.checked_add(&Money { amount_minor: 5, currency: "usd".into() }, "total").unwrap_err();
        assert!(matches!(&err, DomainError::Rule { rule, .. } if rule == "amount_overflow"), "{err}");
        let a = Money::new(250, "usd", "x").unwrap();
        assert_eq!(a.checked_add(&a, "total").unwrap().amount_minor, 500);
        assert!(a.checked_add(&Money::new(1, "eur", "x").unwrap(), "total").is_err(), "currencies do not mix");
    }
}
