//! Money: integer minor units plus an ISO 4217 currency code. Never floating point.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct Money {
    /// Minor units (cents for USD, yen for JPY).
    #[ts(type = "number")]
    pub amount_minor: i64,
    /// Upper-case ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

/// Minor-unit exponent of a currency (ISO 4217); 2 unless listed.
pub fn minor_unit_exponent(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "JPY" | "KMF" | "KRW" | "MGA" | "PYG" | "RWF" | "UGX"
        | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "JOD" | "KWD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

impl Money {
    /// Validates a currency code and builds an amount.
    ///
    /// # Errors
    /// `Invalid` naming `field` when the currency is not three ASCII letters.
    pub fn new(amount_minor: i64, currency: &str, field: &str) -> Result<Self, DomainError> {
        let currency = currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(DomainError::invalid(
                field,
                format!("currency must be a three-letter ISO 4217 code, got {currency:?}"),
            ));
        }
        Ok(Money { amount_minor, currency })
    }

    /// The amount in major units as text, e.g. `12.50 USD`.
    pub fn display(&self) -> String {
        let exp = minor_unit_exponent(&self.currency);
        if exp == 0 {
            return format!("{} {}", self.amount_minor, self.currency);
        }
        let div = 10i64.pow(exp);
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        format!(
            "{sign}{}.{:0width$} {}",
            abs / div as u64,
            abs % div as u64,
            self.currency,
            width = exp as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_displays_in_major_units_by_currency_exponent() {
        assert_eq!(Money::new(1250, "usd", "x").unwrap().display(), "12.50 USD");
        assert_eq!(Money::new(1250, "JPY", "x").unwrap().display(), "1250 JPY");
        assert_eq!(Money::new(-5, "EUR", "x").unwrap().display(), "-0.05 EUR");
    }

    #[test]
    fn money_refuses_a_malformed_currency_naming_the_field() {
        let err = Money::new(1, "dollars", "compensation").unwrap_err();
        assert!(err.to_string().starts_with("compensation:"), "{err}");
    }
}
