//! Program settings: the time zone and the closure days. Changing either recomputes the
//! deadlines of open complaints, and each complaint's history says what moved.

use cdesk_domain::complaint::parse_timezone;
use cdesk_domain::{ClosureDay, DeadlineChange, DeadlinePolicy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::parse_date;
use crate::complaints::recompute_open;
use crate::{instant_text, load_rules, record, Desk, ErrorBody, Result, SETTING_TIMEZONE};

const ENTITY: &str = "settings";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SettingsView {
    /// The program's name as the monthly report for Stripe shows it.
    pub program_name: String,
    pub timezone: String,
    pub closures: Vec<ClosureDay>,
    pub policy: DeadlinePolicy,
    pub calendar_name: String,
    pub actor: String,
    pub database_path: String,
    /// Four eyes: a credit-line closure or limit decrease, and an executive complaint's
    /// reclassification as operational, take effect only once a second officer approves them.
    pub four_eyes: bool,
}

/// Turns four eyes on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetFourEyesInput {
    pub on: bool,
}

pub(crate) const SETTING_FOUR_EYES: &str = "four_eyes";

/// The stored text of the four-eyes setting.
pub(crate) fn four_eyes_text(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

/// Whether the program asks for four eyes (off unless turned on).
pub(crate) fn four_eyes_on(tx: &cdesk_store::Tx<'_>) -> Result<bool> {
    let team = matches!(tx, cdesk_store::Tx::Pg(_));
    Ok(cdesk_domain::team::four_eyes_apply(team, tx.setting(SETTING_FOUR_EYES)?.as_deref() == Some("on")))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetTimezoneInput {
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetProgramNameInput {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct AddClosureInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RemoveClosureInput {
    pub date: String,
}

/// One clock of the deadline policy set to a number of business days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct SetDeadlinePolicyInput {
    /// `operational` or `executive`.
    pub kind: String,
    /// `acknowledge`, `resolve` or `notify_stripe`.
    pub clock: String,
    pub business_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RecomputedComplaint {
    pub complaint_id: String,
    pub changes: Vec<DeadlineChange>,
}

/// A settings change and the open complaints whose deadlines it moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../../ui/src/lib/bindings/")]
pub struct RecomputeOutput {
    pub recomputed: Vec<RecomputedComplaint>,
    pub settings: SettingsView,
}

impl Desk {
    /// The settings in force.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn settings(&mut self) -> Result<SettingsView> {
        let (actor, path) = (self.actor.clone(), self.database_path());
        self.store.read(|tx| {
            let rules = load_rules(tx)?;
            Ok(SettingsView {
                program_name: crate::reports::program_name(tx)?,
                timezone: rules.timezone.name().to_owned(),
                closures: tx
                    .closures()?
                    .into_iter()
                    .map(|(d, name)| Ok(ClosureDay { date: parse_date(&d, "date")?, name }))
                    .collect::<Result<_>>()?,
                calendar_name: rules.calendar.name().to_owned(),
                policy: rules.policy,
                actor,
                database_path: path,
                four_eyes: four_eyes_on(tx)?,
            })
        })
    }

    /// Names the program as the monthly report for Stripe shows it. Deadlines do not depend on
    /// it, so nothing is recomputed.
    ///
    /// # Errors
    /// `InvalidInput` naming `name` when empty or longer than 120 characters; nothing is written.
    pub fn set_program_name(&mut self, input: SetProgramNameInput) -> Result<SettingsView> {
        let name = input.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(ErrorBody::invalid("name", "give the program a name of 1 to 120 characters, as Stripe knows it"));
        }
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            let from = crate::reports::program_name(tx)?;
            tx.set_setting(crate::reports::SETTING_PROGRAM, &name)?;
            let payload = serde_json::json!({ "from": from, "to": name });
            record(tx, &recorded_at, &actor, ENTITY, "program_name_changed", "program_name_changed", &payload)?;
            Ok::<_, ErrorBody>(())
        })?;
        self.settings()
    }

    /// Turns four eyes on or off. Decisions and requests already recorded keep the rule they
    /// were recorded under: one awaiting approval still needs it after four eyes are turned off.
    ///
    /// # Errors
    /// `Rule` `four_eyes_always_on_a_team` when a team database is asked to turn it off.
    pub fn set_four_eyes(&mut self, input: SetFourEyesInput) -> Result<SettingsView> {
        cdesk_domain::team::check_four_eyes_setting(self.store.team().is_some(), input.on)?;
        let (recorded_at, actor) = (instant_text(self.now()), self.actor.clone());
        self.store.write(|tx| {
            let from = four_eyes_on(tx)?;
            if from == input.on {
                // Already so: nothing changes, so nothing is recorded.
                return Ok(());
            }
            tx.set_setting(SETTING_FOUR_EYES, four_eyes_text(input.on))?;
            let payload = serde_json::json!({ "from": from, "to": input.on });
            record(tx, &recorded_at, &actor, ENTITY, "four_eyes", "four_eyes_changed", &payload)?;
            Ok::<_, ErrorBody>(())
        })?;
        self.settings()
    }

    /// Sets the program's time zone and recomputes open complaints' deadlines.
    ///
    /// # Errors
    /// `InvalidInput` naming `timezone` for an unknown zone; nothing is written.
    pub fn set_timezone(&mut self, input: SetTimezoneInput) -> Result<RecomputeOutput> {
        let tz = parse_timezone(&input.timezone, "timezone")?;
        self.change_settings(|tx, before| {
            let from = before.timezone.name().to_owned();
            tx.set_setting(SETTING_TIMEZONE, tz.name())?;
            Ok((
                "timezone_changed",
                serde_json::json!({ "from": from, "to": tz.name() }),
                format!("time zone changed from {from} to {}", tz.name()),
            ))
        })
    }

    /// The deadline policy in force: business days per clock and kind.
    ///
    /// # Errors
    /// `Storage` only.
    pub fn deadline_policy(&mut self) -> Result<DeadlinePolicy> {
        self.store.read(|tx| Ok(load_rules(tx)?.policy))
    }

    /// Sets one clock of the deadline policy and recomputes open complaints' deadlines (each
    /// complaint's history says what moved); the change is recorded with the whole policy.
    ///
    /// # Errors
    /// `InvalidInput` naming `kind`, `clock` (one the kind does not run) or `business_days`;
    /// nothing is written.
    pub fn set_deadline_policy(&mut self, input: SetDeadlinePolicyInput) -> Result<RecomputeOutput> {
        let kind = input.kind.trim().parse::<cdesk_domain::ComplaintKind>()?;
        let clock = input.clock.trim().parse::<cdesk_domain::Clock>()?;
        self.change_settings(|tx, before| {
            let from = before.policy.days(kind, clock);
            let policy = before.policy.with_days(kind, clock, input.business_days)?;
            let text = policy.to_toml()?;
            tx.set_setting(crate::SETTING_POLICY, &text)?;
            Ok((
                "deadline_policy_changed",
                serde_json::json!({ "kind": kind.code(), "clock": clock.code(), "from": from, "to": input.business_days, "policy": text }),
                format!(
                    "deadline policy changed: {} complaints' {} clock from {} to {} business days",
                    kind.code(),
                    clock.code(),
                    from.map_or_else(|| "none".to_owned(), |d| d.to_string()),
                    input.business_days
                ),
            ))
        })
    }

    /// Adds (or renames) a closure day and recomputes open complaints' deadlines.
    ///
    /// # Errors
    /// `InvalidInput` naming `date` or `name`; nothing is written.
    pub fn add_closure(&mut self, input: AddClosureInput) -> Result<RecomputeOutput> {
        let date = parse_date(&input.date, "date")?;
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            return Err(ErrorBody::invalid("name", "give the closure a name, e.g. \"Office closed: move\""));
        }
        self.change_settings(|tx, _| {
            tx.put_closure(&date.to_string(), &name)?;
            Ok((
                "closure_added",
                serde_json::json!({ "date": date.to_string(), "name": name }),
                format!("closure added on {date} ({name})"),
            ))
        })
    }

    /// Removes a closure day and recomputes open complaints' deadlines.
    ///
    /// # Errors
    /// `InvalidInput` naming `date`, or `NotFound` when there is no closure that day.
    pub fn remove_closure(&mut self, input: RemoveClosureInput) -> Result<RecomputeOutput> {
        let date = parse_date(&input.date, "date")?;
        self.change_settings(|tx, _| {
            if !tx.delete_closure(&date.to_string())? {
                return Err(ErrorBody::not_found(format!("there is no closure day on {date}")));
            }
            Ok(("closure_removed", serde_json::json!({ "date": date.to_string() }), format!("closure removed on {date}")))
        })
    }

    /// Applies a settings change, records it, and recomputes deadlines, in one transaction.
    fn change_settings(
        &mut self,
        change: impl FnOnce(
            &cdesk_store::Tx<'_>,
            &cdesk_domain::complaint::DeadlineRules,
        ) -> Result<(&'static str, serde_json::Value, String)>,
    ) -> Result<RecomputeOutput> {
        let recorded_at = instant_text(self.now());
        let actor = self.actor.clone();
        let recomputed = self.store.write(|tx| {
            let before = load_rules(tx)?;
            let (action, payload, reason) = change(tx, &before)?;
            record(tx, &recorded_at, &actor, ENTITY, action, action, &payload)?;
            let after = load_rules(tx)?;
            recompute_open(tx, &after, &reason, &recorded_at, &actor)
        })?;
        Ok(RecomputeOutput {
            recomputed: recomputed
                .into_iter()
                .map(|(complaint_id, changes)| RecomputedComplaint { complaint_id, changes })
                .collect(),
            settings: self.settings()?,
        })
    }
}
