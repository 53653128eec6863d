//! The one error shape that crosses the IPC and CLI boundary: `{ code, message, field, rule }`.

use cdesk_domain::DomainError;
use cdesk_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What a caller branches on: the UI highlights a field, the CLI picks its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub enum ErrorCode {
    /// A value is malformed; `field` names it. Nothing was written.
    InvalidInput,
    /// A rule forbids the change; `rule` names it. Nothing was written.
    Rule,
    /// The complaint (or other record) does not exist.
    NotFound,
    /// The database could not be opened, read or written.
    Storage,
    /// A defect: something that should not happen did.
    Internal,
    /// The officer stopped a long operation before it finished. Nothing was written.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub rule: Option<String>,
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.field, &self.rule) {
            // A message that already begins with its field (an import's "row 2, column kind: …")
            // is not prefixed again.
            (Some(field), _) if self.message.starts_with(&format!("{field}:")) => f.write_str(&self.message),
            (Some(field), _) => write!(f, "{field}: {}", self.message),
            (None, Some(rule)) => write!(f, "{} (rule: {rule})", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl ErrorBody {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorBody { code: ErrorCode::InvalidInput, message: message.into(), field: Some(field.into()), rule: None }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        ErrorBody { code: ErrorCode::NotFound, message: message.into(), field: None, rule: None }
    }
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorBody { code: ErrorCode::Internal, message: message.into(), field: None, rule: None }
    }
    /// The file system or the database failed (a folder or file that cannot be made or read).
    pub fn storage(message: impl Into<String>) -> Self {
        ErrorBody { code: ErrorCode::Storage, message: message.into(), field: None, rule: None }
    }
    /// A long operation stopped at the officer's request, before anything was written.
    pub fn cancelled() -> Self {
        ErrorBody { code: ErrorCode::Cancelled, message: "stopped as asked; nothing was written".into(), field: None, rule: None }
    }
    /// Whether the caller's input or a rule was at fault (CLI exit 2), not the program.
    pub fn is_refusal(&self) -> bool {
        matches!(self.code, ErrorCode::InvalidInput | ErrorCode::Rule | ErrorCode::NotFound)
    }
}

impl From<DomainError> for ErrorBody {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid { field, message } => ErrorBody::invalid(field, message),
            DomainError::Rule { rule, message } => ErrorBody { code: ErrorCode::Rule, message, field: None, rule: Some(rule) },
        }
    }
}

impl From<StoreError> for ErrorBody {
    fn from(e: StoreError) -> Self {
        // A statement interrupted by a cancelled operation's progress callback.
        if e.is_interrupted() {
            return ErrorBody::cancelled();
        }
        if let StoreError::ServerRefused { rule, message } = e {
            return ErrorBody { code: ErrorCode::Rule, message, field: None, rule: Some(rule) };
        }
        ErrorBody { code: ErrorCode::Storage, message: e.to_string(), field: None, rule: None }
    }
}

pub type Result<T, E = ErrorBody> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_shape_is_code_message_field_rule() {
        let e: ErrorBody = DomainError::invalid("summary", "a summary is required").into();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"invalid_input","message":"a summary is required","field":"summary","rule":null}"#
        );
        let e: ErrorBody = DomainError::rule("executive_contact_hold", "contact hold").into();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"rule","message":"contact hold","field":null,"rule":"executive_contact_hold"}"#
        );
        assert_eq!(e.to_string(), "contact hold (rule: executive_contact_hold)");
    }

    #[test]
    fn a_message_that_names_its_field_is_not_prefixed_twice() {
        let e = crate::import::at_row(2, ErrorBody::invalid("channel", "\"fax\" is not a channel"));
        assert_eq!(e.to_string(), "row 2, column channel: \"fax\" is not a channel");
        assert_eq!(ErrorBody::invalid("summary", "required").to_string(), "summary: required");
    }
}
