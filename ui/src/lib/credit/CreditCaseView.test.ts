import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(), open: vi.fn() }));
import { save } from "@tauri-apps/plugin-dialog";

import type { CreditCaseView as CaseView } from "../bindings/CreditCaseView";
import { nav } from "../nav.svelte";
import CreditCaseView from "../views/CreditCaseView.svelte";
import { creditCase } from "./case.svelte";
import { accountView, closureCase, closureNoticeSent, programView } from "./fixtures";
import { programStore } from "./program.svelte";

type Call = [string, Record<string, unknown>];

describe("credit case wizard", () => {
  let calls: Call[];
  let current: CaseView;
  let exportDir: string | null;
  let stepAnswer: ((input: unknown) => CaseView) | null;

  beforeEach(() => {
    calls = [];
    current = closureCase();
    exportDir = null;
    stepAnswer = null;
    vi.mocked(save).mockReset();
    mockIPC((cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push([cmd, a]);
      switch (cmd) {
        case "get_credit_case":
          return current;
        case "get_account":
          return accountView({ balance: current.case.balance });
        case "credit_program":
          return programView();
        case "app_info":
          return { version: "1", database_path: "x", export_dir: exportDir };
        case "notice_counts":
          return { overdue: 0, due_soon: 0 };
        case "credit_notice_text":
          return `ADVERSE ACTION NOTICE (${(a.input as { language: string }).language})\n1. You have not kept up with other credit obligations`;
        case "save_credit_notice":
          return null;
        case "credit_step":
          if (!stepAnswer) throw { code: "internal", message: "no answer", field: null, rule: null };
          return stepAnswer(a.input);
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    creditCase.reset();
    programStore.view = null;
    nav.register();
  });

  it("shows every step in order with its state, and an action only on the step that is ready", async () => {
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const steps = await screen.findByTestId("case-steps");
    const items = within(steps).getAllByTestId(/^case-step-[a-z_]+$/);
    expect(items.map((e) => [e.getAttribute("data-testid"), e.getAttribute("data-state")])).toEqual([
      ["case-step-decision", "done"],
      ["case-step-notice_sent", "ready"],
      ["case-step-deactivated", "blocked"],
      ["case-step-wind_down_complete", "blocked"],
      ["case-step-capability_revoked", "blocked"],
    ]);
    expect(screen.getByTestId("case-step-notice_sent-action").textContent).toContain("Record as sent");
    expect(screen.queryByTestId("case-step-deactivated-action")).toBeNull();
    expect(screen.getByTestId("case-step-deactivated-blocked").textContent).toContain("Send the adverse-action notice with the reasons before deactivating");
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
    await fireEvent.input(screen.getByTestId("step-at"), { target: { value: "2026-11-05" } });
    await fireEvent.input(screen.getByTestId("step-at_time"), { target: { value: "10:00" } });
    await fireEvent.change(screen.getByTestId("step-channel"), { target: { value: "email" } });
    await fireEvent.click(screen.getByTestId("step-submit"));
    await waitFor(() => expect(screen.queryByTestId("dialog-step-notice_sent")).toBeNull());
    expect(calls.find(([c]) => c === "credit_step")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", step: { type: "notice_sent", at: "2026-11-05T15:00:00Z", channel: "email" } },
    });
    expect(screen.getByTestId("case-step-notice_sent").getAttribute("data-state")).toBe("done");
    expect(screen.getByTestId("case-step-deactivated-action")).toBeTruthy();
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
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.change(await screen.findByTestId("notice-language"), { target: { value: "de" } });
    await fireEvent.click(screen.getByTestId("notice-preview"));
    const text = await screen.findByTestId("notice-preview-text");
    expect(text.textContent).toContain("ADVERSE ACTION NOTICE (de)");
    expect(calls.find(([c]) => c === "credit_notice_text")?.[1]).toEqual({ input: { case_id: "CRD-2026-00001", format: "text", language: "de" } });
    expect((await screen.findByTestId("notice-missing")).textContent).toContain("ECOA agency name");
  });

  it("saves the PDF straight into the export folder when there is one", async () => {
    exportDir = "/srv/exports";
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("notice-save-pdf"));
    await waitFor(() => expect(calls.some(([c]) => c === "save_credit_notice")).toBe(true));
    expect(calls.find(([c]) => c === "save_credit_notice")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", format: "pdf", language: "en" },
      path: "/srv/exports/adverse-action-notice-CRD-2026-00001-en.pdf",
    });
    expect(save).not.toHaveBeenCalled();
  });

  it("asks where to save the text when there is no export folder", async () => {
    vi.mocked(save).mockResolvedValue("/home/officer/notice.txt");
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.click(await screen.findByTestId("notice-save-text"));
    await waitFor(() => expect(calls.some(([c]) => c === "save_credit_notice")).toBe(true));
    expect(vi.mocked(save).mock.calls[0][0]).toMatchObject({ defaultPath: "adverse-action-notice-CRD-2026-00001-en.txt" });
    expect(calls.find(([c]) => c === "save_credit_notice")?.[1]).toMatchObject({ input: { format: "text" }, path: "/home/officer/notice.txt" });
  });

  it("records the Stripe object a done step produced", async () => {
    stepAnswer = () => ({ ...closureCase(), requests: closureCase().requests.map((r) => (r.step === "decision" ? { ...r, object_id: "icur_123" } : r)) });
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await fireEvent.input(await screen.findByTestId("stripe-request-decision-object-id"), { target: { value: " icur_123 " } });
    await fireEvent.click(screen.getByTestId("stripe-request-decision-object-save"));
    expect(await screen.findByTestId("stripe-request-decision-object")).toBeTruthy();
    expect(calls.find(([c]) => c === "credit_step")?.[1]).toEqual({
      input: { case_id: "CRD-2026-00001", step: { type: "record_stripe_object", step: "decision", object_id: "icur_123" } },
    });
    expect(screen.queryByTestId("stripe-request-deactivated-object-id")).toBeNull();
  });

  it("marks an overdue notice in red", async () => {
    current = closureCase(0, { notice_overdue: true });
    current.steps[1] = { ...current.steps[1], overdue: true };
    render(CreditCaseView, { id: "CRD-2026-00001" });
    expect((await screen.findByTestId("notice-overdue-banner")).textContent).toContain("overdue");
    expect(screen.getByTestId("case-step-notice_sent-due").getAttribute("data-overdue")).toBe("true");
    expect(screen.getByTestId("case-step-notice_sent-state").textContent).toContain("Overdue");
  });
});
