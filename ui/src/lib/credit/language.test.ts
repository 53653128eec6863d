// The credit screens in German and Japanese: the interface's own words follow the language at
// once, dates are written the language's way, and what the backend wrote (the notice's reasons,
// the refusals) and the names of the notice languages stay as they are.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreditCaseView as CaseView } from "../bindings/CreditCaseView";
import { setLanguage } from "../i18n";
import { mockBackend, notInThisTest } from "../ipc/testing";
import { nav } from "../nav.svelte";
import { toasts } from "../shared/toast.svelte";
import CreditCaseView from "../views/CreditCaseView.svelte";
import { creditCase } from "./case.svelte";
import DecisionDialog from "./DecisionDialog.svelte";
import { caseViewBackend, closureAwaitingApproval, closureCase, closureNoticeSent, connectedAccount, programView } from "./fixtures";
import { describeEntry } from "./history";
import { caseStatusLabel, periodText, stepTitle } from "./labels";
import { programStore } from "./program.svelte";

describe("credit cases in the interface language", () => {
  let current: CaseView;

  beforeEach(() => {
    current = closureCase();
    mockBackend(
      caseViewBackend({ current: () => current }, (cmd) => {
        if (cmd === "app_info") return { version: "1", database_path: "x", export_dir: null };
        throw notInThisTest(cmd);
      }),
    );
  });

  afterEach(() => {
    clearMocks();
    creditCase.reset();
    programStore.view = null;
    toasts.items = [];
    nav.register();
    setLanguage("en");
    localStorage.clear();
  });

  it("names the four-eyes approval, its state and its button in German and Japanese", async () => {
    current = closureAwaitingApproval();
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const approval = await screen.findByTestId("case-step-approval");
    setLanguage("de");
    flushSync();
    expect(within(approval).getByRole("heading").textContent).toBe("Freigabe (Vier-Augen-Prinzip)");
    expect(screen.getByTestId("case-status").textContent).toBe("Wartet auf Freigabe");
    expect(screen.getByTestId("case-step-approval-action").textContent).toContain("Entscheidung freigeben");
    expect(screen.getByTestId("case-assignee").textContent?.trim()).toBe("Nicht zugewiesen");
    // What blocks the later steps is the backend's sentence, as sent.
    expect(screen.getByTestId("case-step-notice_sent-blocked").textContent).toContain("takes effect once a second officer approves it");
    setLanguage("ja");
    flushSync();
    expect(within(approval).getByRole("heading").textContent).toBe("二者承認");
    expect(screen.getByTestId("case-status").textContent).toBe("承認待ち");
    expect(screen.getByTestId("case-step-approval-action").textContent).toContain("決定を承認");
  });

  it("shows a case in German once the language is switched, with German dates and the backend's texts as sent", async () => {
    current = closureNoticeSent(0, "ja");
    render(CreditCaseView, { id: "CRD-2026-00001" });
    const steps = await screen.findByTestId("case-steps");
    expect(screen.getByRole("heading", { name: "Steps" })).toBeTruthy();

    setLanguage("de");
    flushSync();
    expect(screen.getByRole("heading", { name: "Schritte" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Verlauf" })).toBeTruthy();
    expect(screen.getByTestId("case-status").textContent).toBe("Offen");
    expect(screen.getByTestId("case-kind").textContent).toBe("Schließung");
    expect(within(steps).getByRole("heading", { name: "Mitteilung über die nachteilige Entscheidung" })).toBeTruthy();
    expect(screen.getByTestId("case-step-notice_sent-state").textContent).toBe("Erledigt");
    expect(screen.getByTestId("case-step-deactivated-action").textContent).toContain("Richtlinie deaktivieren…");
    expect(screen.getByTestId("case-step-notice_sent-due").textContent).toBe("02.12.2026, 10:00 EST");
    expect(screen.getByTestId("case-notice-clock-state").textContent).toBe("Fristgerecht");
    // The notice kept as sent: how and when in German, the notice language by its own name.
    expect(screen.getByTestId("notice-kept").textContent).toContain("Mitteilung am 05.11.2026, 10:00 EST per E-Mail versandt, auf Japanisch (日本語)");
    // The backend's words stay as it sent them: the notice's reasons and what blocks a step.
    const reasons = within(screen.getByTestId("case-reasons")).getAllByRole("listitem");
    expect(reasons[0].textContent).toContain("You have not kept up with other credit obligations");
    expect(screen.getByTestId("case-step-wind_down_complete-blocked").textContent).toContain("The 31-day wind-down starts when the credit policy is deactivated");
    expect(screen.getByTestId("stripe-request-notice_sent-note").textContent).toContain("Nothing goes to Stripe");
    const language = screen.getByTestId("notice-language") as HTMLSelectElement;
    expect(Array.from(language.options).map((o) => o.textContent)).toEqual(["English", "Deutsch", "日本語"]);
  });

  it("shows a case in Japanese, and the step dialog's words and choices", async () => {
    render(CreditCaseView, { id: "CRD-2026-00001" });
    await screen.findByTestId("case-steps");
    setLanguage("ja");
    flushSync();
    expect(screen.getByRole("heading", { name: "手順" })).toBeTruthy();
    expect(screen.getByTestId("case-status").textContent).toBe("対応中");
    expect(screen.getByTestId("case-step-notice_sent-state").textContent).toBe("実行可能");
    expect(screen.getByTestId("case-step-notice_sent-due").textContent).toBe("2026/12/02 10:00 EST");
    expect(screen.getByTestId("case-notice-clock-state").textContent).toBe("未送付");
    expect(screen.getByTestId("notice-preview").textContent).toContain("通知をプレビュー");
    expect(screen.getByTestId("back-to-accounts").textContent).toContain("アカウント");

    await fireEvent.click(screen.getByTestId("case-step-notice_sent-action"));
    const dialog = await screen.findByTestId("dialog-step-notice_sent");
    expect(within(dialog).getByText("送付した通知の言語")).toBeTruthy();
    const channel = within(dialog).getByTestId("step-channel") as HTMLSelectElement;
    expect(Array.from(channel.options).map((o) => o.textContent)).toEqual(["選択…", "メール", "郵送"]);
    expect(within(dialog).getByTestId("step-submit").textContent).toContain("通知を送付済みとして記録");
    await fireEvent.click(within(dialog).getByTestId("step-submit"));
    expect((await within(dialog).findByTestId("error-channel")).textContent).toContain("通知の送付方法を選んでください。");
  });
});

describe("the decision form in the interface language", () => {
  beforeEach(() => {
    programStore.view = programView();
    mockIPC((cmd) => {
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    programStore.view = null;
    setLanguage("en");
    localStorage.clear();
  });

  it("speaks German, and names the reasons in the program's German wording", async () => {
    setLanguage("de");
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    const dialog = screen.getByTestId("dialog-decision");
    expect(within(dialog).getByText("Kreditlinie schließen")).toBeTruthy();
    expect(within(dialog).getByTestId("decision-save").textContent).toContain("Schließungsentscheidung erfassen");
    expect(screen.getByTestId("reason-option-bankruptcy").textContent).toContain("Es liegt eine Insolvenz vor");
    expect(screen.getByTestId("reason-option-bankruptcy").textContent).toContain("genehmigt");
    expect(screen.getByTestId("reason-option-high_risk_industry").textContent).toContain("Genehmigung der Bank nötig");
    await fireEvent.click(screen.getByTestId("decision-save"));
    expect((await screen.findByTestId("error-reasons")).textContent).toBe("Geben Sie mindestens einen Hauptgrund an.");
  });

  it("speaks Japanese once switched while open", async () => {
    render(DecisionDialog, { kind: "decrease", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    expect(screen.getByText("Decrease the credit limit")).toBeTruthy();
    setLanguage("ja");
    flushSync();
    expect(screen.getByText("与信限度額の引き下げ")).toBeTruthy();
    expect(screen.getByText("新しい与信限度額")).toBeTruthy();
    expect(screen.getByTestId("reason-option-insufficient_cash_flow").textContent).toContain("キャッシュフローが不十分です");
    expect((screen.getByTestId("reason-search") as HTMLInputElement).placeholder).toBe("最も重要な理由を文言またはコードで検索…");
  });
});

describe("credit words outside a screen", () => {
  afterEach(() => setLanguage("en"));

  it("writes periods and history lines in German and Japanese", () => {
    setLanguage("de");
    expect(periodText("month", 1)).toBe("1 Monat");
    expect(periodText("day", 14)).toBe("14 Tage");
    const entry = { seq: 1, recorded_at: "2026-11-20T15:00:00Z", actor: "a.okafor", action: "limit_changed", details: JSON.stringify({ from: { amount_minor: 200000, currency: "usd" }, to: { amount_minor: 300000, currency: "usd" } }) };
    expect(describeEntry(entry, "America/New_York").title).toMatch(/^Kreditlimit geändert: /);
    setLanguage("ja");
    expect(periodText("month", 2)).toBe("2 か月");
    expect(describeEntry(entry, "America/New_York").title).toMatch(/^与信限度額を変更：/);
  });

  it("words the four-eyes approval and the assignment in every language", () => {
    const approved = { seq: 2, recorded_at: "2026-11-03T14:00:00Z", actor: "Ben Okafor", action: "decision_approved", details: JSON.stringify({ at: "2026-11-03T14:00:00Z", by: "Ben Okafor" }) };
    const assigned = { seq: 3, recorded_at: "2026-11-03T15:00:00Z", actor: "a.okafor", action: "assigned", details: JSON.stringify({ to: "Ben Okafor" }) };
    expect(describeEntry(approved, "America/New_York").title).toBe("Decision approved by Ben Okafor (four eyes)");
    expect(describeEntry(approved, "America/New_York").at).toBe("2026-11-03 09:00 EST");
    expect(describeEntry(assigned, "America/New_York").title).toBe("Assigned to Ben Okafor");
    expect([stepTitle("approval"), caseStatusLabel("awaiting_approval")]).toEqual(["Four-eyes approval", "Awaiting approval"]);
    setLanguage("de");
    expect(describeEntry(approved, "America/New_York").title).toBe("Entscheidung von Ben Okafor freigegeben (Vier-Augen-Prinzip)");
    expect(describeEntry(assigned, "America/New_York").title).toBe("Zugewiesen an Ben Okafor");
    setLanguage("ja");
    expect(describeEntry(approved, "America/New_York").title).toBe("Ben Okafor が決定を承認（二者承認）");
    expect(describeEntry(assigned, "America/New_York").title).toBe("Ben Okafor に割り当て");
  });
});
