//! `cdesk playbook ...`: the support playbook in English, German and Japanese.

use cdesk_usecases::*;
use clap::Subcommand;

use crate::output::{json, out, Failure};

#[derive(Subcommand)]
pub(crate) enum PlaybookCmd {
    /// The resolution path for a topic and issue type.
    Show {
        topic: String,
        /// The topic's issue type (its `other` path when left out).
        issue_type: Option<String>,
        #[arg(long, default_value = "en", value_name = "en|de|ja")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// The paths whose text holds every word of the query.
    Search {
        query: String,
        #[arg(long, default_value = "en", value_name = "en|de|ja")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn playbook(desk: Desk, cmd: PlaybookCmd) -> Result<(), Failure> {
    let guides = match cmd {
        PlaybookCmd::Show { topic, issue_type, lang, json: as_json } => {
            let g = desk.playbook_guide(cdesk_usecases::PlaybookInput { topic, issue_type, lang: Some(lang) })?;
            if as_json {
                return json(&g);
            }
            vec![g]
        }
        PlaybookCmd::Search { query, lang, json: as_json } => {
            let g = desk.playbook_search(cdesk_usecases::PlaybookSearchInput { query, lang: Some(lang) })?;
            if as_json {
                return json(&g);
            }
            g
        }
    };
    for g in guides {
        out(&format!("{} / {} ({} / {})", g.topic_label, g.issue_type_label, g.topic, g.issue_type))?;
        for (i, step) in g.steps.iter().enumerate() {
            out(&format!("  {}. {step}", i + 1))?;
        }
        for fact in &g.facts {
            out(&format!("  - {fact}"))?;
        }
        if !g.places.is_empty() {
            out(&format!("  where: {}", g.places.join("; ")))?;
        }
        if !g.timers.is_empty() {
            out(&format!("  timers: {}", g.timers.iter().map(|t| t.code()).collect::<Vec<_>>().join(", ")))?;
        }
    }
    Ok(())
}
