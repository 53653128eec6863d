//! Desktop notifications about complaint deadlines: a summary at the start of each business day
//! and a warning hours before an executive complaint's Stripe notification is due. The domain
//! decides when (`cdesk_domain::reminders`); each notification is recorded once in the audit
//! history, so a restarted app does not send it again.

use cdesk_domain::complaint::local_date;
use cdesk_domain::reminders::ReminderRules;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result};

const ENTITY: &str = "reminder";

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct DeadlineReminder {
    /// `summary` or `stripe_notice`.
    pub kind: String,
    pub complaint_id: Option<String>,
    pub title: String,
    pub body: String,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Desk {
    /// The deadline notifications due now, each recorded in the audit history as it is handed
    /// out (and so never handed out twice).
    ///
    /// # Errors
    /// `Storage` only.
    pub fn take_deadline_reminders(&mut self) -> Result<Vec<DeadlineReminder>> {
        let now = self.now();
        let (recorded_at, actor) = (instant_text(now), self.actor.clone());
        let reminders = ReminderRules::shipped();
        let officer = self.store.team().map(|t| t.user().to_owned());
        let key_of = |subject: String| cdesk_domain::reminders::reminder_key(&subject, officer.as_deref());
        self.store.write(|tx| {
            let rules = load_rules(tx)?;
            let mut out = Vec::new();
            if let Some(day) = reminders.summary_day(&rules, now) {
                let key = key_of(format!("summary-{day}"));
                if tx.audit_events_of(ENTITY, &key)?.is_empty() {
                    let soon = rules.calendar.add_business_days(day, crate::complaints::DUE_SOON_BUSINESS_DAYS);
                    let t = tx.register_tally(&day.to_string(), &soon.to_string(), &crate::complaints::days_between(day, soon), None)?;
                    if t.overdue + t.due_today > 0 {
                        let payload = serde_json::json!({ "day": day.to_string(), "overdue": t.overdue, "due_today": t.due_today });
                        record(tx, &recorded_at, &actor, ENTITY, &key, "deadline_summary_sent", &payload)?;
                        out.push(DeadlineReminder {
                            kind: "summary".into(),
                            complaint_id: None,
                            title: "Complaint deadlines today".into(),
                            body: format!(
                                "{} overdue, {} due today.",
                                plural(t.overdue, "complaint", "complaints"),
                                t.due_today
                            ),
                        });
                    }
                }
            }
            let horizon = local_date(now, rules.timezone).succ_opt().unwrap_or(local_date(now, rules.timezone));
            for (id, due) in tx.pending_stripe_notices(&horizon.to_string())? {
                let due: NaiveDate = due.parse().map_err(|_| ErrorBody::internal(format!("stored due date {due:?} is not a date")))?;
                let Some(due_at) = reminders.stripe_notice_due_soon(&rules, due, now) else { continue };
                let key = key_of(format!("stripe-notice-{id}"));
                if !tx.audit_events_of(ENTITY, &key)?.is_empty() {
                    continue;
                }
                let payload = serde_json::json!({ "complaint_id": id, "due_at": instant_text(due_at) });
                record(tx, &recorded_at, &actor, ENTITY, &key, "stripe_notice_reminder_sent", &payload)?;
                let local = due_at.with_timezone(&rules.timezone);
                out.push(DeadlineReminder {
                    kind: "stripe_notice".into(),
                    complaint_id: Some(id.clone()),
                    title: format!("Notify Stripe about {id}"),
                    body: format!(
                        "The executive complaint {id} must be sent to Stripe by {} ({}).",
                        local.format("%H:%M %Z on %a %-d %b"),
                        rules.timezone.name()
                    ),
                });
            }
            Ok(out)
        })
    }
}
