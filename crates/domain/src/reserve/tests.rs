use super::*;
use proptest::prelude::*;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn account(id: &str, losses: Losses, country: Option<&str>) -> ReserveAccount {
    ReserveAccount {
        id: id.into(),
        legal_name: format!("{id} Ltd"),
        losses,
        country: country.map(str::to_owned),
        debit_negative_balances: false,
        rejected_for_fraud_at: None,
    }
}

fn reading(account: &str, currency: &str, when: &str, available: i64) -> AvailableReading {
    AvailableReading { account: account.into(), currency: currency.into(), at: at(when), available }
}

struct Fixture {
    rules: ReserveRules,
    calendar: BusinessCalendar,
}

impl Fixture {
    fn new() -> Self {
        Fixture { rules: ReserveRules::default(), calendar: BusinessCalendar::federal_reserve(vec![]) }
    }
    fn cx(&self) -> ReserveContext<'_> {
        ReserveContext { rules: &self.rules, calendar: &self.calendar, timezone: chrono_tz::America::New_York }
    }
    fn status(&self, facts: &ReserveFacts, when: &str) -> ReserveStatus {
        status(facts, at(when), &self.cx()).unwrap()
    }
}

fn amount(s: &ReserveStatus, currency: &str) -> i64 {
    s.reserve.iter().find(|r| r.currency == currency).map_or(0, |r| r.amount)
}

#[test]
fn rule_reserve_is_the_sum_of_negative_available_balances_of_loss_liable_accounts() {
    let f = Fixture::new();
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, Some("US")), account("acct_b", Losses::Platform, Some("US")), account("acct_s", Losses::Stripe, Some("US"))],
        readings: vec![
            reading("acct_a", "usd", "2026-11-02T15:00:00Z", -5_000),
            reading("acct_b", "usd", "2026-11-02T16:00:00Z", -2_500),
            reading("acct_b", "eur", "2026-11-02T16:00:00Z", -700),
            // Stripe carries this one's losses: not the platform's reserve.
            reading("acct_s", "usd", "2026-11-02T16:00:00Z", -90_000),
        ],
        ..Default::default()
    };
    let s = f.status(&facts, "2026-11-03T12:00:00Z");
    assert_eq!(amount(&s, "usd"), 7_500);
    assert_eq!(amount(&s, "eur"), 700, "each currency is its own reserve");
    assert!(s.accounts.iter().all(|a| a.account != "acct_s"), "an account whose losses Stripe carries is not listed");
    assert_eq!(s.accounts.len(), 3);
    let before = f.status(&facts, "2026-11-02T15:30:00Z");
    assert_eq!(amount(&before, "usd"), 5_000, "only readings at or before the instant count");
}

#[test]
fn rule_reserve_liability_filter_follows_who_carries_the_losses() {
    assert_eq!("application".parse::<Losses>().unwrap(), Losses::Platform, "Stripe's `application` is the platform");
    assert_eq!("stripe".parse::<Losses>().unwrap(), Losses::Stripe);
    assert!("bank".parse::<Losses>().unwrap_err().to_string().starts_with("losses:"));
    let f = Fixture::new();
    let mut facts = ReserveFacts { accounts: vec![account("acct_a", Losses::Stripe, None)], readings: vec![reading("acct_a", "usd", "2026-11-02T15:00:00Z", -5_000)], ..Default::default() };
    assert!(f.status(&facts, "2026-11-03T12:00:00Z").reserve.is_empty());
    facts.accounts[0].losses = Losses::Platform;
    assert_eq!(amount(&f.status(&facts, "2026-11-03T12:00:00Z"), "usd"), 5_000);
}

#[test]
fn rule_a_positive_or_zero_reading_ends_the_run_and_releases_its_part() {
    let f = Fixture::new();
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, None)],
        readings: vec![
            reading("acct_a", "usd", "2026-06-01T15:00:00Z", -1_000),
            reading("acct_a", "usd", "2026-06-10T15:00:00Z", -4_000),
            reading("acct_a", "usd", "2026-06-20T15:00:00Z", 0),
            reading("acct_a", "usd", "2026-07-01T15:00:00Z", -300),
        ],
        ..Default::default()
    };
    let during = f.status(&facts, "2026-06-15T12:00:00Z");
    assert_eq!(amount(&during, "usd"), 4_000, "the latest reading counts");
    assert_eq!(during.accounts[0].negative_since, at("2026-06-01T15:00:00Z"), "the run starts at its first negative reading");
    assert_eq!(during.accounts[0].days_negative, 14);
    assert!(f.status(&facts, "2026-06-25T12:00:00Z").reserve.is_empty(), "a zero reading releases the account's part");
    let again = f.status(&facts, "2026-07-02T12:00:00Z");
    assert_eq!(again.accounts[0].negative_since, at("2026-07-01T15:00:00Z"), "a new run starts after the break");
    assert_eq!(again.accounts[0].sweep_on, NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(), "180 calendar days after 2026-07-01");
}

#[test]
fn rule_negative_run_is_swept_180_calendar_days_after_it_started() {
    let f = Fixture::new();
    // 2026-06-01 in New York; 180 days later is 2026-11-28 (a Saturday: calendar days, not business days).
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, Some("US"))],
        readings: vec![reading("acct_a", "usd", "2026-06-01T15:00:00Z", -5_000), reading("acct_a", "usd", "2026-09-01T15:00:00Z", -6_000)],
        ..Default::default()
    };
    let s = f.status(&facts, "2026-11-20T12:00:00Z");
    let a = &s.accounts[0];
    assert_eq!(a.sweep_on, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    assert_eq!(a.days_to_sweep, 8);
    assert!(a.sweep_soon, "within 14 days of the sweep");
    assert!(s.alerts.iter().any(|x| x.kind == ReserveAlertKind::SweepSoon && x.account.as_deref() == Some("acct_a")));
    assert!(!f.status(&facts, "2026-11-01T12:00:00Z").accounts[0].sweep_soon, "27 days before: no alert yet");
    assert_eq!(amount(&f.status(&facts, "2026-11-28T04:59:59Z"), "usd"), 6_000, "still held the evening before (New York)");
    let after = f.status(&facts, "2026-11-28T05:00:00Z");
    assert!(after.reserve.is_empty() && after.accounts.is_empty(), "swept from the reserve on the sweep day: {after:?}");
}

#[test]
fn rule_bank_debit_is_held_to_the_end_of_the_third_business_day_over_a_holiday() {
    let f = Fixture::new();
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, Some("US"))],
        readings: vec![reading("acct_a", "usd", "2026-11-20T15:00:00Z", -8_000), reading("acct_a", "usd", "2026-11-25T18:00:00Z", 0)],
        // Completed on Wednesday 2026-11-25; Thursday is Thanksgiving: Fri 27, Mon 30, Tue Dec 1.
        debits: vec![BankDebit { account: "acct_a".into(), currency: "usd".into(), amount: 8_000, completed_at: at("2026-11-25T18:00:00Z") }],
        ..Default::default()
    };
    let s = f.status(&facts, "2026-11-30T12:00:00Z");
    assert_eq!(amount(&s, "usd"), 8_000, "the account is back to zero, its debit still held");
    assert!(s.accounts.is_empty());
    assert_eq!(s.holds[0].release_on, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let last_day = f.status(&facts, "2026-12-02T04:59:59Z");
    assert_eq!(amount(&last_day, "usd"), 8_000, "held to the end of the third business day");
    assert!(last_day.holds[0].releases_today && last_day.alerts.iter().any(|a| a.kind == ReserveAlertKind::HoldReleasesToday));
    assert!(f.status(&facts, "2026-12-02T05:00:00Z").reserve.is_empty(), "then released");
}

#[test]
fn rule_shortfall_when_the_platform_balance_is_below_the_reserve() {
    let f = Fixture::new();
    let mut facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, None)],
        readings: vec![reading("acct_a", "usd", "2026-11-20T15:00:00Z", -8_000)],
        platform: vec![PlatformReading { currency: "usd".into(), at: at("2026-11-20T10:00:00Z"), available: 3_000 }],
        ..Default::default()
    };
    let s = f.status(&facts, "2026-11-21T12:00:00Z");
    assert_eq!(s.shortfall.len(), 1);
    assert_eq!((s.shortfall[0].currency.as_str(), s.shortfall[0].amount), ("usd", 5_000));
    assert!(s.shortfall[0].explanation.contains("debits the platform's bank account for $50.00") || s.shortfall[0].explanation.contains("50.00"), "{}", s.shortfall[0].explanation);
    facts.platform.push(PlatformReading { currency: "usd".into(), at: at("2026-11-21T10:00:00Z"), available: 9_000 });
    assert!(f.status(&facts, "2026-11-21T12:00:00Z").shortfall.is_empty(), "the latest platform reading covers the reserve");
}

#[test]
fn rule_account_rejected_for_fraud_leaves_the_act_before_sweep_list_but_stays_in_the_reserve() {
    let f = Fixture::new();
    let mut a = account("acct_a", Losses::Platform, Some("US"));
    a.rejected_for_fraud_at = Some(at("2026-11-21T10:00:00Z"));
    let facts = ReserveFacts { accounts: vec![a], readings: vec![reading("acct_a", "usd", "2026-11-20T15:00:00Z", -8_000)], ..Default::default() };
    let before = f.status(&facts, "2026-11-21T09:00:00Z");
    assert_eq!(before.accounts.len(), 1, "judged as of its own instant: not yet rejected");
    let s = f.status(&facts, "2026-11-22T12:00:00Z");
    assert!(s.accounts.is_empty());
    assert_eq!(s.rejected.len(), 1);
    assert_eq!(amount(&s, "usd"), 8_000);
    let r = reject_for_fraud_request("acct_a");
    assert_eq!((r.method.as_str(), r.path.as_str(), r.body.as_str()), ("POST", "/v1/accounts/acct_a/reject", "reason=fraud"));
}

#[test]
fn rule_debit_negative_balances_is_offered_where_the_country_allows_bank_debits() {
    let f = Fixture::new();
    let codes = |s: &ReserveStatus| s.accounts[0].actions.iter().map(|a| a.action).collect::<Vec<_>>();
    let mut facts = ReserveFacts { accounts: vec![account("acct_a", Losses::Platform, Some("DE"))], readings: vec![reading("acct_a", "eur", "2026-11-20T15:00:00Z", -1_250)], ..Default::default() };
    let s = f.status(&facts, "2026-11-21T12:00:00Z");
    assert_eq!(codes(&s), vec![ReserveActionKind::TransferFunds, ReserveActionKind::EnableDebitNegativeBalances, ReserveActionKind::RejectForFraud]);
    assert_eq!(s.accounts[0].actions[0].amount, Some(1_250), "the transfer that zeroes it");
    assert!(s.accounts[0].actions[0].reason.contains("2027-05-19"), "names the sweep date: {}", s.accounts[0].actions[0].reason);
    facts.accounts[0].country = Some("BR".into());
    let s = f.status(&facts, "2026-11-21T12:00:00Z");
    assert_eq!(codes(&s), vec![ReserveActionKind::TransferFunds, ReserveActionKind::RejectForFraud]);
    assert!(s.accounts[0].blocked[0].reason.contains("BR does not allow bank debits"), "{}", s.accounts[0].blocked[0].reason);
    assert!(!f.rules.bank_debits.source.is_empty(), "the list names its source");
    facts.accounts[0].country = Some("DE".into());
    facts.accounts[0].debit_negative_balances = true;
    let s = f.status(&facts, "2026-11-21T12:00:00Z");
    assert_eq!(codes(&s), vec![ReserveActionKind::TransferFunds, ReserveActionKind::RejectForFraud], "already on");
}

#[test]
fn rule_reserve_reconciliation_lists_days_that_differ() {
    let f = Fixture::new();
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, None)],
        readings: vec![
            reading("acct_a", "usd", "2026-11-02T15:00:00Z", -5_000),
            reading("acct_a", "usd", "2026-11-03T15:00:00Z", -7_000),
            reading("acct_a", "usd", "2026-11-04T15:00:00Z", 100),
        ],
        ..Default::default()
    };
    let points = history(&facts, at("2026-11-30T00:00:00Z"), &f.cx()).unwrap();
    assert_eq!(points.iter().map(|p| p.amount).collect::<Vec<_>>(), vec![5_000, 7_000, 0]);
    let tx = |id: &str, created: &str, amount: i64| BalanceTransaction { id: id.into(), kind: RESERVE_TRANSACTION.into(), amount, currency: "usd".into(), created: at(created), description: None };
    let exported = vec![
        tx("txn_1", "2026-11-02T15:00:05Z", -5_000),
        tx("txn_2", "2026-11-03T15:00:05Z", -1_500),
        tx("txn_3", "2026-11-04T15:00:05Z", 7_000),
        BalanceTransaction { kind: "charge".into(), ..tx("txn_4", "2026-11-04T15:00:05Z", 99_999) },
    ];
    let r = reconcile(&points, &exported, &f.cx()).unwrap();
    assert_eq!(r.reserve_transactions, 3, "only reserve_transaction entries are compared");
    assert_eq!(r.differences.len(), 1, "{r:?}");
    let d = &r.differences[0];
    assert_eq!((d.date, d.expected, d.recorded, d.difference), (NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(), -2_000, -1_500, 500));
    assert_eq!(d.transactions, vec!["txn_2".to_owned()]);
}

#[test]
fn history_marks_sweeps_debits_and_releases() {
    let f = Fixture::new();
    let facts = ReserveFacts {
        accounts: vec![account("acct_a", Losses::Platform, None)],
        readings: vec![reading("acct_a", "usd", "2026-01-05T15:00:00Z", -5_000)],
        debits: vec![BankDebit { account: "acct_a".into(), currency: "usd".into(), amount: 200, completed_at: at("2026-02-02T15:00:00Z") }],
        ..Default::default()
    };
    let points = history(&facts, at("2026-12-01T00:00:00Z"), &f.cx()).unwrap();
    let marks: Vec<_> = points.iter().map(|p| (p.mark, p.amount)).collect();
    assert_eq!(marks, vec![(ReserveMark::Reading, 5_000), (ReserveMark::Debit, 5_200), (ReserveMark::Release, 5_000), (ReserveMark::Sweep, 0)]);
}

/// The reserve by definition, with no cleverness: at `t`, for each liable account, its latest
/// reading at or before `t` if negative and its run not yet 180 days old (runs never reach
/// that in these cases), plus the debits completed and not yet released.
fn brute_force(facts: &ReserveFacts, t: DateTime<Utc>, cx: &ReserveContext<'_>) -> BTreeMap<String, i64> {
    let mut out: BTreeMap<String, i64> = BTreeMap::new();
    for a in facts.accounts.iter().filter(|a| a.losses == Losses::Platform) {
        for currency in ["usd", "eur"] {
            let latest = facts.readings.iter().enumerate().filter(|(_, r)| r.account == a.id && r.currency == currency && r.at <= t).max_by_key(|(i, r)| (r.at, *i));
            if let Some((_, r)) = latest {
                if r.available < 0 {
                    *out.entry(currency.into()).or_default() -= r.available;
                }
            }
        }
    }
    for d in &facts.debits {
        if facts.accounts.iter().any(|a| a.id == d.account && a.losses == Losses::Platform) && d.completed_at <= t && local_date(t, cx.timezone) <= cx.release_on(d.completed_at) {
            *out.entry(d.currency.clone()).or_default() += d.amount;
        }
    }
    out.retain(|_, v| *v != 0);
    out
}

fn facts_strategy() -> impl Strategy<Value = ReserveFacts> {
    let base = at("2026-03-02T14:00:00Z");
    let reading = (0usize..4, prop::bool::ANY, 0i64..(150 * 24), -50_000i64..20_000).prop_map(move |(a, eur, hours, available)| AvailableReading {
        account: format!("acct_{a}"),
        currency: if eur { "eur" } else { "usd" }.into(),
        at: base + Duration::hours(hours),
        available,
    });
    let debit = (0usize..4, 0i64..(150 * 24), 1i64..10_000).prop_map(move |(a, hours, amount)| BankDebit {
        account: format!("acct_{a}"),
        currency: "usd".into(),
        amount,
        completed_at: base + Duration::hours(hours),
    });
    (prop::collection::vec(reading, 0..40), prop::collection::vec(debit, 0..5), prop::collection::vec(prop::bool::ANY, 4)).prop_map(|(readings, debits, stripe)| ReserveFacts {
        accounts: stripe.iter().enumerate().map(|(i, s)| account(&format!("acct_{i}"), if *s { Losses::Stripe } else { Losses::Platform }, None)).collect(),
        readings,
        debits,
        platform: vec![],
    })
}

proptest! {
    #[test]
    fn reserve_is_never_negative_and_equals_the_brute_force_sum_at_every_reading(facts in facts_strategy()) {
        let f = Fixture::new();
        let cx = f.cx();
        let until = at("2026-12-31T00:00:00Z");
        let points = history(&facts, until, &cx).unwrap();
        prop_assert!(points.iter().all(|p| p.amount >= 0), "never negative");
        for r in &facts.readings {
            let s = status(&facts, r.at, &cx).unwrap();
            let got: BTreeMap<String, i64> = s.reserve.iter().map(|c| (c.currency.clone(), c.amount)).collect();
            prop_assert!(got.values().all(|v| *v > 0));
            prop_assert_eq!(&got, &brute_force(&facts, r.at, &cx), "at {}", r.at);
            // The history, replayed up to the same instant, ends at the same amounts.
            let mut last: BTreeMap<String, i64> = BTreeMap::new();
            for p in points.iter().filter(|p| p.at <= r.at) {
                last.insert(p.currency.clone(), p.amount);
            }
            last.retain(|_, v| *v != 0);
            prop_assert_eq!(&last, &got);
        }
    }
}
