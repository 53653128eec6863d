//! The support playbook: the resolution path for a topic and issue type, and a search over all
//! of them, in English, German or Japanese. Read-only data; nothing is recorded.

use cdesk_domain::playbook::{Guide, Lang, Playbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Desk, Result};

/// A path to show: a topic, its issue type (the topic's `other` when left out), a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PlaybookInput {
    pub topic: String,
    pub issue_type: Option<String>,
    /// `en` (the default), `de` or `ja`.
    pub lang: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct PlaybookSearchInput {
    pub query: String,
    pub lang: Option<String>,
}

fn lang(text: Option<&str>) -> Result<Lang> {
    Ok(text.map(str::trim).filter(|s| !s.is_empty()).map(str::parse).transpose()?.unwrap_or_default())
}

fn playbook() -> &'static Playbook {
    static PLAYBOOK: std::sync::OnceLock<Playbook> = std::sync::OnceLock::new();
    PLAYBOOK.get_or_init(Playbook::default)
}

impl Desk {
    /// The resolution path for a topic and issue type.
    ///
    /// # Errors
    /// `InvalidInput` naming `topic`, `issue_type` or `lang`.
    pub fn playbook_guide(&self, input: PlaybookInput) -> Result<Guide> {
        Ok(playbook().guide(&self.taxonomy, &input.topic, input.issue_type.as_deref(), lang(input.lang.as_deref())?)?)
    }

    /// Every path whose text holds each word of the query, in taxonomy order.
    ///
    /// # Errors
    /// `InvalidInput` naming `lang`.
    pub fn playbook_search(&self, input: PlaybookSearchInput) -> Result<Vec<Guide>> {
        Ok(playbook().search(&input.query, lang(input.lang.as_deref())?))
    }
}
