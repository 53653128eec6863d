import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountView } from "../bindings/AccountView";
import type { SchedulePeriodInput } from "../bindings/SchedulePeriodInput";
import { accountView, caseRow, closureCase, programView, usd } from "../credit/fixtures";
import { programStore } from "../credit/program.svelte";
import { setLanguage } from "../i18n";
import { nav } from "../nav.svelte";
import AccountDetailView from "../views/AccountDetailView.svelte";

type Call = [string, Record<string, unknown>];

describe("account detail", () => {
  let calls: Call[];
  let current: AccountView;
  let scheduleAnswer: ((input: SchedulePeriodInput) => AccountView) | null;

  beforeEach(() => {
    calls = [];
    current = accountView();
    scheduleAnswer = null;
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      switch (cmd) {
        case "get_account":
          return current;
        case "credit_program":
          return programView();
        case "set_balance": {
          const input = a.input as { amount: number; at: string };
          current = accountView({ balance: usd(input.amount), balance_at: input.at });
          return current;
        }
        case "reactivate_credit_line":
          throw {
            code: "rule",
            message: "a closed credit line cannot be set active again; only a newly recorded, approved credit application (purpose credit_line_opening) reopens it",
            field: null,
            rule: "closed_line_reopens_by_application",
          };
        case "record_application":
          return accountView();
        case "close_credit_line":
          return closureCase();
        case "notice_counts":
          return { overdue: 0, due_soon: 1 };
        case "record_account_stripe_object": {
          const input = a.input as { idempotency_key: string; object_id: string };
          const req = current.requests[0];
          current = { ...current, requests: [{ ...req, object_id: input.object_id }] };
          return current;
        }
        case "set_business_type": {
          const input = a.input as { business_type: "company" | "individual" };
          current = accountView({ business_type: input.business_type });
          return current;
        }
        case "schedule_period_change":
          if (scheduleAnswer) return scheduleAnswer(a.input as SchedulePeriodInput);
          throw { code: "rule", message: "a credit period change needs Stripe's written approval first: record it (date and reference)", field: null, rule: "period_change_needs_stripe_approval" };
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    programStore.view = null;
    nav.register();
    setLanguage("en");
    localStorage.clear();
  });

  it("reads in German once the language is switched, amounts and instants included", async () => {
    current = accountView({
      balance: usd(-12550),
      losses: "platform",
      debit_negative_balances: true,
      balance_readings: [{ at: "2026-11-01T15:00:00Z", balance: usd(0), opening: true }],
    });
    render(AccountDetailView, { id: "acct_1Ace" });
    await screen.findByTestId("policy-limit");
    setLanguage("de");
    flushSync();
    expect(screen.getByTestId("back-to-accounts").textContent?.trim()).toBe("Konten");
    expect(screen.getByTestId("account-status").textContent?.trim()).toBe("Kreditlinie aktiv");
    expect(screen.getByTestId("account-capability").textContent?.trim()).toBe("card_issuing_charge_card aktiv");
    expect(screen.getByTestId("account-losses").textContent).toBe("Verluste trägt die Plattform");
    expect(screen.getByTestId("account-debit-negative-balances").textContent).toBe("debit_negative_balances aktiv");
    expect(screen.getByTestId("policy-limit").textContent).toBe("2.000,00 USD");
    expect(within(screen.getByTestId("account-policy")).getByRole("heading", { level: 2 }).textContent).toBe("Kreditrichtlinie");
    expect(screen.getByTestId("balance-amount").textContent).toBe("-125,50 USD");
    expect(screen.getByTestId("balance-owes").textContent).toContain("Schuldet Stripe. Gleichen Sie 125,50 USD aus, bevor die Kreditlinie deaktiviert werden kann.");
    expect(screen.getByTestId("balance-reading-opening").textContent).toBe("Anfangssaldo");
    expect(screen.getByTestId("balance-readings-note").textContent).toBe("Eine Deaktivierung wird am letzten Stand zu oder vor ihrem Zeitpunkt gemessen.");
    expect(screen.getByTestId("close-credit-line").textContent?.trim()).toBe("Kreditlinie schließen…");
    await fireEvent.click(screen.getByTestId("record-balance"));
    const dialog = await screen.findByTestId("dialog-record-balance");
    expect(dialog.textContent).toContain("Issuing-Saldo erfassen");
    expect(dialog.textContent).toContain("Zuletzt erfasst: -125,50 USD, Stand 20.11.2026, 10:00 EST.");
    expect(within(dialog).getByTestId("dialog-submit").textContent).toContain("Saldo erfassen");
  });

  it("reads in Japanese once the language is switched", async () => {
    const approval = { approved_at: "2026-11-10T15:00:00Z", reference: "SUP-7" };
    current = accountView({ losses: "stripe", period_approval: approval });
    render(AccountDetailView, { id: "acct_1Ace" });
    await screen.findByTestId("policy-limit");
    setLanguage("ja");
    flushSync();
    expect(screen.getByTestId("account-status").textContent?.trim()).toBe("与信枠 有効");
    expect(screen.getByTestId("account-losses").textContent).toBe("損失の負担者：Stripe");
    expect(screen.getByTestId("account-country").textContent).toBe("国 未記録");
    expect(screen.getByTestId("policy-period-approval").textContent).toContain("参照番号 SUP-7、2026/11/10 10:00 EST。まだ予約されていません。");
    expect(screen.getByTestId("account-cases").textContent).toBe("この与信枠に対する不利益措置はありません。");
    expect(screen.getByTestId("decrease-limit").textContent?.trim()).toBe("限度額を引き下げ…");
    await fireEvent.click(screen.getByTestId("schedule-period"));
    const dialog = await screen.findByTestId("dialog-schedule_period");
    expect(dialog.textContent).toContain("与信期間の変更を予約");
    expect(dialog.textContent).toContain("この変更には、2026/11/10 10:00 EST の Stripe の承認 SUP-7 を使用します。");
    await fireEvent.input(within(dialog).getByTestId("field-effective_at"), { target: { value: "1.1.2027" } });
    await fireEvent.click(within(dialog).getByTestId("dialog-submit"));
    expect((await within(dialog).findByTestId("error-effective_at")).textContent).toContain("新しい与信期間の開始日（YYYY-MM-DD）を入力してください。");
  });

  it("shows the policy, the balance owed with what to top up, and the history in words", async () => {
    current = accountView(
      { balance: usd(-12550), approved_limit: { amount: usd(300000), decided_at: "2026-11-10T15:00:00Z", source: "application", case_id: null } },
      {
        history: [{ seq: 4, recorded_at: "2026-11-20T15:00:00Z", actor: "a.okafor", action: "balance_recorded", details: JSON.stringify({ balance: usd(-12550), read_at: "2026-11-20T14:00:00Z" }) }],
      },
    );
    render(AccountDetailView, { id: "acct_1Ace" });
    expect((await screen.findByTestId("policy-limit")).textContent).toBe("2,000.00 USD");
    expect(screen.getByTestId("policy-period").textContent).toBe("1 month");
    expect(screen.getByTestId("policy-approved-limit").textContent).toContain("3,000.00 USD");
    expect(screen.getByTestId("balance-amount").textContent).toBe("-125.50 USD");
    expect(screen.getByTestId("balance-owes").textContent).toContain("Top up by 125.50 USD");
    const entry = screen.getByTestId("history-4");
    expect(entry.getAttribute("data-action")).toBe("balance_recorded");
    expect(entry.textContent).toContain("Issuing balance recorded: -125.50 USD");
  });

  it("records a balance below zero", async () => {
    render(AccountDetailView, { id: "acct_1Ace" });
    await fireEvent.click(await screen.findByTestId("record-balance"));
    const dialog = await screen.findByTestId("dialog-record-balance");
    const field = within(dialog).getByTestId("field-amount") as HTMLInputElement;
    expect(field.placeholder).toBe("0.00");
    await fireEvent.input(field, { target: { value: "-40.00" } });
    expect(field.value).toBe("-40.00");
    await fireEvent.input(within(dialog).getByTestId("field-at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(within(dialog).getByTestId("field-at_time"), { target: { value: "08:00" } });
    await fireEvent.click(within(dialog).getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.getByTestId("balance-amount").textContent).toBe("-40.00 USD"));
    expect(calls.find(([c]) => c === "set_balance")?.[1]).toEqual({ input: { account: "acct_1Ace", amount: -4000, at: "2026-11-20T13:00:00Z" } });
  });

  it("explains why an inactive line cannot be set active again, and offers the way forward", async () => {
    current = accountView({ policy: { limit: usd(200000), period_interval: "month", period_count: 1, days_until_due: 10, status: "inactive" }, closure_case: "CRD-2026-00001" });
    render(AccountDetailView, { id: "acct_1Ace" });
    expect(screen.queryByTestId("close-credit-line")).toBeNull();
    await fireEvent.click(await screen.findByTestId("reactivate"));
    const refusal = await screen.findByTestId("reactivate-refusal");
    expect(refusal.textContent).toContain("only a newly recorded, approved credit application");
    expect(within(refusal).getByTestId("error-banner-rule").textContent).toBe("closed_line_reopens_by_application");
    await fireEvent.click(within(refusal).getByTestId("reactivate-apply"));
    const dialog = await screen.findByTestId("dialog-application");
    expect((within(dialog).getByTestId("field-purpose") as HTMLSelectElement).value).toBe("credit_line_opening");
  });

  it("starts a closure from the decision form and opens the case", async () => {
    programStore.view = programView();
    render(AccountDetailView, { id: "acct_1Ace" });
    await fireEvent.click(await screen.findByTestId("close-credit-line"));
    const form = await screen.findByTestId("decision-form");
    await fireEvent.change(within(form).getByTestId("reason-add"), { target: { value: "bankruptcy" } });
    await fireEvent.click(screen.getByTestId("decision-save"));
    await waitFor(() => expect(nav.route).toEqual({ name: "credit", id: "CRD-2026-00001" }));
  });

  it("shows the open closure instead of a second one, and the cases of the account", async () => {
    current = accountView({ closure_case: "CRD-2026-00001" }, { cases: [caseRow("CRD-2026-00001")] });
    render(AccountDetailView, { id: "acct_1Ace" });
    expect((await screen.findByTestId("open-closure-case")).textContent).toContain("CRD-2026-00001");
    expect(screen.queryByTestId("close-credit-line")).toBeNull();
    expect((screen.getByTestId("decrease-limit") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("case-row-CRD-2026-00001")).toBeTruthy();
  });

  it("schedules a period change at 00:00 UTC and shows Stripe's refusal naming the rule", async () => {
    render(AccountDetailView, { id: "acct_1Ace" });
    await fireEvent.click(await screen.findByTestId("schedule-period"));
    const dialog = await screen.findByTestId("dialog-schedule_period");
    await fireEvent.input(within(dialog).getByTestId("field-period_count"), { target: { value: "2" } });
    await fireEvent.input(within(dialog).getByTestId("field-effective_at"), { target: { value: "2027-01-01" } });
    await fireEvent.click(within(dialog).getByTestId("dialog-submit"));
    expect((await within(dialog).findByTestId("error-banner-rule")).textContent).toBe("period_change_needs_stripe_approval");
    expect(calls.find(([c]) => c === "schedule_period_change")?.[1]).toEqual({
      input: { account: "acct_1Ace", period: "month", period_count: 2, effective_at: "2027-01-01T00:00:00Z", change_in_terms_notice_at: null, days_until_due: null },
    });
  });

  it("schedules new days until due with the period change and shows them with the scheduled change", async () => {
    const approval = { approved_at: "2026-11-10T15:00:00Z", reference: "SUP-7" };
    current = accountView({ period_approval: approval });
    scheduleAnswer = (input) => {
      current = accountView({
        upcoming: { period_interval: "month", period_count: input.period_count, effective_at: input.effective_at, approval, change_in_terms_notice_at: null, days_until_due: input.days_until_due },
      });
      return current;
    };
    render(AccountDetailView, { id: "acct_1Ace" });
    await fireEvent.click(await screen.findByTestId("schedule-period"));
    const dialog = await screen.findByTestId("dialog-schedule_period");
    await fireEvent.input(within(dialog).getByTestId("field-days_until_due"), { target: { value: "x" } });
    await fireEvent.click(within(dialog).getByTestId("dialog-submit"));
    expect((await within(dialog).findByTestId("error-days_until_due")).textContent).toContain("whole number of days");
    expect(calls.some(([c]) => c === "schedule_period_change")).toBe(false);
    await fireEvent.input(within(dialog).getByTestId("field-days_until_due"), { target: { value: "15" } });
    await fireEvent.input(within(dialog).getByTestId("field-effective_at"), { target: { value: "2027-01-01" } });
    await fireEvent.click(within(dialog).getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-schedule_period")).toBeNull());
    expect(calls.find(([c]) => c === "schedule_period_change")?.[1]).toEqual({
      input: { account: "acct_1Ace", period: "month", period_count: 1, effective_at: "2027-01-01T00:00:00Z", change_in_terms_notice_at: null, days_until_due: 15 },
    });
    expect(screen.getByTestId("policy-upcoming-days-until-due").textContent).toContain("15 days after the period ends (now 10)");
  });

  it("lists the balance readings newest first, marking the opening balance", async () => {
    current = accountView({
      balance: usd(-12550),
      balance_at: "2026-11-20T15:00:00Z",
      balance_readings: [
        { at: "2026-11-01T15:00:00Z", balance: usd(0), opening: true },
        { at: "2026-11-20T15:00:00Z", balance: usd(-12550), opening: false },
        { at: "2026-11-10T15:00:00Z", balance: usd(5000), opening: false },
      ],
    });
    render(AccountDetailView, { id: "acct_1Ace" });
    const table = await screen.findByTestId("balance-readings");
    const rows = within(table).getAllByTestId("balance-reading");
    expect(rows.map((r) => [r.querySelector("td")?.textContent, r.getAttribute("data-opening")])).toEqual([
      ["2026-11-20 10:00 EST", "false"],
      ["2026-11-10 10:00 EST", "false"],
      ["2026-11-01 10:00 EST", "true"],
    ]);
    expect(rows[0].textContent).toContain("-125.50 USD");
    expect(within(rows[2]).getByTestId("balance-reading-opening").textContent).toBe("Opening balance");
    expect(within(table).getAllByTestId("balance-reading-opening")).toHaveLength(1);
    expect(screen.getByTestId("balance-readings-note").textContent).toBe("A deactivation is judged against the latest reading at or before its instant.");
  });
  it("records the Stripe object id returned for an account request under its idempotency key", async () => {
    const request = {
      method: "POST",
      path: "/v1/issuing/credit_underwriting_records/create_from_application",
      stripe_account: "acct_1Ace",
      idempotency_key: "cdesk-acct_1Ace-application-1795600000",
      params: [["decision[type]", "credit_limit_approved"]] as Array<[string, string]>,
      body: "decision%5Btype%5D=credit_limit_approved",
    };
    current = accountView({}, { requests: [{ step: "underwriting_record", request, curl: "curl …", note: null, object_id: null }] });
    render(AccountDetailView, { props: { id: "acct_1Ace" } });
    await fireEvent.input(await screen.findByTestId("stripe-request-underwriting_record-object-id"), { target: { value: " icur_1Raise " } });
    await fireEvent.click(screen.getByTestId("stripe-request-underwriting_record-object-save"));
    await waitFor(() => expect(screen.getByTestId("stripe-request-underwriting_record-object").textContent).toContain("icur_1Raise"));
    const call = calls.find(([c]) => c === "record_account_stripe_object");
    expect(call?.[1]).toEqual({ input: { account: "acct_1Ace", idempotency_key: "cdesk-acct_1Ace-application-1795600000", object_id: "icur_1Raise" } });
  });
  it("records that the holder is a person, so later notices greet them by name", async () => {
    render(AccountDetailView, { id: "acct_1Kite" });
    const select = (await screen.findByTestId("account-business-type")) as HTMLSelectElement;
    expect(select.value).toBe("company");
    await fireEvent.change(select, { target: { value: "individual" } });
    await waitFor(() => expect(calls.some(([c]) => c === "set_business_type")).toBe(true));
    const [, args] = calls.find(([c]) => c === "set_business_type") as Call;
    expect(args.input).toEqual({ account: current.id, business_type: "individual" });
    await waitFor(() => expect((screen.getByTestId("account-business-type") as HTMLSelectElement).value).toBe("individual"));
  });

  it("shows who carries the losses, the country, debit_negative_balances and a rejection for fraud", async () => {
    current = accountView({ losses: "platform", country: "DE", debit_negative_balances: true, rejected_for_fraud_at: "2026-11-18T21:00:00Z" });
    render(AccountDetailView, { id: "acct_1Ace" });
    expect((await screen.findByTestId("account-losses")).textContent).toBe("Losses carried by the platform");
    expect(screen.getByTestId("account-country").textContent).toContain("DE");
    expect(screen.getByTestId("account-debit-negative-balances").textContent).toContain("debit_negative_balances on");
    expect(screen.getByTestId("account-rejected").textContent?.trim()).toBe("Rejected for fraud 2026-11-18 16:00 EST");
    await fireEvent.click(screen.getByTestId("account-reserve-link"));
    expect(nav.route).toEqual({ name: "reserve" });
  });

  it("says when Stripe carries the losses and the country is not recorded, with no rejection", async () => {
    current = accountView({ losses: "stripe" });
    render(AccountDetailView, { id: "acct_1Ace" });
    expect((await screen.findByTestId("account-losses")).textContent).toBe("Losses carried by Stripe");
    expect(screen.getByTestId("account-country").textContent).toContain("not recorded");
    expect(screen.getByTestId("account-debit-negative-balances").textContent).toContain("off");
    expect(screen.queryByTestId("account-rejected")).toBeNull();
    expect(screen.queryByTestId("account-reserve-link")).toBeNull();
  });
});
