//! `cdesk deadline-policy ...`: the business days each complaint clock allows, shown and changed.

use clap::{Args, Subcommand};
use cdesk_usecases::{Desk, SetDeadlinePolicyInput, SetFourEyesInput};

use crate::output::{json, out, Failure};

#[derive(Args)]
pub(crate) struct PolicyArgs {
    #[command(subcommand)]
    cmd: Option<PolicyCmd>,
    /// Print the policy as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum PolicyCmd {
    /// Set one clock of the policy; open complaints' deadlines are recomputed (and each says what moved).
    Set {
        #[arg(long, value_name = "operational|executive")]
        kind: String,
        #[arg(long, value_name = "acknowledge|resolve|notify_stripe")]
        clock: String,
        #[arg(long, value_name = "N")]
        business_days: u32,
        /// Print the policy and the recomputed complaints as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn days(d: Option<u32>) -> String {
    d.map_or_else(|| "does not run".to_owned(), |n| format!("{n} business days"))
}

fn show(policy: &cdesk_domain::DeadlinePolicy) -> Result<(), Failure> {
    out(&format!("{} (dates in {})", policy.name, policy.timezone))?;
    for (label, c) in [("operational", &policy.operational), ("executive", &policy.executive)] {
        out(&format!(
            "{label:<12} acknowledge: {}; notify Stripe: {}; resolve: {}",
            days(c.acknowledge),
            days(c.notify_stripe),
            days(c.resolve)
        ))?;
    }
    out(&format!("entries recorded more than {} business days after they happened are marked late", policy.late_entry_business_days))
}

/// Shows the policy (the shipped one when there is no database yet) or sets one clock.
pub(crate) fn run(db: &Option<std::path::PathBuf>, args: PolicyArgs) -> Result<(), Failure> {
    match args.cmd {
        None if args.json => json(&crate::open_for_calendar(db)?.deadline_policy()?),
        None => show(&crate::open_for_calendar(db)?.deadline_policy()?),
        Some(PolicyCmd::Set { kind, clock, business_days, json: as_json }) => {
            let mut desk: Desk = crate::open(db)?;
            let r = desk.set_deadline_policy(SetDeadlinePolicyInput { kind, clock, business_days })?;
            if as_json {
                return json(&serde_json::json!({ "policy": r.settings.policy, "recomputed": r.recomputed }));
            }
            show(&r.settings.policy)?;
            out(&format!("{} open complaints' deadlines moved", r.recomputed.len()))
        }
    }
}

#[derive(Args)]
pub(crate) struct FourEyesArgs {
    /// on or off; shows the setting when left out.
    #[arg(value_parser = ["on", "off"])]
    state: Option<String>,
    #[arg(long)]
    json: bool,
}

/// Shows or changes the four-eyes setting.
pub(crate) fn four_eyes(mut desk: Desk, args: FourEyesArgs) -> Result<(), Failure> {
    let settings = match args.state.as_deref() {
        Some(state) => desk.set_four_eyes(SetFourEyesInput { on: state == "on" })?,
        None => desk.settings()?,
    };
    if args.json {
        return json(&serde_json::json!({ "four_eyes": settings.four_eyes }));
    }
    out(if settings.four_eyes {
        "four eyes: on (closures, limit decreases and executive-to-operational reclassifications wait for a second officer)"
    } else {
        "four eyes: off (decisions take effect when recorded)"
    })
}
