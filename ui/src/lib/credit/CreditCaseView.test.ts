import { emit } from "@tauri-apps/api/event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { AccountView } from "../bindings/AccountView";
import type { CreditCaseView as CaseView } from "../bindings/CreditCaseView";
import type { CreditProgramView } from "../bindings/CreditProgramView";
import type { CreditStepInput } from "../bindings/CreditStepInput";
import type { Language } from "../bindings/Language";
import { mockRecordedBackend, notInThisTest, type Backend, type Call } from "../ipc/testing";
import { nav } from "../nav.svelte";
import { settingsStore } from "../settings/settings.svelte";
import { appInfo, teamChange, teamSignIn } from "../team/fixtures";
import { teamLive } from "../team/live.svelte";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import CreditCaseView from "../views/CreditCaseView.svelte";
import { creditCase } from "./case.svelte";
import {
  accountView,
  AWAITING_APPROVAL,
  caseEntry,
  caseViewBackend,
  closureApproved,
  closureAwaitingApproval,
  closureCase,
  closureNoticeSent,
  decisionEntry,
  programView,
  usd,
} from "./fixtures";
import { programStore } from "./program.svelte";

/** Each command's answer, given its input. */
type Answers = Record<string, (input: unknown) => CaseView>;

/** The case view's backend: the case `current()` gives, and `answers`' answer to any other command. */
function caseBackend(current: () => CaseView, answers: Answers): Backend {
  return caseViewBackend({ current }, (cmd, a) => {
    const answer = answers[cmd];
    if (!answer) throw notInThisTest(cmd);
    return answer(a.input);
  });
}

/** Fills the open notice-sent dialog (sent 2026-11-05 10:00 New York time) and records it. */
async function sendNotice(channel: string) {
  await fireEvent.input(screen.getByTestId("step-at"), { target: { value: "2026-11-05" } });
  await fireEvent.input(screen.getByTestId("step-at_time"), { target: { value: "10:00" } });
  await fireEvent.change(screen.getByTestId("step-channel"), { target: { value: channel } });
  await fireEvent.click(screen.getByTestId("step-submit"));
  await waitFor(() => expect(screen.queryByTestId("dialog-step-notice_sent")).toBeNull());
}

describe("credit case wizard", () => {
  let calls: Call[];
  let current: CaseView;
  /** The backend's answer to `save_credit_notice`: the path written, null when the dialog was cancelled. */
  let savedAnswer: () => unknown;
  let stepAnswer: ((input: unknown) => CaseView) | null;
  let voidAnswer: (input: unknown) => CaseView;
  let account: AccountView | null;
  let program: CreditProgramView;

  beforeEach(() => {
    calls = [];
    current = closureCase();
    program = programView();
    savedAnswer = () => null;
    stepAnswer = null;
    voidAnswer = () => current;
    account = null;
    mockRecordedBackend(
      calls,
      caseViewBackend({ current: () => current, account: () => account, program: () => program }, (cmd, a) => {
        switch (cmd) {
          case "app_info":
            return { version: "1", database_path: "x", export_dir: null };
          case "credit_notice_text":
            return `ADVERSE ACTION NOTICE (${(a.input as { language: string }).language})\n1. You have not kept up with other credit obligations`;
          case "save_credit_notice":
            return savedAnswer();
          case "credit_step":
            if (!stepAnswer) throw { code: "internal", message: "no answer", field: null, rule: null };
            return stepAnswer(a.input);
          case "void_credit_entry":
            return voidAnswer(a.input);
          default:
            throw notInThisTest(cmd);
        }
      }),
    );
  });

  afterEach(() => {
    clearMocks();
    creditCase.reset();
    programStore.view = null;
    toasts.items = [];
    nav.register();
  });

  it("shows every step in order with its state, and an action only on the steps that are ready", async () => {
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const steps = await screen.findByTestId("case-steps");
    const items = within(steps).getAllByTestId(/^case-step-[a-z_]+$/);
    expect(items.map((e) => [e.getAttribute("data-testid"), e.getAttribute("data-state")])).toEqual([
      ["case-step-decision", "done"],
      ["case-step-notice_sent", "ready"],
      ["case-step-deactivated", "ready"],
      ["case-step-wind_down_complete", "blocked"],
      ["case-step-capability_revoked", "blocked"],
    ]);
    expect(screen.getByTestId("case-step-notice_sent-action").textContent).toContain("Record as sent");
    // Deactivation does not wait for the notice, and nothing on the page says it does.
    expect(screen.getByTestId("case-step-deactivated-action").textContent).toContain("Deactivate policy");
    expect(screen.queryByTestId("case-step-deactivated-blocked")).toBeNull();
    expect(steps.textContent).not.toMatch(/notice (first|before)|before deactivat|in the order/i);
    expect(screen.getByTestId("credit-case-view").textContent).not.toMatch(/one before allows it/);
    expect(screen.queryByTestId("case-step-decision-action")).toBeNull();
    expect(screen.getByTestId("case-status").getAttribute("data-status")).toBe("open");
    const reasons = within(screen.getByTestId("case-reasons")).getAllByRole("listitem");
    expect(reasons.map((r) => r.getAttribute("data-code"))).toEqual(["delinquent_credit_obligations", "other"]);
    expect(reasons[1].textContent).toContain("Repeated chargebacks");
    expect(screen.getByTestId("stripe-request-decision-idempotency-key").textContent).toBe("cdesk-CRD-2026-00001-decision");
    expect(screen.getByTestId("stripe-request-decision-body").textContent).toContain("decision%5Btype%5D=credit_line_closed");
    expect(screen.getByTestId("stripe-request-notice_sent-note").textContent).toContain("Nothing goes to Stripe");
  });

  it("says how much to top up while the account owes Stripe, and offers to record the balance instead of deactivating", async () => {
    current = closureNoticeSent(-12550);
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const blocked = await screen.findByTestId("case-step-deactivated-blocked");
    expect(blocked.textContent).toContain("top it up by 125.50 USD");
    expect(screen.queryByTestId("case-step-deactivated-action")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("case-top-up").textContent).toContain("125.50 USD"));
    await fireEvent.click(screen.getByTestId("case-record-balance"));
    expect(await screen.findByTestId("dialog-record-balance")).toBeTruthy();
    const kept = screen.getByTestId("notice-kept").textContent ?? "";
    expect(kept).toContain("English");
    expect(kept).toContain("9f2c4e7a1b3d5f60");
  });

  it("records the notice as sent with its instant in UTC and channel", async () => {
    stepAnswer = () => closureNoticeSent(0);
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-notice_sent-action"));
    await screen.findByTestId("dialog-step-notice_sent");
    await sendNotice("email");
    expect(calls.find(([c]) => c === "credit_step")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", step: { type: "notice_sent", at: "2026-11-05T15:00:00Z", channel: "email", language: "en" }, seen: 1 },
    });
    expect(screen.getByTestId("case-step-notice_sent").getAttribute("data-state")).toBe("done");
    expect(screen.getByTestId("case-step-deactivated-action")).toBeTruthy();
  });

  it("shows the deactivation judged against the balance read at or before the instant typed", async () => {
    account = accountView({
      balance: usd(0),
      balance_at: "2026-11-20T15:00:00Z",
      balance_readings: [
        { at: "2026-11-01T15:00:00Z", balance: usd(-4000), opening: true },
        { at: "2026-11-20T15:00:00Z", balance: usd(0), opening: false },
      ],
    });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await waitFor(() => expect(creditCase.account).not.toBeNull());
    await fireEvent.click(await screen.findByTestId("case-step-deactivated-action"));
    await screen.findByTestId("dialog-step-deactivate");
    await fireEvent.input(screen.getByTestId("step-at"), { target: { value: "2026-11-21" } });
    await fireEvent.input(screen.getByTestId("step-at_time"), { target: { value: "09:00" } });
    expect(screen.getByTestId("step-balance").getAttribute("data-amount")).toBe("0");
    expect(screen.getByTestId("step-balance").textContent).toContain("read 2026-11-20 10:00 EST");
    await fireEvent.input(screen.getByTestId("step-at"), { target: { value: "2026-11-19" } });
    expect(screen.getByTestId("step-balance").getAttribute("data-amount")).toBe("-4000");
    expect(screen.getByTestId("step-balance").textContent).toContain("opening balance");
    expect(screen.getByTestId("dialog-step-deactivate").textContent).toMatch(/must be topped up by\s*40\.00 USD/);
  });

  it("shows a refusal in the dialog's banner naming the rule", async () => {
    current = closureNoticeSent(0);
    stepAnswer = () => {
      throw { code: "rule", message: "the account owes Stripe: its Issuing balance is -1.00 USD; top it up by 1.00 USD to zero before deactivating", field: null, rule: "deactivate_with_negative_balance" };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-deactivated-action"));
    await fireEvent.click(await screen.findByTestId("step-submit"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("top it up by 1.00 USD");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("deactivate_with_negative_balance");
    expect(screen.getByTestId("dialog-step-deactivate")).toBeTruthy();
    expect(screen.getByTestId("step-record-balance")).toBeTruthy();
  });

  it("puts a refusal naming the instant next to it", async () => {
    stepAnswer = () => {
      throw { code: "invalid_input", message: "a step of the case cannot come before its decision", field: "at", rule: null };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-notice_sent-action"));
    await fireEvent.change(await screen.findByTestId("step-channel"), { target: { value: "mail" } });
    await fireEvent.click(screen.getByTestId("step-submit"));
    expect((await screen.findByTestId("error-at")).textContent).toContain("cannot come before its decision");
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("previews the notice in the language chosen", async () => {
    current = closureCase(0, { program_missing: ["agency_name", "agency_address"] });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.change(await screen.findByTestId("notice-language"), { target: { value: "de" } });
    await fireEvent.click(screen.getByTestId("notice-preview"));
    const text = await screen.findByTestId("notice-preview-text");
    expect(text.textContent).toContain("ADVERSE ACTION NOTICE (de)");
    expect(calls.find(([c]) => c === "credit_notice_text")?.[1]).toEqual({ input: { case_id: "CRD-2026-00001", format: "text", language: "de" } });
    expect((await screen.findByTestId("notice-missing")).textContent).toContain("ECOA agency name");
  });

  it("saves the PDF through the backend and names the path it wrote", async () => {
    savedAnswer = () => "/srv/exports/adverse-action-notice-CRD-2026-00001-en.pdf";
    render(CreditCaseView, { id: "CRD-2026-00001" });
    render(Toaster);
    await fireEvent.click(await screen.findByTestId("notice-save-pdf"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("Notice (PDF, English) saved to /srv/exports/adverse-action-notice-CRD-2026-00001-en.pdf");
    // The case, format and language only: where the file goes is the backend's to decide.
    expect(calls.filter(([c]) => c === "save_credit_notice").map(([, a]) => a)).toEqual([{ input: { case_id: "CRD-2026-00001", format: "pdf", language: "en" } }]);
  });

  it("says nothing and keeps the language unused when the officer cancels the save dialog", async () => {
    savedAnswer = () => null;
    render(CreditCaseView, { id: "CRD-2026-00001" });
    render(Toaster);
    await fireEvent.change(await screen.findByTestId("notice-language"), { target: { value: "de" } });
    await fireEvent.click(screen.getByTestId("notice-save-text"));
    await waitFor(() => expect(calls.some(([c]) => c === "save_credit_notice")).toBe(true));
    await waitFor(() => expect(creditCase.saving).toBeNull());
    expect(calls.find(([c]) => c === "save_credit_notice")?.[1]).toEqual({ input: { case_id: "CRD-2026-00001", format: "text", language: "de" } });
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(creditCase.usedLanguage).toBeNull();
  });

  it("shows the backend's refusal when the notice cannot be written", async () => {
    savedAnswer = () => {
      throw { code: "invalid_input", message: "cannot write /read-only/notice.pdf: permission denied", field: "out", rule: null };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    render(Toaster);
    await fireEvent.click(await screen.findByTestId("notice-save-pdf"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The notice could not be saved.");
    expect(banner.textContent).toContain("cannot write /read-only/notice.pdf: permission denied");
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("records the Stripe object a done step produced", async () => {
    stepAnswer = () => ({ ...closureCase(), requests: closureCase().requests.map((r) => (r.step === "decision" ? { ...r, object_id: "icur_123" } : r)) });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.input(await screen.findByTestId("stripe-request-decision-object-id"), { target: { value: " icur_123 " } });
    await fireEvent.click(screen.getByTestId("stripe-request-decision-object-save"));
    expect(await screen.findByTestId("stripe-request-decision-object")).toBeTruthy();
    expect(calls.find(([c]) => c === "credit_step")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", step: { type: "record_stripe_object", step: "decision", object_id: "icur_123" }, seen: 1 },
    });
    expect(screen.queryByTestId("stripe-request-deactivated-object-id")).toBeNull();
  });

  it("marks an overdue notice in red, its deadline still pending", async () => {
    current = closureCase(0, { notice_overdue: true });
    current.steps[1] = { ...current.steps[1], overdue: true };
    current.clocks = [{ ...current.clocks[0], overdue: true }];
    render(CreditCaseView, { id: "CRD-2026-00001" });
    expect((await screen.findByTestId("notice-overdue-banner")).textContent).toContain("overdue");
    expect(screen.getByTestId("case-step-notice_sent-due").getAttribute("data-overdue")).toBe("true");
    expect(screen.getByTestId("case-step-notice_sent-state").textContent).toContain("Overdue");
    const clock = screen.getByTestId("case-notice-clock");
    expect(clock.getAttribute("data-state")).toBe("pending");
    expect(screen.getByTestId("case-notice-clock-state").textContent).toBe("Pending");
    expect(screen.getByTestId("case-notice-clock-overdue").textContent).toBe("Overdue");
  });

  it("shows the notice's deadline as met once it was sent in time", async () => {
    current = closureNoticeSent(0);
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const clock = await screen.findByTestId("case-notice-clock");
    expect(clock.getAttribute("data-state")).toBe("met");
    expect(clock.textContent).toContain("Was due by");
    expect(screen.getByTestId("case-step-notice_sent-due").textContent).toBe("2026-12-02 10:00 EST");
    expect(screen.getByTestId("case-notice-clock-state").textContent).toBe("Met");
    expect(screen.queryByTestId("case-notice-clock-overdue")).toBeNull();
  });

  it("records the notice as sent in the language last previewed, or the one the officer chooses", async () => {
    stepAnswer = () => closureNoticeSent(0);
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.change(await screen.findByTestId("notice-language"), { target: { value: "de" } });
    await fireEvent.click(screen.getByTestId("notice-preview"));
    await screen.findByTestId("notice-preview-text");
    await fireEvent.click(screen.getByTestId("case-step-notice_sent-action"));
    await screen.findByTestId("dialog-step-notice_sent");
    const language = screen.getByTestId("step-language") as HTMLSelectElement;
    expect(language.value).toBe("de");
    expect(language.selectedOptions[0].textContent).toBe("Deutsch");
    await fireEvent.change(language, { target: { value: "ja" } });
    await sendNotice("mail");
    expect(calls.find(([c]) => c === "credit_step")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", step: { type: "notice_sent", at: "2026-11-05T15:00:00Z", channel: "mail", language: "ja" }, seen: 1 },
    });
  });

  it("preselects the language of the notice preview in Record as sent, sends it, and shows the notice kept in it", async () => {
    // The backend keeps the notice in the language it is sent.
    stepAnswer = (input) => {
      const step = (input as CreditStepInput).step;
      return closureNoticeSent(0, step.type === "notice_sent" ? ((step.language ?? "en") as Language) : "en");
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.change(await screen.findByTestId("notice-language"), { target: { value: "ja" } });
    await fireEvent.click(screen.getByTestId("notice-preview"));
    expect((await screen.findByTestId("notice-preview-text")).textContent).toContain("ADVERSE ACTION NOTICE (ja)");
    await fireEvent.click(screen.getByTestId("case-step-notice_sent-action"));
    const dialog = await screen.findByTestId("dialog-step-notice_sent");
    const language = within(dialog).getByTestId("step-language") as HTMLSelectElement;
    expect(language.value).toBe("ja");
    expect(language.selectedOptions[0].textContent).toBe("日本語");
    expect(within(dialog).getByText("Language of the notice sent")).toBeTruthy();
    await sendNotice("email");
    expect(calls.filter(([c]) => c === "credit_step").map(([, a]) => a)).toEqual([
      { input: { case_id: "CRD-2026-00001", step: { type: "notice_sent", at: "2026-11-05T15:00:00Z", channel: "email", language: "ja" }, seen: 1 } },
    ]);
    const kept = screen.getByTestId("notice-kept");
    expect(kept.textContent).toContain("Notice sent 2026-11-05 10:00 EST by email, in Japanese (日本語)");
    expect(kept.textContent).toContain("SHA-256 9f2c4e7a1b3d5f60…");
    expect(kept.getAttribute("data-language")).toBe("ja");
    expect(screen.queryByTestId("notice-late")).toBeNull();
  });

  it("preselects the program's notice language when the officer has not picked one", async () => {
    program = programView({ program: { ...programView().program, notice_language: "de" } });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await waitFor(() => expect((screen.getByTestId("notice-language") as HTMLSelectElement).value).toBe("de"));
    await fireEvent.click(screen.getByTestId("case-step-notice_sent-action"));
    const language = (await screen.findByTestId("step-language")) as HTMLSelectElement;
    expect(language.value).toBe("de");
    expect(language.selectedOptions[0].textContent).toBe("Deutsch");
  });

  it("shows the notice kept as the backend recorded it: its language, and late when it was", async () => {
    current = closureNoticeSent(0, "de", true);
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const kept = await screen.findByTestId("notice-kept");
    expect(kept.textContent).toContain("Notice sent 2026-11-05 10:00 EST by email, in German (Deutsch)");
    expect(within(kept).getByTestId("notice-late").textContent).toBe("Late");
    expect(kept.getAttribute("data-late")).toBe("true");
  });

  it("says so when a notice was recorded before notices kept their language", async () => {
    const sent = closureNoticeSent(0);
    current = { ...sent, notice_sent: sent.notice_sent && { ...sent.notice_sent, language: null, sha256: null } };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const kept = await screen.findByTestId("notice-kept");
    expect(kept.textContent).toContain("by email, language not recorded");
    expect(kept.textContent).not.toContain("SHA-256");
  });

  it("keeps Record as sent disabled while the program lacks the creditor or the agency, and drafts available", async () => {
    current = closureCase(0, {
      program_missing: ["creditor_address", "creditor_phone", "agency_name"],
      notice_send_blocked_by:
        "The notice cannot be recorded as sent until the credit program has the creditor's and the ECOA agency's name and address. Missing: Creditor address, ECOA agency name.",
    });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const action = (await screen.findByTestId("case-step-notice_sent-action")) as HTMLButtonElement;
    expect(action.disabled).toBe(true);
    const why = screen.getByTestId("case-step-notice_sent-action-blocked");
    expect(why.textContent).toContain("Missing: Creditor address, ECOA agency name.");
    expect(why.textContent).not.toContain("phone");
    expect(action.getAttribute("title")).toContain("Creditor address, ECOA agency name");
    expect(screen.getByTestId("case-step-notice_sent-action-settings").textContent).toBe("Settings, Credit program");
    await fireEvent.click(action);
    expect(screen.queryByTestId("dialog-step-notice_sent")).toBeNull();
    expect((screen.getByTestId("notice-preview") as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByTestId("notice-save-pdf") as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(screen.getByTestId("case-step-notice_sent-action-settings"));
    expect(nav.route).toEqual({ name: "settings" });
  });

  it("offers Record as sent when only the phone is missing", async () => {
    current = closureCase(0, { program_missing: ["creditor_phone"] });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    expect(((await screen.findByTestId("case-step-notice_sent-action")) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByTestId("case-step-notice_sent-action-blocked")).toBeNull();
  });

  describe("timeline", () => {
    beforeEach(() => {
      current = closureNoticeSent(0);
    });

    const voidedNotice = (): CaseView => {
      const c = closureCase(0);
      return {
        ...c,
        timeline: [
          decisionEntry(),
          caseEntry(2, { voided: true, voided_by: 3, void_reason: "Sent to the wrong address", can_void: false }),
          caseEntry(3, { action: "voided", occurred_at: null, recorded_at: "2026-11-06T15:00:00Z", description: "Entry 2 voided", can_void: false }),
        ],
        history: [{ seq: 3, recorded_at: "2026-11-06T15:00:00Z", actor: "a.okafor", action: "voided", details: JSON.stringify({ seq: 2, reason: "Sent to the wrong address" }) }],
        revision: 3,
      };
    };

    it("replaces the history list with the timeline, oldest first", async () => {
      render(CreditCaseView, { id: "CRD-2026-00001" });
      const timeline = await screen.findByTestId("case-timeline");
      expect(within(timeline).getAllByTestId(/^case-timeline-entry-\d+$/).map((e) => e.getAttribute("data-action"))).toEqual(["decision_recorded", "notice_sent"]);
      expect(screen.queryByTestId("case-history")).toBeNull();
      // The decision is never voided; the notice may be.
      expect(screen.queryByTestId("case-void-entry-1")).toBeNull();
      expect((screen.getByTestId("case-void-entry-2") as HTMLButtonElement).disabled).toBe(false);
    });

    it("strikes through a voided entry and says which entry voided it and why", async () => {
      current = voidedNotice();
      render(CreditCaseView, { id: "CRD-2026-00001" });
      const voided = await screen.findByTestId("case-timeline-entry-2");
      const struck = within(voided).getByTestId("case-timeline-voided");
      expect(struck.classList.contains("struck")).toBe(true);
      expect(struck.textContent).toContain("Adverse-action notice sent by email");
      expect(within(voided).getByTestId("case-timeline-void-reason").textContent).toBe("Voided by entry 3: Sent to the wrong address");
      expect(screen.getAllByTestId("case-timeline-voided")).toHaveLength(1);
      expect(screen.queryByTestId("case-void-entry-2")).toBeNull();
      expect(screen.queryByTestId("case-void-entry-3")).toBeNull();
      expect(within(screen.getByTestId("case-timeline-entry-3")).getByText("Sent to the wrong address")).toBeTruthy();
    });

    it("marks an entry entered late and shows when it happened and when it was recorded", async () => {
      current = { ...closureNoticeSent(0), timeline: [decisionEntry(), caseEntry(2, { entered_late: true, recorded_at: "2026-11-20T15:30:00Z" })] };
      render(CreditCaseView, { id: "CRD-2026-00001" });
      const entry = await screen.findByTestId("case-timeline-entry-2");
      const badge = within(entry).getByTestId("case-timeline-late");
      expect(badge.textContent).toBe("Entered late");
      expect(badge.getAttribute("title")).toMatch(/late-entry threshold/);
      expect(within(entry).getByTestId("case-timeline-occurred-2").textContent).toBe("2026-11-05 10:00 EST");
      expect(within(entry).getByTestId("case-timeline-recorded-2").textContent).toBe("2026-11-20 10:30 EST");
      expect(within(screen.getByTestId("case-timeline-entry-1")).queryByTestId("case-timeline-occurred-1")).toBeNull();
    });

    it("shows Void disabled with the backend's reason when a later entry depends on it", async () => {
      const reason = "entry 3 (policy_deactivated) depends on entry 2: void entry 3 first";
      current = { ...closureNoticeSent(0), timeline: [decisionEntry(), caseEntry(2, { can_void: false, void_blocked_by: reason })] };
      render(CreditCaseView, { id: "CRD-2026-00001" });
      const button = (await screen.findByTestId("case-void-entry-2")) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.getAttribute("title")).toBe(reason);
      expect(screen.getByTestId("case-void-blocked-2").textContent).toBe(reason);
      await fireEvent.click(button);
      expect(screen.queryByTestId("dialog-case-void")).toBeNull();
    });

    it("voids an entry with its seq and the reason, and shows the case the backend returns", async () => {
      voidAnswer = () => voidedNotice();
      render(CreditCaseView, { id: "CRD-2026-00001" });
      await fireEvent.click(await screen.findByTestId("case-void-entry-2"));
      const dialog = await screen.findByTestId("dialog-case-void");
      expect(dialog.textContent).toContain("Adverse-action notice sent by email");
      await fireEvent.click(screen.getByTestId("case-void-submit"));
      expect((await screen.findByTestId("error-reason")).textContent).toMatch(/recorded in error/);
      expect(calls.some(([c]) => c === "void_credit_entry")).toBe(false);
      await fireEvent.input(screen.getByTestId("case-void-reason"), { target: { value: " Sent to the wrong address " } });
      await fireEvent.click(screen.getByTestId("case-void-submit"));
      await waitFor(() => expect(screen.queryByTestId("dialog-case-void")).toBeNull());
      expect(calls.filter(([c]) => c === "void_credit_entry").map(([, a]) => a)).toEqual([{ input: { case_id: "CRD-2026-00001", seq: 2, reason: "Sent to the wrong address", seen: 2 } }]);
      expect(within(screen.getByTestId("case-timeline-entry-2")).getByTestId("case-timeline-void-reason").textContent).toBe("Voided by entry 3: Sent to the wrong address");
      expect(screen.getByTestId("case-step-notice_sent").getAttribute("data-state")).toBe("ready");
    });

    it("shows the backend's refusal in the void dialog", async () => {
      voidAnswer = () => {
        throw { code: "rule", message: "entry 3 (policy_deactivated) depends on entry 2: void entry 3 first", field: null, rule: "void_keeps_history_consistent" };
      };
      render(CreditCaseView, { id: "CRD-2026-00001" });
      await fireEvent.click(await screen.findByTestId("case-void-entry-2"));
      await fireEvent.input(await screen.findByTestId("case-void-reason"), { target: { value: "Typed twice" } });
      await fireEvent.click(screen.getByTestId("case-void-submit"));
      const dialog = screen.getByTestId("dialog-case-void");
      expect((await within(dialog).findByTestId("error-banner")).textContent).toContain("void entry 3 first");
      expect(within(dialog).getByTestId("error-banner-rule").textContent).toBe("void_keeps_history_consistent");
      expect(within(screen.getByTestId("case-timeline-entry-2")).queryByTestId("case-timeline-voided")).toBeNull();
    });
  });
});

describe("credit case wizard: four eyes and assignment", () => {
  let calls: Call[];
  let current: CaseView;
  let answers: Answers;

  beforeEach(() => {
    calls = [];
    current = closureAwaitingApproval();
    answers = {};
    mockRecordedBackend(calls, caseBackend(() => current, answers));
  });

  afterEach(() => {
    clearMocks();
    creditCase.reset();
    programStore.view = null;
    toasts.items = [];
    nav.register();
  });

  const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

  it("shows a decision awaiting approval: the approval step ready, every later step blocked by it", async () => {
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const steps = await screen.findByTestId("case-steps");
    const items = within(steps).getAllByTestId(/^case-step-[a-z_]+$/);
    expect(items.map((e) => [e.getAttribute("data-testid"), e.getAttribute("data-state")])).toEqual([
      ["case-step-decision", "done"],
      ["case-step-approval", "ready"],
      ["case-step-notice_sent", "blocked"],
      ["case-step-deactivated", "blocked"],
      ["case-step-wind_down_complete", "blocked"],
      ["case-step-capability_revoked", "blocked"],
    ]);
    const status = screen.getByTestId("case-status");
    expect(status.getAttribute("data-status")).toBe("awaiting_approval");
    expect(status.textContent).toBe("Awaiting approval");
    const approval = screen.getByTestId("case-step-approval");
    expect(within(approval).getByRole("heading").textContent).toBe("Four-eyes approval");
    expect(within(approval).getByTestId("case-approval-requested-by").textContent).toBe("a.okafor");
    expect(screen.getByTestId("case-step-approval-action").textContent).toContain("Approve decision");
    expect(screen.getByTestId("case-step-notice_sent-blocked").textContent?.trim()).toBe(AWAITING_APPROVAL.charAt(0).toUpperCase() + AWAITING_APPROVAL.slice(1));
    // Nothing after the decision is offered until it is approved.
    expect(screen.queryByTestId("case-step-notice_sent-action")).toBeNull();
    expect(screen.queryByTestId("case-step-deactivated-action")).toBeNull();
  });

  it("approves the decision with the approver's name, confirmed, at the instant typed in UTC", async () => {
    answers.approve_credit_case = () => closureApproved();
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-approval-action"));
    const dialog = screen.getByTestId("dialog-approve-case");
    expect(within(dialog).getByTestId("approve-asked").textContent).toBe("a.okafor recorded this decision (Closure) on 2026-11-02 10:00 EST, with these principal reasons:");
    expect(within(dialog).getByTestId("approve-reasons").textContent).toContain("You have not kept up with other credit obligations");
    await fireEvent.input(within(dialog).getByTestId("approve-at"), { target: { value: "2026-11-03" } });
    await fireEvent.input(within(dialog).getByTestId("approve-at_time"), { target: { value: "09:00" } });
    await fireEvent.click(screen.getByTestId("approve-submit"));
    expect(screen.getByTestId("error-approver")).toBeTruthy();
    await fireEvent.input(screen.getByTestId("approve-approver"), { target: { value: "Ben Okafor" } });
    await fireEvent.click(screen.getByTestId("approve-submit"));
    expect(screen.getByTestId("error-confirm")).toBeTruthy();
    expect(sent("approve_credit_case")).toEqual([]);
    await fireEvent.click(screen.getByTestId("approve-confirm"));
    await fireEvent.click(screen.getByTestId("approve-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-approve-case")).toBeNull());
    expect(sent("approve_credit_case")).toEqual([{ input: { case_id: "CRD-2026-00001", at: "2026-11-03T14:00:00Z", approver: "Ben Okafor", seen: 1 } }]);
    expect(screen.getByTestId("case-step-approval").getAttribute("data-state")).toBe("done");
    expect(screen.getByTestId("case-approval-approved").textContent).toContain("Ben Okafor on 2026-11-03 09:00 EST");
    expect(screen.getByTestId("case-status").getAttribute("data-status")).toBe("open");
    expect(screen.getByTestId("case-step-notice_sent-action")).toBeTruthy();
    const entry = screen.getByTestId("case-timeline-entry-2");
    expect(entry.getAttribute("data-action")).toBe("decision_approved");
    expect(entry.textContent).toContain("Decision approved by Ben Okafor (four eyes)");
    expect(entry.textContent).toContain("Decision approved");
  });

  it("shows the refusal when the officer who recorded the decision tries to approve it", async () => {
    answers.approve_credit_case = () => {
      throw { code: "rule", message: "a.okafor recorded this decision and cannot approve it: a second officer must", field: null, rule: "four_eyes_not_own_decision" };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-approval-action"));
    await fireEvent.input(screen.getByTestId("approve-approver"), { target: { value: "a.okafor" } });
    await fireEvent.click(screen.getByTestId("approve-confirm"));
    await fireEvent.click(screen.getByTestId("approve-submit"));
    const dialog = screen.getByTestId("dialog-approve-case");
    expect((await within(dialog).findByTestId("error-banner")).textContent).toContain("cannot approve it: a second officer must");
    expect(within(dialog).getByTestId("error-banner-rule").textContent).toBe("four_eyes_not_own_decision");
    expect(screen.getByTestId("case-step-approval").getAttribute("data-state")).toBe("ready");
  });

  it("shows who the case is assigned to, and assigns it", async () => {
    current = closureCase();
    answers.assign_credit_case = (input) => {
      const to = (input as { to: string }).to;
      return { ...current, case: { ...current.case, assignee: to }, timeline: [decisionEntry(), caseEntry(2, { action: "assigned", occurred_at: null, description: `Assigned to ${to}` })] };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    expect((await screen.findByTestId("case-assignee")).textContent?.trim()).toBe("Unassigned");
    await fireEvent.click(screen.getByTestId("case-assign"));
    await fireEvent.input(screen.getByTestId("assign-to"), { target: { value: " Ben Okafor" } });
    await fireEvent.click(screen.getByTestId("assign-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-assign")).toBeNull());
    expect(sent("assign_credit_case")).toEqual([{ input: { case_id: "CRD-2026-00001", to: "Ben Okafor", seen: 1 } }]);
    expect(screen.getByTestId("case-assignee").textContent?.trim()).toBe("Assigned to Ben Okafor");
    const entry = screen.getByTestId("case-timeline-entry-2");
    expect(entry.getAttribute("data-action")).toBe("assigned");
    expect(entry.textContent).toContain("Assigned to Ben Okafor");
  });
});

describe("credit case wizard: changes made elsewhere, and a team database", () => {
  let calls: Call[];
  let current: CaseView;
  let answers: Answers;
  let stopListening: () => void = () => {};

  beforeEach(async () => {
    calls = [];
    current = closureCase();
    answers = {};
    mockRecordedBackend(calls, caseBackend(() => current, answers), { shouldMockEvents: true });
    stopListening = await teamLive.listen();
  });

  afterEach(() => {
    stopListening();
    teamLive.reset();
    clearMocks();
    creditCase.reset();
    programStore.view = null;
    settingsStore.info = null;
    toasts.items = [];
    nav.register();
  });

  const reads = () => calls.filter(([c]) => c === "get_credit_case").length;
  const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a);

  it("shows a stale-view refusal with the backend's words and a Reload that shows the case as it is now", async () => {
    const message = "CRD-2026-00001 was changed by ben on 2026-11-05 10:00 EST (entry 2) after you opened it; nothing was recorded: reload it and decide again";
    answers.credit_step = () => {
      throw { code: "rule", message, field: null, rule: "stale_view" };
    };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-notice_sent-action"));
    await fireEvent.input(screen.getByTestId("step-at"), { target: { value: "2026-11-05" } });
    await fireEvent.input(screen.getByTestId("step-at_time"), { target: { value: "10:00" } });
    await fireEvent.change(screen.getByTestId("step-channel"), { target: { value: "email" } });
    await fireEvent.click(screen.getByTestId("step-submit"));
    const dialog = screen.getByTestId("dialog-step-notice_sent");
    const banner = await within(dialog).findByTestId("error-banner");
    expect(banner.textContent).toContain(message);
    expect(sent("credit_step")).toEqual([{ input: { case_id: "CRD-2026-00001", step: { type: "notice_sent", at: "2026-11-05T15:00:00Z", channel: "email", language: "en" }, seen: 1 } }]);

    current = closureNoticeSent(0);
    const before = reads();
    await fireEvent.click(within(banner).getByTestId("stale-reload"));
    await waitFor(() => expect(screen.getByTestId("case-step-notice_sent").getAttribute("data-state")).toBe("done"));
    expect(reads()).toBe(before + 1);
    expect(screen.queryByTestId("dialog-step-notice_sent")).toBeNull();
  });

  it("reloads the case shown when another desk changed it, and says so instead while a dialog is open on it", async () => {
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await screen.findByTestId("case-steps");
    const first = reads();
    // Another case: nothing to read again.
    await emit("team-change", teamChange({ last_seq: 2, records: [{ entity: "credit_case", id: "CRD-2026-00002" }] }));
    teamLive.flush();
    expect(reads()).toBe(first);

    current = closureNoticeSent(0);
    await emit("team-change", teamChange({ actor: "ben", last_seq: 2, records: [{ entity: "credit_case", id: "CRD-2026-00001" }] }));
    teamLive.flush();
    await waitFor(() => expect(screen.getByTestId("case-step-notice_sent").getAttribute("data-state")).toBe("done"));
    expect(reads()).toBe(first + 1);

    // With the assign dialog open, the case stays as the officer sees it.
    await fireEvent.click(screen.getByTestId("case-assign"));
    current = { ...closureNoticeSent(0), revision: 3, case: { ...closureNoticeSent(0).case, assignee: "ben" } };
    await emit("team-change", teamChange({ actor: "ben", last_seq: 3, records: [{ entity: "credit_case", id: "CRD-2026-00001" }] }));
    teamLive.flush();
    const banner = await within(screen.getByTestId("dialog-assign")).findByTestId("changed-elsewhere");
    expect(banner.textContent).toContain("Changed by ben");
    expect(reads()).toBe(first + 1);
    await fireEvent.click(within(banner).getByTestId("changed-elsewhere-reload"));
    await waitFor(() => expect(screen.getByTestId("case-assignee").textContent?.trim()).toBe("Assigned to ben"));
    expect(screen.queryByTestId("dialog-assign")).toBeNull();
  });

  it("approves as the officer signed in to the team database: no name asked, no approver sent", async () => {
    settingsStore.info = appInfo(teamSignIn({ officer: "ben" }));
    current = closureAwaitingApproval();
    answers.approve_credit_case = () => closureApproved();
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("case-step-approval-action"));
    const dialog = screen.getByTestId("dialog-approve-case");
    expect(within(dialog).queryByTestId("approve-approver")).toBeNull();
    expect(within(dialog).getByTestId("approve-as").textContent).toContain("Approve as ben");
    await fireEvent.input(within(dialog).getByTestId("approve-at"), { target: { value: "2026-11-03" } });
    await fireEvent.input(within(dialog).getByTestId("approve-at_time"), { target: { value: "09:00" } });
    await fireEvent.click(screen.getByTestId("approve-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-approve-case")).toBeNull());
    expect(sent("approve_credit_case")).toEqual([{ input: { case_id: "CRD-2026-00001", at: "2026-11-03T14:00:00Z", approver: null, seen: 1 } }]);
    expect(toasts.items.map((t) => t.message).join(" ")).toContain("ben");
  });
});
