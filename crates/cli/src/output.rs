//! What every command prints through: one line of text (control characters escaped), JSON, money; and how a command fails (a refusal, exit 2, or anything else, exit 1).

use std::io::Write;

use cdesk_usecases::ErrorBody;

/// Why the command failed: a refusal (exit 2) or anything else (exit 1).
pub(crate) enum Failure {
    Refused(String),
    Failed(String),
}

impl From<ErrorBody> for Failure {
    fn from(e: ErrorBody) -> Self {
        if e.is_refusal() {
            Failure::Refused(e.to_string())
        } else {
            Failure::Failed(e.to_string())
        }
    }
}

pub(crate) fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", printable(text)).map_err(|e| Failure::Failed(format!("cannot write output: {e}")))
}

/// `text` safe for a terminal: control characters (escape sequences a complainant might have
/// typed, carriage returns) are shown as `\u{..}` instead of acting on the terminal; line
/// breaks and tabs stay.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if c.is_control() && c != '\n' && c != '\t' { c.escape_unicode().to_string() } else { c.to_string() })
            .collect(),
    )
}

pub(crate) fn json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Failed(e.to_string()))?;
    out(&text)
}

pub(crate) fn money_text(amount: i64, currency: &str) -> String {
    cdesk_domain::Money { amount_minor: amount, currency: currency.to_owned() }.display()
}
