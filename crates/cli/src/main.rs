//! `cdesk`: Compliance Desk on the command line. Parses arguments, calls the use cases the
//! desktop app calls, prints results. Exit 0 done, 2 refused (nothing written), 1 anything else.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use cdesk_domain::account::PeriodInterval;
use cdesk_domain::credit_program::ApprovedPeriod;
use cdesk_domain::timers::TimerState;
use cdesk_usecases::{
    AccountObjectInput, AccountView, SetProgramNameInput, ApplicationInput, CloseCreditLineInput, CreditCaseView, CreditNoticeInput, CreditStep, CreditStepInput,
    DecreaseLimitInput, PeriodApprovalInput, ReactivateInput, SchedulePeriodInput, SetCreditProgramInput, SetLimitInput,
    AddAccountInput, SetBalanceInput, default_actor, default_database_path, ComplaintDetail, ComplaintRow, ComplaintStep, Desk, ErrorBody,
    ExportReportInput, ListComplaintsInput, LogComplaintInput, MoneyInput, NotAComplaintInput, RecordStepInput, SetBusinessTypeInput, VoidCaseEntryInput, VoidEntryInput, ReportFormat, ReportInput,
    SubmitReportInput, TrackInput,
};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cdesk", version, about = "Compliance Desk: complaint register, deadlines and audit history")]
struct Cli {
    /// Database file (default: the desktop app's database in your data folder).
    #[arg(long, global = true, env = "CDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty Compliance Desk database (at --db, or the default location); an
    /// existing file is never touched.
    Init,
    /// Business-day calendar questions (US Federal Reserve holidays plus your closure days).
    #[command(subcommand)]
    Calendar(CalendarCmd),
    /// Log and work complaints.
    #[command(subcommand)]
    Complaint(Box<ComplaintCmd>),
    /// Import complaints from a CSV file: every row or none.
    Import { file: PathBuf },
    /// Check the audit history.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// The monthly complaint report for Stripe.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Connected accounts and their credit policy.
    #[command(subcommand)]
    Account(AccountCmd),
    /// Credit terms and adverse actions: closing a line, lowering a limit, the notice, term changes.
    #[command(subcommand)]
    Credit(Box<CreditCmd>),
    /// The Connect reserve: balances of connected accounts, bank debits, the platform's balance.
    #[command(subcommand)]
    Reserve(ReserveCmd),
    /// The support playbook: the resolution path for a topic and issue type.
    #[command(subcommand)]
    Playbook(PlaybookCmd),
    /// Make a consistent, verified copy of the database (safe while the app runs).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a verified backup in place of the database, keeping the current file aside
    /// (refused while the app has the database open).
    Restore { file: PathBuf },
    /// The backups in the backups folder (daily, manual, before an upgrade), newest first, with
    /// what the retention keeps each as.
    Backups {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReserveCmd {
    /// Record a connected account's available balance as read at an instant (signed minor units).
    Balance {
        account: String,
        #[arg(long)]
        currency: String,
        #[arg(long, allow_hyphen_values = true)]
        available: i64,
        #[arg(long)]
        at: String,
    },
    /// Import available-balance readings from CSV (columns: account, at, currency, available): every row or none.
    Import { file: PathBuf },
    /// Record a completed debit of an account's bank (held in the reserve 3 more business days).
    BankDebit {
        account: String,
        #[arg(long)]
        currency: String,
        #[arg(long)]
        amount: i64,
        #[arg(long)]
        completed_at: String,
    },
    /// Record the platform's own available balance as read at an instant.
    PlatformBalance {
        #[arg(long)]
        currency: String,
        #[arg(long, allow_hyphen_values = true)]
        available: i64,
        #[arg(long)]
        at: String,
    },
    /// Record that an account was rejected for fraud (Stripe's account rejection, reason fraud;
    /// payouts disabled). Prints the request.
    RejectForFraud {
        account: String,
        #[arg(long)]
        at: String,
    },
    /// Turn an account's debit_negative_balances on (where its country allows bank debits) or off.
    DebitNegativeBalances {
        account: String,
        #[arg(value_name = "true|false")]
        on: bool,
    },
    /// The reserve as of an instant (now by default).
    Status {
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import a Stripe balance-transactions export and reconcile its reserve_transaction entries.
    ImportTransactions {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The reserve changes computed from the readings against the imported reserve_transaction entries.
    Reconcile {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PlaybookCmd {
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

#[derive(Args)]
struct DecisionArgs {
    /// When the underwriting decision was made (RFC 3339).
    #[arg(long)]
    decided_at: String,
    /// A reason code from the bank-approved list; repeat for up to 4, most important first.
    #[arg(long = "reason", value_name = "CODE")]
    reasons: Vec<String>,
    /// Required when a reason is `other`.
    #[arg(long)]
    other_explanation: Option<String>,
    /// An underwriting exception: why the usual criteria were not followed.
    #[arg(long)]
    exception_explanation: Option<String>,
    /// The decision type the usual criteria would have given.
    #[arg(long)]
    exception_original_decision_type: Option<String>,
    #[arg(long)]
    json: bool,
}

impl DecisionArgs {
    fn into_input(self, account: String) -> CloseCreditLineInput {
        CloseCreditLineInput {
            account,
            decided_at: self.decided_at,
            reasons: self.reasons,
            other_explanation: self.other_explanation,
            exception_explanation: self.exception_explanation,
            exception_original_decision_type: self.exception_original_decision_type,
        }
    }
}

#[derive(Subcommand)]
enum CreditCmd {
    /// Close an account's credit line: record the underwriting decision (credit_line_closed).
    Close {
        account: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Lower an account's limit: record the underwriting decision (credit_limit_decreased).
    Decrease {
        account: String,
        /// The new limit in minor units.
        #[arg(long)]
        amount: i64,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Write a case's adverse-action notice.
    Notice {
        case: String,
        #[arg(long, value_name = "pdf|text")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// en, de or ja (default: the credit program's notice language).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Record that the adverse-action notice was sent.
    NoticeSent {
        case: String,
        #[arg(long)]
        at: String,
        #[arg(long, value_name = "email|mail")]
        channel: String,
        /// The language of the notice sent (en, de, ja); the program's notice language by default.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Void an entry of a case recorded in error (it stays in the history, struck through).
    Void {
        case: String,
        /// The entry's number in the case's history.
        #[arg(long)]
        seq: i64,
        #[arg(long)]
        reason: String,
    },
    /// Set the credit policy inactive (refused while the Issuing balance is negative).
    Deactivate {
        case: String,
        #[arg(long)]
        at: String,
    },
    /// Revoke the card_issuing_charge_card capability.
    RevokeCapability {
        case: String,
        #[arg(long)]
        at: String,
        #[arg(long, value_name = "criteria_not_met|terms_violated")]
        reason: String,
    },
    /// Set the decreased limit of a limit-decrease case.
    ApplyLimit {
        case: String,
        #[arg(long)]
        at: String,
    },
    /// Record the id of the Stripe object a step produced.
    StripeObject {
        case: String,
        /// decision, deactivated, capability_revoked or limit_applied.
        #[arg(long)]
        step: String,
        #[arg(long)]
        id: String,
    },
    /// Set a closed line active again: always refused; a new approved application reopens it.
    Reactivate {
        account: String,
        #[arg(long)]
        at: String,
    },
    /// Record an approved credit application (a limit increase, or a new line that reopens a closed one).
    Application {
        account: String,
        #[arg(long)]
        decided_at: String,
        #[arg(long, value_name = "credit_limit_increase|credit_line_opening")]
        purpose: String,
        /// The approved limit in minor units.
        #[arg(long)]
        amount: i64,
    },
    /// Set the credit limit to exactly the amount an underwriting record approved.
    SetLimit {
        account: String,
        #[arg(long)]
        amount: i64,
        #[arg(long)]
        at: String,
    },
    /// Record Stripe's written approval of a credit period change.
    PeriodApproval {
        account: String,
        #[arg(long)]
        approved_at: String,
        #[arg(long)]
        reference: String,
    },
    /// Schedule a credit period change at 00:00 UTC.
    SchedulePeriod {
        account: String,
        #[arg(long, value_name = "day|month")]
        period: String,
        #[arg(long)]
        period_count: u32,
        #[arg(long)]
        effective_at: String,
        /// When a change-in-terms notice went to the account holder.
        #[arg(long)]
        change_notice_at: Option<String>,
        /// A new days_until_due taking effect with the period (e.g. 0).
        #[arg(long)]
        days_until_due: Option<u32>,
    },
    /// Show a case: steps and their state, notice deadline, wind-down end, Stripe requests.
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// List credit cases, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show or change the credit program (creditor, ECOA agency, approved reasons, notice period).
    Program(ProgramArgs),
}

#[derive(Args)]
struct ProgramArgs {
    #[arg(long)]
    creditor_name: Option<String>,
    #[arg(long)]
    creditor_address: Option<String>,
    #[arg(long)]
    creditor_phone: Option<String>,
    #[arg(long)]
    creditor_email: Option<String>,
    #[arg(long)]
    agency_name: Option<String>,
    #[arg(long)]
    agency_address: Option<String>,
    /// Comma-separated reason codes the bank approved.
    #[arg(long)]
    approved_reasons: Option<String>,
    #[arg(long)]
    notice_days: Option<i64>,
    /// en, de or ja.
    #[arg(long)]
    notice_language: Option<String>,
    /// The bank-approved credit periods, comma-separated, e.g. "1 month,14 days" ("" for any).
    #[arg(long)]
    approved_periods: Option<String>,
    #[arg(long)]
    json: bool,
}

/// Reads "1 month,14 days" into periods.
fn parse_periods(text: &str) -> Result<Vec<ApprovedPeriod>, Failure> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let bad = || Failure::Refused(format!("approved_periods: {p:?} is not a period like \"1 month\" or \"14 days\""));
            let (n, unit) = p.split_once(' ').ok_or_else(bad)?;
            let count = n.trim().parse::<u32>().map_err(|_| bad())?;
            let interval = match unit.trim() {
                "day" | "days" => PeriodInterval::Day,
                "month" | "months" => PeriodInterval::Month,
                _ => return Err(bad()),
            };
            Ok(ApprovedPeriod { interval, count })
        })
        .collect()
}

#[derive(Subcommand)]
enum AccountCmd {
    /// Record a connected account (amounts in minor units).
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long, allow_hyphen_values = true)]
        limit: i64,
        #[arg(long)]
        currency: String,
        #[arg(long, value_name = "day|month")]
        period: String,
        #[arg(long)]
        period_count: u32,
        #[arg(long)]
        days_until_due: u32,
        #[arg(long, allow_hyphen_values = true)]
        balance: i64,
        #[arg(long)]
        address: Option<String>,
        /// company (the default) or individual: how the notice addresses the holder.
        #[arg(long)]
        business_type: Option<String>,
        /// Who carries the account's losses (Stripe's controller.losses.payments): platform
        /// (the default) or stripe. Only the platform's are in its Connect reserve.
        #[arg(long, value_name = "platform|stripe")]
        losses: Option<String>,
        /// The account's country (ISO 3166-1 alpha-2): where bank debits are possible.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// Whether Stripe debits the account's bank for a negative balance.
        #[arg(long, value_name = "true|false")]
        debit_negative_balances: Option<bool>,
    },
    /// Record whether the holder is a business or a person (how notices address them).
    SetBusinessType {
        account: String,
        #[arg(value_name = "company|individual")]
        business_type: String,
    },
    /// Record the account's Issuing balance as read at an instant (minor units, may be negative).
    SetBalance {
        account: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: i64,
        #[arg(long)]
        at: String,
    },
    /// Import accounts from CSV (columns: id,name,email,address,limit,currency,period,period_count,days_until_due,balance[,business_type]): every row or none.
    Import { file: PathBuf },
    /// Record the Stripe object id returned for one of the account's requests.
    StripeObject {
        account: String,
        /// The request's Idempotency-Key (see `account show --json`, `requests`).
        #[arg(long)]
        key: String,
        #[arg(long)]
        id: String,
    },
    /// List accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show an account with its history.
    Show {
        account: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReportCmd {
    /// Write a month's report to a file.
    Monthly {
        /// The month, YYYY-MM, in the program's time zone.
        #[arg(long)]
        month: String,
        #[arg(long, value_name = "csv|xlsx|pdf")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Mark a month as submitted to Stripe, keeping the exact files sent.
    Submit {
        #[arg(long)]
        month: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show the program's name on reports, or set it.
    ProgramName { name: Option<String> },
    /// Whether a month was submitted, and what changed since.
    Status {
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum CalendarCmd {
    /// The N-th business day strictly after DATE.
    AddBusinessDays { date: String, n: u32 },
    /// Whether DATE is a business day.
    IsBusinessDay { date: String },
    /// Every closed weekday of YEAR, one "YYYY-MM-DD name" per line.
    Holidays { year: i32 },
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Walk the hash chain, check it against the anchor journal (and a checkpoint, when given),
    /// rebuild every read model from the history and compare it with the file, re-hash the
    /// submitted files: exit 0 when all agree, 1 naming the first difference.
    Verify {
        /// A signed checkpoint made by `cdesk audit checkpoint` that the file must still hold.
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Write a signed checkpoint of the history's head (seq, hash, count, time) for a third
    /// party to keep.
    Checkpoint {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Rebuild the read models that differ from the history, from the history (recorded as one
    /// audit event). Exit 0 when everything is mended, 1 when something only a backup has is
    /// missing or changed.
    Repair,
}

#[derive(Args)]
struct AtArg {
    /// When it happened (RFC 3339, e.g. 2026-11-20T14:30:00-05:00).
    #[arg(long)]
    at: String,
}

#[derive(Subcommand)]
enum ComplaintCmd {
    /// Log a new complaint.
    Add(AddArgs),
    /// Show one complaint.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List complaints in the register's order (next deadline first), streamed.
    List {
        #[arg(long, default_value = "open", value_parser = ["open", "overdue", "due_today", "due_soon", "on_hold", "resolved", "all"])]
        status: String,
        /// The same as --format json.
        #[arg(long)]
        json: bool,
        /// json (one array), jsonl (one object per line) or table (the default).
        #[arg(long, value_parser = ["json", "jsonl", "table"])]
        format: Option<String>,
        /// At most this many rows; the cursor to continue from goes to stderr.
        #[arg(long)]
        limit: Option<u64>,
        /// Continue after the row this cursor names (each JSON row has its `cursor`).
        #[arg(long)]
        after: Option<String>,
    },
    /// Record that the complaint was acknowledged to the customer.
    Acknowledge {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record that Stripe was notified.
    NotifyStripe {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long)]
        how: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record that Stripe completed its review (lifts the contact hold).
    StripeReviewed {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record contact with the customer (refused while the contact hold is on).
    Contact {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: String,
        #[arg(long)]
        how: Option<String>,
    },
    /// Change the kind (and grounds) of a complaint.
    Reclassify {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        grounds: Option<String>,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reason: String,
    },
    /// Resolve a complaint.
    Resolve {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        summary: String,
        /// upheld, partially_upheld, not_upheld or withdrawn.
        #[arg(long)]
        outcome: Option<String>,
        /// Amount in minor units (cents) and currency, e.g. --compensation 2500 USD.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "CURRENCY"])]
        compensation: Option<Vec<String>>,
    },
    /// Reopen a resolved complaint.
    Reopen {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        reason: String,
    },
    /// Add a note to a complaint's history.
    Note {
        id: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long)]
        note: String,
    },
    /// Void an entry recorded in error (it stays in the history, struck through).
    Void {
        id: String,
        /// The entry's number in the history (`#N` in `complaint show`).
        #[arg(long)]
        seq: i64,
        #[arg(long)]
        reason: String,
    },
    /// Track a support fact that starts a playbook timer: card_shipped (--shipping),
    /// authorization_created (--merchant-category) or ach_debit_received.
    Track {
        id: String,
        #[arg(long, value_name = "card_shipped|authorization_created|ach_debit_received")]
        event: String,
        #[command(flatten)]
        at: AtArg,
        #[arg(long, value_name = "standard|express|priority")]
        shipping: Option<String>,
        #[arg(long, value_name = "hotel|airline|car_rental|other")]
        merchant_category: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark an entry as not a complaint (the platform's own employee): no clocks, counts or report.
    NotAComplaint {
        id: String,
        #[arg(long)]
        reason: String,
        /// When it was decided (RFC 3339); now when left out.
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Args)]
struct AddArgs {
    /// When it was received (RFC 3339 with offset).
    #[arg(long)]
    received: String,
    #[arg(long, value_name = "operational|executive")]
    kind: String,
    /// phone, email, letter, in_person, social_media, web_form or regulator.
    #[arg(long)]
    channel: String,
    #[arg(long)]
    summary: String,
    /// Comma-separated: regulator, litigation, udap, discrimination, consumer_harm, legal.
    #[arg(long)]
    grounds: Option<String>,
    #[arg(long, value_name = "issuing|treasury")]
    product: Option<String>,
    #[arg(long)]
    topic: Option<String>,
    #[arg(long)]
    issue_type: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    complainant_name: Option<String>,
    #[arg(long)]
    complainant_email: Option<String>,
    /// Connected account, acct_...
    #[arg(long)]
    account: Option<String>,
    /// Cardholder, ich_...
    #[arg(long)]
    cardholder: Option<String>,
    #[arg(long)]
    json: bool,
}

/// Why the command failed: a refusal (exit 2) or anything else (exit 1).
enum Failure {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Refused(msg)) => {
            eprintln!("refused: {}", printable(&msg).replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::Failed(msg)) => {
            eprintln!("error: {}", printable(&msg).replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

/// For a command that records something: a missing file becomes a new database there (as it
/// always has for scripts that start with their first record); an empty or foreign file is
/// refused.
fn open(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    let path = db.clone().unwrap_or_else(default_database_path);
    Ok(Desk::open(&path, default_actor())?.with_now_from_env()?)
}

/// For a command that only reads or checks: a missing file is refused, never left behind as a
/// new empty database (a mistyped path must not "verify").
fn open_existing(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    let path = db.clone().unwrap_or_else(default_database_path);
    Ok(Desk::open_existing(&path, default_actor())?.with_now_from_env()?)
}

/// Calendar questions need no database of their own: without one, the shipped calendar answers.
fn open_for_calendar(db: &Option<PathBuf>) -> Result<Desk, Failure> {
    let path = db.clone().unwrap_or_else(default_database_path);
    if path.exists() {
        open(db)
    } else {
        Ok(Desk::open_in_memory(default_actor())?)
    }
}

fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", printable(text)).map_err(|e| Failure::Failed(format!("cannot write output: {e}")))
}

/// `text` safe for a terminal: control characters (escape sequences a complainant might have
/// typed, carriage returns) are shown as `\u{..}` instead of acting on the terminal; line
/// breaks and tabs stay.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if c.is_control() && c != '\n' && c != '\t' { c.escape_unicode().to_string() } else { c.to_string() })
            .collect(),
    )
}

fn json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::Failed(e.to_string()))?;
    out(&text)
}

fn date(text: &str) -> Result<chrono::NaiveDate, Failure> {
    Ok(cdesk_usecases::parse_date(text, "DATE")?)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Init => {
            let path = cli.db.clone().unwrap_or_else(default_database_path);
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
                return Err(Failure::Refused(format!(
                    "{} already exists (rule: database_exists); `cdesk init` never touches an existing file: give another --db",
                    path.display()
                )));
            }
            let desk = Desk::create(&path, default_actor())?;
            out(&format!("created a new Compliance Desk database at {}", desk.database_path()))?;
        }
        Command::Calendar(cmd) => {
            let mut desk = open_for_calendar(&cli.db)?;
            match cmd {
                CalendarCmd::AddBusinessDays { date: d, n } => out(&desk.add_business_days(date(&d)?, n)?.to_string())?,
                CalendarCmd::IsBusinessDay { date: d } => out(&desk.is_business_day(date(&d)?)?.to_string())?,
                CalendarCmd::Holidays { year } => {
                    for day in desk.closed_weekdays(year)? {
                        out(&format!("{} {}", day.date, day.name))?;
                    }
                }
            }
        }
        Command::Complaint(cmd) => complaint(open(&cli.db)?, *cmd)?,
        Command::Import { file } => {
            let r = open(&cli.db)?.import_csv_file(&file)?;
            match (r.first_id, r.last_id) {
                (Some(a), Some(b)) => out(&format!("imported {} complaints ({a} to {b})", r.imported))?,
                _ => out("imported 0 complaints: the file has no rows")?,
            }
        }
        Command::Report(cmd) => report(open(&cli.db)?, cmd)?,
        Command::Account(cmd) => account(open(&cli.db)?, cmd)?,
        Command::Credit(cmd) => credit(open(&cli.db)?, *cmd)?,
        Command::Reserve(cmd) => reserve(open(&cli.db)?, cmd)?,
        Command::Playbook(cmd) => playbook(Desk::open_in_memory(default_actor())?, cmd)?,
        Command::Backup { out: target } => {
            let b = open_existing(&cli.db)?.backup(&target)?;
            out(&format!("backup written to {}: {} events verified, {} bytes, SHA-256 {}", b.path, b.events, b.bytes, b.sha256))?;
        }
        Command::Backups { json: as_json } => {
            let list = open_existing(&cli.db)?.list_backups()?;
            if as_json {
                json(&list)?;
            } else {
                out(&format!("backups in {} (the last {} daily ones and one a month for {} months are kept)", list.folder, list.keep_daily, list.keep_monthly))?;
                for b in &list.backups {
                    out(&format!("{}  {:<16} {:>10} bytes  {}", b.made_at, b.kept_as, b.bytes, b.name))?;
                }
            }
        }
        Command::Restore { file } => {
            let path = cli.db.clone().unwrap_or_else(default_database_path);
            let b = Desk::restore(&path, &file, chrono::Utc::now())?;
            out(&format!("restored {} into {}: {} events verified", file.display(), b.path, b.events))?;
            if let Some(kept) = b.replaced_kept_at {
                out(&format!("the database it replaced is kept at {kept}"))?;
            }
        }
        Command::Audit(AuditCmd::Checkpoint { out: path }) => {
            let mut desk = open_existing(&cli.db)?;
            let c = desk.checkpoint()?;
            let text = serde_json::to_string_pretty(&c).map_err(|e| Failure::Failed(e.to_string()))? + "\n";
            desk.write_export(&path, text.as_bytes())?;
            out(&format!(
                "checkpoint of event {} ({} events) written to {}; signed by key {}",
                c.seq,
                c.count,
                path.display(),
                c.key_fingerprint
            ))?;
        }
        Command::Audit(AuditCmd::Verify { checkpoint }) => {
            let checkpoint = match checkpoint {
                Some(p) => {
                    let text = std::fs::read_to_string(&p)
                        .map_err(|e| Failure::from(ErrorBody::invalid("checkpoint", format!("cannot read {}: {e}", p.display()))))?;
                    let c: cdesk_usecases::Checkpoint = serde_json::from_str(&text).map_err(|_| {
                        Failure::from(ErrorBody::invalid("checkpoint", format!("{} is not a Compliance Desk checkpoint", p.display())))
                    })?;
                    Some(c)
                }
                None => None,
            };
            let report = open_existing(&cli.db)?.verify_audit_against(checkpoint.as_ref())?;
            if report.ok {
                out(&format!("ok: {} events", report.events))?;
            } else if let Some(seq) = report.first_bad_seq {
                eprintln!("{}", printable(&format!("audit chain broken at event {seq}: {}", report.problem.unwrap_or_default())));
                return Ok(ExitCode::from(1));
            } else if let Some(d) = report.difference {
                eprintln!("{}", printable(&format!("the file differs from its audit history: {}", d.describe())));
                eprintln!("run `cdesk audit repair` to rebuild it from the history");
                return Ok(ExitCode::from(1));
            } else {
                eprintln!("{}", printable(&report.problem.unwrap_or_default()));
                return Ok(ExitCode::from(1));
            }
        }
        Command::Audit(AuditCmd::Repair) => {
            let r = open_existing(&cli.db)?.repair_read_models()?;
            for d in &r.repaired {
                out(&format!("repaired {}", d.describe()))?;
            }
            for d in &r.unrepairable {
                eprintln!("{}", printable(&format!("cannot repair from the history: {}", d.describe())));
            }
            if r.repaired.is_empty() && r.unrepairable.is_empty() {
                out("nothing to repair: every read model matches the history")?;
            } else if let Some(seq) = r.audit_seq {
                out(&format!("{} rows rebuilt from the history (recorded as event {seq})", r.repaired.len()))?;
            }
            if !r.unrepairable.is_empty() {
                eprintln!("restore the file from a backup to recover what the history cannot rebuild");
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn money_text(amount: i64, currency: &str) -> String {
    cdesk_domain::Money { amount_minor: amount, currency: currency.to_owned() }.display()
}

/// What a reserve change prints: the reserve after it.
fn reserve_line(r: &cdesk_usecases::ReserveRecorded, what: &str) -> Result<(), Failure> {
    let reserve = if r.status.reserve.is_empty() {
        "nothing".to_owned()
    } else {
        r.status.reserve.iter().map(|c| money_text(c.amount, &c.currency)).collect::<Vec<_>>().join(", ")
    };
    out(&format!("{what} (event {}); the reserve now holds {reserve}", r.seq))
}

fn reconciliation_text(r: &cdesk_domain::reserve::Reconciliation) -> Result<(), Failure> {
    out(&format!("{} reserve_transaction entries compared over {} days", r.reserve_transactions, r.days_compared))?;
    if r.differences.is_empty() {
        return out("the reserve changes computed from the readings match the export");
    }
    for d in &r.differences {
        out(&format!(
            "{} {}: readings say {}, the export has {} (difference {}){}",
            d.date,
            d.currency.to_ascii_uppercase(),
            money_text(d.expected, &d.currency),
            money_text(d.recorded, &d.currency),
            money_text(d.difference, &d.currency),
            if d.transactions.is_empty() { String::new() } else { format!(": {}", d.transactions.join(", ")) }
        ))?;
    }
    Ok(())
}

fn reserve(mut desk: Desk, cmd: ReserveCmd) -> Result<(), Failure> {
    match cmd {
        ReserveCmd::Balance { account, currency, available, at } => {
            let r = desk.record_reserve_balance(cdesk_usecases::ReserveBalanceInput { account: account.clone(), currency: currency.clone(), available, at })?;
            reserve_line(&r, &format!("{account}: available {} recorded", money_text(available, &currency.to_ascii_lowercase())))?
        }
        ReserveCmd::Import { file } => {
            let r = desk.import_reserve_file(&file)?;
            reserve_line(&r, &format!("imported {} readings", r.recorded))?
        }
        ReserveCmd::BankDebit { account, currency, amount, completed_at } => {
            let r = desk.record_bank_debit(cdesk_usecases::BankDebitInput { account: account.clone(), currency: currency.clone(), amount, completed_at })?;
            let hold = r.status.holds.iter().rev().find(|h| h.account == account).map(|h| format!(", held until the end of {}", h.release_on)).unwrap_or_default();
            reserve_line(&r, &format!("{account}: bank debit of {} recorded{hold}", money_text(amount, &currency.to_ascii_lowercase())))?
        }
        ReserveCmd::PlatformBalance { currency, available, at } => {
            let r = desk.record_platform_balance(cdesk_usecases::PlatformBalanceInput { currency: currency.clone(), available, at })?;
            reserve_line(&r, &format!("platform balance {} recorded", money_text(available, &currency.to_ascii_lowercase())))?;
            for s in &r.status.shortfall {
                out(&format!("shortfall: {}", s.explanation))?;
            }
        }
        ReserveCmd::RejectForFraud { account, at } => {
            let r = desk.reject_for_fraud(cdesk_usecases::RejectForFraudInput { account, at })?;
            out(&format!("{}: rejected for fraud; payouts are disabled by the rejection. The request:", r.account.id))?;
            out(&r.curl)?
        }
        ReserveCmd::DebitNegativeBalances { account, on } => {
            let v = desk.set_debit_negative_balances(cdesk_usecases::DebitNegativeBalancesInput { account, on })?;
            out(&format!("{}: debit_negative_balances {}", v.id, if on { "on" } else { "off" }))?
        }
        ReserveCmd::Status { at, json: as_json } => {
            let s = desk.reserve_status(at.as_deref())?;
            if as_json {
                return json(&s);
            }
            out(&format!("Connect reserve at {}", s.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))?;
            if s.reserve.is_empty() {
                out("  nothing held: no account whose losses the platform carries is negative")?;
            }
            for c in &s.reserve {
                out(&format!("  {}", money_text(c.amount, &c.currency)))?;
            }
            for a in &s.accounts {
                out(&format!(
                    "{} {}  {}  negative since {} ({} days); swept on {} ({} days left)",
                    a.account,
                    a.currency.to_ascii_uppercase(),
                    money_text(a.available, &a.currency),
                    a.negative_since.date_naive(),
                    a.days_negative,
                    a.sweep_on,
                    a.days_to_sweep
                ))?;
                for action in &a.actions {
                    out(&format!("    {}: {}", action.action_code(), action.reason))?;
                }
            }
            for r in &s.rejected {
                out(&format!("{} {}  {}  rejected for fraud; in the reserve until zeroed (swept on {})", r.account, r.currency.to_ascii_uppercase(), money_text(r.available, &r.currency), r.sweep_on))?;
            }
            for h in &s.holds {
                out(&format!("hold {} {} from the bank debit of {}, released at the end of {}", h.account, money_text(h.amount, &h.currency), h.completed_at.date_naive(), h.release_on))?;
            }
            for f in &s.shortfall {
                out(&format!("shortfall {}: {}", money_text(f.amount, &f.currency), f.explanation))?;
            }
        }
        ReserveCmd::ImportTransactions { file, json: as_json } => {
            let r = desk.import_balance_transactions_file(&file)?;
            if as_json {
                return json(&r);
            }
            out(&format!("imported {} balance transactions ({} already imported before)", r.imported, r.already_imported))?;
            reconciliation_text(&r.reconciliation)?
        }
        ReserveCmd::Reconcile { json: as_json } => {
            let r = desk.reconcile_reserve()?;
            if as_json {
                return json(&r);
            }
            reconciliation_text(&r)?
        }
    }
    Ok(())
}

fn playbook(desk: Desk, cmd: PlaybookCmd) -> Result<(), Failure> {
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

fn account(mut desk: Desk, cmd: AccountCmd) -> Result<(), Failure> {
    let v = match cmd {
        AccountCmd::Add {
            id,
            name,
            email,
            limit,
            currency,
            period,
            period_count,
            days_until_due,
            balance,
            address,
            business_type,
            losses,
            country,
            debit_negative_balances,
        } => desk.add_account(AddAccountInput {
            id,
            name,
            email,
            address,
            limit,
            currency,
            period,
            period_count,
            days_until_due,
            balance,
            business_type,
            losses,
            country,
            debit_negative_balances,
        })?,
        AccountCmd::SetBalance { account, amount, at } => desk.set_balance(SetBalanceInput { account, amount, at })?,
        AccountCmd::SetBusinessType { account, business_type } => desk.set_business_type(SetBusinessTypeInput { account, business_type })?,
        AccountCmd::StripeObject { account, key, id } => {
            desk.record_account_stripe_object(AccountObjectInput { account, idempotency_key: key, object_id: id })?
        }
        AccountCmd::Import { file } => {
            let r = desk.import_accounts_file(&file)?;
            return out(&format!("imported {} accounts{}", r.imported, if r.ids.is_empty() { String::new() } else { format!(" ({})", r.ids.join(", ")) }));
        }
        AccountCmd::List { json: as_json } => {
            let rows = desk.list_accounts()?;
            if as_json {
                return json(&rows);
            }
            for r in rows {
                out(&format!(
                    "{}  {}  {:?}  limit {}  balance {}{}",
                    r.id,
                    r.legal_name,
                    r.status,
                    r.limit.display(),
                    r.balance.display(),
                    if r.owes { "  OWES STRIPE" } else { "" }
                ))?;
            }
            return Ok(());
        }
        AccountCmd::Show { account, json: as_json } => {
            let v = desk.account(&account)?;
            if as_json {
                return json(&v);
            }
            v
        }
    };
    let a = &v.account;
    out(&format!(
        "{}  {}  limit {}  balance {} (read {}){}",
        a.id,
        a.legal_name,
        a.policy.limit.display(),
        a.balance.display(),
        a.balance_at.to_rfc3339(),
        if v.owes { "  OWES STRIPE" } else { "" }
    ))
}

fn case_line(v: &CreditCaseView) -> String {
    let next = v
        .next_step
        .as_deref()
        .and_then(|next| v.steps.iter().find(|s| s.step.as_str() == next))
        .map(|s| match &s.blocked_by {
            Some(why) => format!("next: {} (blocked: {why})", s.step.as_str()),
            None => format!("next: {}", s.step.as_str()),
        })
        .unwrap_or_else(|| "no step left to do".into());
    format!(
        "{}  {}  {}  {}  notice due {}{}  {}",
        v.id,
        v.account_id,
        v.decision_type,
        v.status,
        v.notice_due,
        if v.notice_overdue { " OVERDUE" } else { "" },
        next
    )
}

fn show_case(v: &CreditCaseView) -> Result<(), Failure> {
    out(&case_line(v))?;
    out(&format!("reasons    {}", v.reasons_worded.join("; ")))?;
    if let Some(end) = &v.wind_down_ends {
        out(&format!("wind-down  funding obligations may still change until {end}"))?;
    }
    for s in &v.steps {
        let when = s.done_at.map(|d| d.to_rfc3339()).or(s.due.map(|d| format!("due {}", d.to_rfc3339()))).unwrap_or_default();
        out(&format!("  {:<20} {:<8} {when}{}", s.step.as_str(), format!("{:?}", s.state).to_lowercase(), s.blocked_by.as_deref().map(|b| format!("  ({b})")).unwrap_or_default()))?;
    }
    Ok(())
}

fn decision_print(v: &CreditCaseView, as_json: bool) -> Result<(), Failure> {
    if as_json {
        json(v)
    } else {
        out(&case_line(v))
    }
}

fn credit(mut desk: Desk, cmd: CreditCmd) -> Result<(), Failure> {
    let step = |desk: &mut Desk, case: String, step: CreditStep| -> Result<(), Failure> {
        let v = desk.credit_step(CreditStepInput { case_id: case, step })?;
        out(&case_line(&v))
    };
    let account_line = |v: AccountView| -> Result<(), Failure> {
        let a = &v.account;
        out(&format!(
            "{}  {}  {:?}  limit {}  period {} x {:?}{}",
            a.id,
            a.legal_name,
            a.policy.status,
            a.policy.limit.display(),
            a.policy.period_count,
            a.policy.period_interval,
            a.upcoming.as_ref().map(|u| format!("  upcoming {} x {:?} at {}", u.period_count, u.period_interval, u.effective_at.to_rfc3339())).unwrap_or_default()
        ))
    };
    match cmd {
        CreditCmd::Close { account, decision: d } => {
            let as_json = d.json;
            decision_print(&desk.close_credit_line(d.into_input(account))?, as_json)?
        }
        CreditCmd::Decrease { account, amount, decision: d } => {
            let as_json = d.json;
            let c = d.into_input(account);
            let v = desk.decrease_credit_limit(DecreaseLimitInput {
                account: c.account,
                decided_at: c.decided_at,
                amount,
                reasons: c.reasons,
                other_explanation: c.other_explanation,
                exception_explanation: c.exception_explanation,
                exception_original_decision_type: c.exception_original_decision_type,
            })?;
            decision_print(&v, as_json)?
        }
        CreditCmd::Notice { case, format, out: path, lang } => {
            let f = desk.credit_notice(CreditNoticeInput { case_id: case, format, language: lang })?;
            desk.write_export(&path, &f.bytes)?;
            if !f.missing.is_empty() {
                eprintln!(
                    "warning: the credit program lacks {}; the notice marks them as not set (cdesk credit program --help)",
                    f.missing.join(", ")
                );
            }
            out(&format!("wrote {} ({} bytes)", path.display(), f.bytes.len()))?
        }
        CreditCmd::NoticeSent { case, at, channel, lang } => step(&mut desk, case, CreditStep::NoticeSent { at, channel, language: lang })?,
        CreditCmd::Void { case, seq, reason } => {
            let v = desk.void_credit_entry(VoidCaseEntryInput { case_id: case, seq, reason })?;
            out(&format!("{}: entry {seq} voided", v.id))?
        }
        CreditCmd::Deactivate { case, at } => step(&mut desk, case, CreditStep::Deactivate { at })?,
        CreditCmd::RevokeCapability { case, at, reason } => step(&mut desk, case, CreditStep::RevokeCapability { at, reason })?,
        CreditCmd::ApplyLimit { case, at } => step(&mut desk, case, CreditStep::ApplyLimit { at })?,
        CreditCmd::StripeObject { case, step: s, id } => {
            step(&mut desk, case, CreditStep::RecordStripeObject { step: s, object_id: id })?
        }
        CreditCmd::Reactivate { account, at } => desk.reactivate_credit_line(ReactivateInput { account, at })?,
        CreditCmd::Application { account, decided_at, purpose, amount } => {
            account_line(desk.record_application(ApplicationInput { account, decided_at, purpose, amount })?)?
        }
        CreditCmd::SetLimit { account, amount, at } => account_line(desk.set_credit_limit(SetLimitInput { account, amount, at })?)?,
        CreditCmd::PeriodApproval { account, approved_at, reference } => {
            account_line(desk.record_period_approval(PeriodApprovalInput { account, approved_at, reference })?)?
        }
        CreditCmd::SchedulePeriod { account, period, period_count, effective_at, change_notice_at, days_until_due } => account_line(
            desk.schedule_period_change(SchedulePeriodInput {
                account,
                period,
                period_count,
                effective_at,
                change_in_terms_notice_at: change_notice_at,
                days_until_due,
            })?,
        )?,
        CreditCmd::Show { case, json: as_json } => {
            let v = desk.credit_case(&case)?;
            if as_json {
                json(&v)?
            } else {
                show_case(&v)?
            }
        }
        CreditCmd::List { json: as_json } => {
            let rows = desk.credit_cases()?;
            if as_json {
                json(&rows)?
            } else {
                for r in rows {
                    out(&format!(
                        "{}  {}  {}  {}  notice due {}{}  next {}",
                        r.id,
                        r.account_id,
                        r.decision_type,
                        r.status,
                        r.notice_due,
                        if r.notice_overdue { " OVERDUE" } else { "" },
                        r.next_step.as_deref().unwrap_or("-")
                    ))?;
                }
            }
        }
        CreditCmd::Program(p) => {
            let current = desk.credit_program()?.program;
            let changed = p.creditor_name.is_some()
                || p.creditor_address.is_some()
                || p.creditor_phone.is_some()
                || p.creditor_email.is_some()
                || p.agency_name.is_some()
                || p.agency_address.is_some()
                || p.approved_reasons.is_some()
                || p.notice_days.is_some()
                || p.notice_language.is_some()
                || p.approved_periods.is_some();
            let view = if changed {
                desk.set_credit_program(SetCreditProgramInput {
                    creditor_name: p.creditor_name.unwrap_or(current.creditor_name),
                    creditor_address: p.creditor_address.map(|a| a.replace("\\n", "\n")).unwrap_or(current.creditor_address),
                    creditor_phone: p.creditor_phone.unwrap_or(current.creditor_phone),
                    creditor_email: p.creditor_email.or(current.creditor_email),
                    agency_name: p.agency_name.unwrap_or(current.agency_name),
                    agency_address: p.agency_address.map(|a| a.replace("\\n", "\n")).unwrap_or(current.agency_address),
                    approved_reasons: p
                        .approved_reasons
                        .map(|r| r.split(',').map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect())
                        .unwrap_or(current.approved_reasons),
                    wording: current.wording,
                    notice_days: p.notice_days.unwrap_or(current.notice_days),
                    notice_language: p.notice_language.unwrap_or_else(|| current.notice_language.code().to_owned()),
                    approved_periods: match &p.approved_periods {
                        Some(text) => parse_periods(text)?,
                        None => current.approved_periods,
                    },
                })?
            } else {
                desk.credit_program()?
            };
            if p.json {
                json(&view)?
            } else {
                let g = &view.program;
                out(&format!("creditor   {} / {} / {}", g.creditor_name, g.creditor_address.replace('\n', ", "), g.creditor_phone))?;
                out(&format!("agency     {} / {}", g.agency_name, g.agency_address.replace('\n', ", ")))?;
                out(&format!("notice     within {} days, in {}", g.notice_days, g.notice_language.code()))?;
                out(&format!("approved   {} of {} reason codes", g.approved_reasons.len(), view.reasons.len()))?;
                let periods: Vec<String> = g.approved_periods.iter().map(ToString::to_string).collect();
                out(&format!("periods    {}", if periods.is_empty() { "any (no bank-approved list set)".to_owned() } else { periods.join(", ") }))?;
                if !view.missing_for_notice.is_empty() {
                    out(&format!("missing    {}", view.missing_for_notice.join(", ")))?;
                }
            }
        }
    }
    Ok(())
}

fn report(mut desk: Desk, cmd: ReportCmd) -> Result<(), Failure> {
    match cmd {
        ReportCmd::Monthly { month, format, out: path } => {
            let format: ReportFormat = format.parse()?;
            let file = desk.export_report(ExportReportInput { month, format })?;
            desk.write_export(&path, &file.bytes)?;
            out(&format!("wrote {} ({} bytes)", path.display(), file.bytes.len()))?;
        }
        ReportCmd::Submit { month, note } => {
            let s = desk.submit_report(SubmitReportInput { month, note })?;
            out(&format!(
                "{} submitted at {} by {}: {} complaints; CSV sha256 {}; XLSX sha256 {}; PDF sha256 {}",
                s.month,
                s.submitted_at,
                s.submitted_by,
                s.rows,
                s.csv_sha256,
                s.xlsx_sha256,
                s.pdf_sha256.as_deref().unwrap_or("-")
            ))?;
        }
        ReportCmd::ProgramName { name } => {
            let s = match name {
                Some(name) => desk.set_program_name(SetProgramNameInput { name })?,
                None => desk.settings()?,
            };
            out(&s.program_name)?;
        }
        ReportCmd::Status { month, json: as_json } => {
            let st = desk.report_status(ReportInput { month })?;
            if as_json {
                json(&st)?;
            } else {
                match &st.submitted_at {
                    None => out(&format!("{}: not submitted", st.month))?,
                    Some(at) if st.changed_since_submission => {
                        let d = &st.differences;
                        out(&format!(
                            "{}: submitted {at}; CHANGED since: {} added, {} removed, {} changed",
                            st.month,
                            d.added.len(),
                            d.removed.len(),
                            d.changed.len()
                        ))?;
                        for id in &d.added {
                            out(&format!("  + {id}"))?;
                        }
                        for id in &d.removed {
                            out(&format!("  - {id}"))?;
                        }
                        for c in &d.changed {
                            for f in &c.changes {
                                out(&format!("  ~ {} {}: {:?} -> {:?}", c.id, f.field, f.before, f.after))?;
                            }
                        }
                    }
                    Some(at) => out(&format!("{}: submitted {at}; unchanged since", st.month))?,
                }
            }
        }
    }
    Ok(())
}

/// A register row as `complaint list --format json|jsonl` prints it: the row and its cursor.
#[derive(serde::Serialize)]
struct ListedRow<'a> {
    #[serde(flatten)]
    row: &'a ComplaintRow,
    cursor: &'a str,
}

/// Streams the register to stdout: memory stays that of one page whatever the count.
fn list_complaints(desk: &mut Desk, status: String, format: &str, limit: Option<u64>, after: Option<&str>) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let failed = |e: std::io::Error| cdesk_usecases::ErrorBody::internal(format!("cannot write output: {e}"));
    let mut first = true;
    if format == "json" {
        w.write_all(b"[").map_err(|e| Failure::from(failed(e)))?;
    }
    let input = ListComplaintsInput { status, ..Default::default() };
    let more = desk.stream_complaints(input, after, limit, |r, cursor| {
        match format {
            "json" | "jsonl" => {
                if format == "json" {
                    w.write_all(if first { b"\n" } else { b",\n" }).map_err(failed)?;
                }
                serde_json::to_writer(&mut w, &ListedRow { row: r, cursor }).map_err(|e| cdesk_usecases::ErrorBody::internal(e.to_string()))?;
                if format == "jsonl" {
                    w.write_all(b"\n").map_err(failed)?;
                }
            }
            _ => {
                let next = r
                    .next_deadline
                    .as_ref()
                    .map(|n| format!("{} by {} ({} business days left)", n.clock, n.due, n.business_days_left))
                    .unwrap_or_else(|| "-".into());
                let line = format!("{}  {}  {:<11}  {:<8}  {}  {}", r.id, r.received_date, r.kind, r.status, next, r.summary);
                writeln!(w, "{}", printable(&line)).map_err(failed)?;
            }
        }
        first = false;
        Ok(())
    })?;
    if format == "json" {
        w.write_all(if first { b"]\n" } else { b"\n]\n" }).map_err(|e| Failure::from(failed(e)))?;
    }
    w.flush().map_err(|e| Failure::from(failed(e)))?;
    if let Some(cursor) = more {
        eprintln!("more rows may follow: continue with --after {cursor}");
    }
    Ok(())
}

fn step(desk: &mut Desk, id: String, at: AtArg, step: ComplaintStep) -> Result<(), Failure> {
    let d = desk.record_step(RecordStepInput { complaint_id: id, at: at.at, step })?;
    let last = d.timeline.last().map(|t| t.description.clone()).unwrap_or_default();
    out(&format!("{}: {last}", d.id))
}

fn complaint(mut desk: Desk, cmd: ComplaintCmd) -> Result<(), Failure> {
    match cmd {
        ComplaintCmd::Add(a) => {
            let d = desk.log_complaint(LogComplaintInput {
                received_at: a.received,
                kind: a.kind,
                grounds: a.grounds.into_iter().collect(),
                channel: a.channel,
                product: a.product,
                topic: a.topic,
                issue_type: a.issue_type,
                summary: a.summary,
                description: a.description,
                complainant_name: a.complainant_name.unwrap_or_else(|| "Not given".into()),
                complainant_email: a.complainant_email,
                account: a.account,
                cardholder: a.cardholder,
            })?;
            if a.json {
                json(&d)?
            } else {
                out(&headline(&d))?
            }
        }
        ComplaintCmd::Show { id, json: as_json } => {
            let d = desk.complaint(&id)?;
            if as_json {
                json(&d)?
            } else {
                show(&d)?
            }
        }
        ComplaintCmd::List { status, json: as_json, format, limit, after } => {
            let format = format.unwrap_or_else(|| if as_json { "json".into() } else { "table".into() });
            list_complaints(&mut desk, status, &format, limit, after.as_deref())?
        }
        ComplaintCmd::Acknowledge { id, at, how, note } => step(&mut desk, id, at, ComplaintStep::Acknowledge { how, note })?,
        ComplaintCmd::NotifyStripe { id, at, reference, how, note } => {
            step(&mut desk, id, at, ComplaintStep::NotifyStripe { how, reference, note })?
        }
        ComplaintCmd::StripeReviewed { id, at, note } => step(&mut desk, id, at, ComplaintStep::StripeReviewCompleted { note })?,
        ComplaintCmd::Contact { id, at, note, how } => step(&mut desk, id, at, ComplaintStep::ContactCustomer { how, note })?,
        ComplaintCmd::Reclassify { id, kind, grounds, at, reason } => {
            step(&mut desk, id, at, ComplaintStep::Reclassify { kind, grounds: grounds.into_iter().collect(), reason })?
        }
        ComplaintCmd::Resolve { id, at, summary, outcome, compensation } => {
            let compensation = match compensation.as_deref() {
                None => None,
                Some([amount, currency]) => Some(MoneyInput {
                    amount_minor: amount.trim().parse().map_err(|_| {
                        Failure::Refused(format!("compensation: {amount:?} is not a whole number of minor units (e.g. 2500 for 25.00)"))
                    })?,
                    currency: currency.clone(),
                }),
                Some(_) => return Err(Failure::Refused("compensation: give AMOUNT and CURRENCY".into())),
            };
            step(&mut desk, id, at, ComplaintStep::Resolve { summary, outcome, compensation })?
        }
        ComplaintCmd::Reopen { id, at, reason } => step(&mut desk, id, at, ComplaintStep::Reopen { reason })?,
        ComplaintCmd::Note { id, at, note } => step(&mut desk, id, at, ComplaintStep::AddNote { note })?,
        ComplaintCmd::Track { id, event, at, shipping, merchant_category, note } => {
            let d = desk.track(TrackInput { complaint_id: id, event, at: at.at, shipping, merchant_category, note })?;
            let last = d.timeline.last().map(|t| t.description.clone()).unwrap_or_default();
            out(&format!("{}: {last}", d.id))?;
            for t in &d.timers {
                out(&format!("  {} due {} ({})", t.kind.code(), t.due, t.label))?;
            }
        }
        ComplaintCmd::Void { id, seq, reason } => {
            let d = desk.void_complaint_entry(VoidEntryInput { complaint_id: id, seq, reason })?;
            out(&format!("{}: entry {seq} voided", d.id))?
        }
        ComplaintCmd::NotAComplaint { id, reason, at } => {
            let d = desk.mark_not_a_complaint(NotAComplaintInput { complaint_id: id, reason, at })?;
            out(&format!("{}: marked not a complaint", d.id))?
        }
    }
    Ok(())
}

fn headline(d: &ComplaintDetail) -> String {
    let dl = &d.deadlines;
    let mut parts = vec![format!("{} {} complaint logged", d.id, d.kind)];
    if let Some(x) = &dl.acknowledge_by {
        parts.push(format!("acknowledge by {x}"));
    }
    if let Some(x) = &dl.resolve_by {
        parts.push(format!("resolve by {x}"));
    }
    if let Some(x) = &dl.notify_stripe_by {
        parts.push(format!("notify Stripe by {x}"));
    }
    if d.contact_hold {
        parts.push("contact hold until Stripe's review".into());
    }
    parts.join("; ")
}

fn show(d: &ComplaintDetail) -> Result<(), Failure> {
    let c = &d.complaint;
    out(&format!("{}  {}  {}{}", d.id, d.kind, d.status, if d.overdue { "  OVERDUE" } else { "" }))?;
    out(&format!("received   {} (submission date {} in {})", d.received_local, d.received_date, d.timezone))?;
    out(&format!("complainant {}", c.intake.complainant.name))?;
    out(&format!("summary    {}", c.intake.summary))?;
    if d.contact_hold {
        out("CONTACT HOLD: no contact with the customer until Stripe's review is recorded")?;
    }
    for s in &d.clocks {
        let state = if s.overdue { "pending, OVERDUE".to_owned() } else { s.state.to_string() };
        out(&format!("{:<14} due {}  {}  {}", s.clock.label(), s.due, state, s.explanation_text))?;
    }
    for t in &d.timers {
        let state = match t.state {
            TimerState::Running => "running",
            TimerState::DueToday => "DUE TODAY",
            TimerState::Passed => "passed",
        };
        out(&format!("{:<14} due {}  {}  {}", t.kind.code(), t.due, state, t.explanation_text))?;
    }
    out("history (#N: entry, recorded at, by; happened at)")?;
    for t in &d.timeline {
        let mut line = format!("  #{} {} {}: {}", t.seq, t.recorded_at, t.actor, t.description);
        if let Some(at) = t.occurred_at.as_ref().filter(|at| **at != t.recorded_at) {
            line.push_str(&format!(" (happened {at})"));
        }
        if t.marks.entered_late {
            line.push_str(" [entered late]");
        }
        if let (true, Some(by)) = (t.marks.voided, t.marks.voided_by) {
            line.push_str(&format!(" [VOIDED by #{by}: {}]", t.marks.void_reason.as_deref().unwrap_or("")));
        }
        out(&line)?;
    }
    Ok(())
}
