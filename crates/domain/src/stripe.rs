//! The Stripe API request each credit step corresponds to, built as data so that an engineer
//! can run it or compare it with what the platform's integration sends. Nothing here calls
//! Stripe.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, Money};

/// A Stripe object id as the officer pasted it, trimmed.
///
/// # Errors
/// `Invalid` naming `object_id` when empty, with spaces inside, or longer than Stripe's ids.
pub fn object_id(text: &str) -> Result<String, DomainError> {
    let id = text.trim();
    if id.is_empty() || id.chars().any(char::is_whitespace) || id.len() > 255 {
        return Err(DomainError::invalid("object_id", "give the Stripe object id as Stripe shows it, e.g. icur_1Nv..."));
    }
    Ok(id.to_owned())
}

/// One request: method, path, headers that matter, and the form-encoded body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct StripeRequest {
    pub method: String,
    pub path: String,
    /// The connected account the call is made on behalf of (`Stripe-Account` header), if any.
    pub stripe_account: Option<String>,
    /// Stable for the step: sending the same request twice does not act twice.
    pub idempotency_key: String,
    /// Form parameters in order, before encoding.
    pub params: Vec<(String, String)>,
    /// `application/x-www-form-urlencoded` body.
    pub body: String,
}

impl StripeRequest {
    pub fn post(path: impl Into<String>, stripe_account: Option<&str>, idempotency_key: impl Into<String>, params: Vec<(String, String)>) -> Self {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(params.iter()).finish();
        StripeRequest {
            method: "POST".into(),
            path: path.into(),
            stripe_account: stripe_account.map(str::to_owned),
            idempotency_key: idempotency_key.into(),
            params,
            body,
        }
    }

    /// The request as a `curl` command line (secret key left as `$STRIPE_SECRET_KEY`).
    pub fn curl(&self) -> String {
        let mut out = format!("curl -X {} https://api.stripe.com{} \\\n  -u \"$STRIPE_SECRET_KEY:\"", self.method, self.path);
        if let Some(a) = &self.stripe_account {
            out.push_str(&format!(" \\\n  -H \"Stripe-Account: {a}\""));
        }
        out.push_str(&format!(" \\\n  -H \"Idempotency-Key: {}\"", self.idempotency_key));
        for (k, v) in &self.params {
            let pair = form_urlencoded::Serializer::new(String::new()).append_pair(k, v).finish();
            out.push_str(&format!(" \\\n  --data '{}'", pair.replace('\'', "'\\''")));
        }
        out
    }
}

/// Builds form parameters in order.
#[derive(Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn add(mut self, key: &str, value: impl ToString) -> Self {
        self.0.push((key.to_owned(), value.to_string()));
        self
    }
    pub fn add_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.add(key, v),
            None => self,
        }
    }
    pub fn money(self, prefix: &str, m: &Money) -> Self {
        self.add(&format!("{prefix}[amount]"), m.amount_minor).add(&format!("{prefix}[currency]"), m.currency.to_ascii_lowercase())
    }
    pub fn list(mut self, key: &str, values: &[String]) -> Self {
        for (i, v) in values.iter().enumerate() {
            self.0.push((format!("{key}[{i}]"), v.clone()));
        }
        self
    }
    pub fn build(self) -> Vec<(String, String)> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_form_encoded_with_brackets_and_spaces_escaped() {
        let p = Params::default()
            .add("decision[type]", "credit_line_closed")
            .list("decision[credit_line_closed][reasons]", &["bankruptcy".into()])
            .add("credit_user[name]", "Müller & Söhne")
            .build();
        let r = StripeRequest::post("/v1/x", Some("acct_1"), "cdesk-CRD-2026-00001-decision", p);
        assert_eq!(
            r.body,
            "decision%5Btype%5D=credit_line_closed&decision%5Bcredit_line_closed%5D%5Breasons%5D%5B0%5D=bankruptcy\
             &credit_user%5Bname%5D=M%C3%BCller+%26+S%C3%B6hne"
        );
        assert!(r.curl().contains("-H \"Stripe-Account: acct_1\""));
        assert!(r.curl().contains("-H \"Idempotency-Key: cdesk-CRD-2026-00001-decision\""));
    }
}
