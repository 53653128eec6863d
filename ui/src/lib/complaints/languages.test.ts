// The complaint screens in German and Japanese: their own words follow the interface language at
// once, while what the backend words (refusals, explanations, the taxonomy's labels) stays as sent.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { ComplaintRow } from "../bindings/ComplaintRow";
import type { Taxonomy } from "../bindings/Taxonomy";
import { setLanguage } from "../i18n";
import { guide } from "../playbook/fixtures";
import ComplaintDetailView from "../views/ComplaintDetailView.svelte";
import ComplaintForm from "./ComplaintForm.svelte";
import { complaint, complaintDetail } from "./fixtures";
import { RegisterStore } from "./register.svelte";
import RegisterTable from "./RegisterTable.svelte";
import StepDialog from "./StepDialog.svelte";

const TAXONOMY: Taxonomy = {
  topic: [],
  root_cause: [{ code: "disclosure_unclear", label: "Disclosure, terms or communication unclear" }],
  remediation: [{ code: "disclosure_updated", label: "Disclosure or customer communication updated" }],
};

/** A complaint received via the CFPB, reclassified, and resolved with a root cause. */
function examined() {
  const c = complaint({
    intake: { ...complaint().intake, channel: "regulator", regulator: { name: "CFPB", reference: "261102-0001" } },
    kind: "executive",
    grounds: ["regulator"],
    status: "resolved",
    stripe_reference: "SUP-4411",
    reclassifications: [{ at: "2026-11-21T15:00:00Z", from: "operational", to: "executive", reason: "The CFPB forwarded it" }],
    resolution: {
      at: "2026-11-23T16:00:00Z",
      summary: "Fee refunded",
      outcome: "upheld",
      compensation: { amount_minor: 125050, currency: "usd" },
      root_cause: { cause: "disclosure_unclear", remediation: "disclosure_updated", note: null },
    },
  });
  return complaintDetail({ kind: "executive", status: "resolved" }, c);
}

function backend() {
  const detail = examined();
  mockIPC((cmd, args) => {
    if (cmd === "get_complaint") return detail;
    if (cmd === "taxonomy") return TAXONOMY;
    if (cmd === "playbook_guide") return guide("en", { issue_type: (args as { input: { issue_type: string } }).input.issue_type });
    throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
  });
  return detail;
}

function row(patch: Partial<ComplaintRow> = {}): ComplaintRow {
  return {
    id: "CMP-2026-00007",
    received_at: "2026-11-20T15:00:00Z",
    received_date: "2026-11-20",
    kind: "operational",
    grounds: [],
    status: "open",
    overdue: false,
    product: "issuing",
    channel: "email",
    summary: "Card declined abroad",
    complainant_name: "Ada Lovelace",
    contact_hold: false,
    deadlines: { acknowledge_by: "2026-11-30", resolve_by: "2026-12-14", notify_stripe_by: null },
    next_deadline: { clock: "acknowledge", due: "2026-11-30", business_days_left: 3, urgency: "later" },
    next_timer: null,
    assignee: null,
    ...patch,
  };
}

afterEach(() => {
  clearMocks();
  setLanguage("en");
  localStorage.clear();
});

describe("complaints in German", () => {
  it("shows the complaint's own words in German at once, and the backend's words as sent", async () => {
    const detail = backend();
    render(ComplaintDetailView, { id: detail.id });
    const facts = await screen.findByTestId("intake-facts");
    await screen.findByText("Disclosure, terms or communication unclear");
    expect(screen.getByTestId("complaint-status").textContent).toContain("Resolved");

    setLanguage("de");
    flushSync();

    expect(screen.getByTestId("complaint-status").textContent).toContain("Erledigt");
    expect(screen.getByRole("toolbar").getAttribute("aria-label")).toBe("Schritt erfassen");
    expect(screen.getByTestId("action-reopen").textContent).toContain("Wiedereröffnen");
    expect(facts.textContent).toContain("Über eine Aufsichtsbehörde");
    expect(facts.textContent).toContain("Aktenzeichen der Behörde");
    expect(facts.textContent).toContain("Stripe-Referenz");
    expect(facts.textContent).toContain("Operativ (seitdem neu eingestuft)");
    const trail = screen.getByTestId("reclassification-0");
    expect(trail.textContent).toContain("21.11.2026, 10:00 EST");
    expect(trail.textContent).toContain("Operativ → Executive");
    expect(trail.textContent).toContain("The CFPB forwarded it");
    const resolution = screen.getByTestId("resolution");
    expect(resolution.textContent).toContain("Erledigt am 23.11.2026, 11:00 EST");
    expect(resolution.textContent).toContain("Begründet");
    expect(resolution.textContent).toContain("Entschädigung 1.250,50 USD");
    expect(resolution.textContent).toContain("Grundursache");
    expect(resolution.textContent).toContain("Abhilfe");
    // The taxonomy's labels are the backend's data: shown as they come.
    expect(screen.getByTestId("resolution-cause").textContent).toBe("Disclosure, terms or communication unclear");
    expect(screen.getByText("Historie")).toBeTruthy();
    expect(screen.getByText("1 Eintrag, älteste zuerst")).toBeTruthy();
  });

  it("asks for the root cause and remediation of a resolution in German", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "invalid_input", message: "give the remediation together with the root cause", field: "remediation", rule: null };
    });
    setLanguage("de");
    flushSync();
    render(StepDialog, { type: "resolve", detail: examined(), onclose: () => {}, onrecorded: () => {} });
    const dialog = screen.getByTestId("dialog-resolve");
    expect(dialog.textContent).toContain("Erledigen");
    expect(screen.getByLabelText("Grundursache")).toBe(screen.getByTestId("field-root_cause"));
    expect(screen.getByLabelText("Abhilfe")).toBe(screen.getByTestId("field-remediation"));
    expect(screen.getByLabelText("Notiz zur Abhilfe")).toBe(screen.getByTestId("field-remediation_note"));
    expect(screen.getByTestId("dialog-submit").textContent).toContain("Beschwerde erledigen");
    expect(screen.getByTestId("dialog-cancel").textContent).toContain("Abbrechen");
    // A missing summary is said in German; the backend's refusal keeps its words.
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-summary")).textContent).toBe("Fassen Sie die Lösung zusammen, die dem Kunden mitgeteilt wurde.");
    await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Gebühr erstattet" } });
    await fireEvent.change(screen.getByTestId("field-root_cause"), { target: { value: "disclosure_unclear" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect((await screen.findByTestId("error-remediation")).textContent).toBe("give the remediation together with the root cause");
  });
});

describe("complaints in Japanese", () => {
  it("shows the complaint form in Japanese, with the regulator's fields", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    expect(screen.getByTestId("submit-complaint").textContent).toContain("Log complaint");

    setLanguage("ja");
    flushSync();

    expect(screen.getByTestId("submit-complaint").textContent).toContain("苦情を登録");
    expect(screen.getByTestId("cancel-complaint").textContent).toContain("キャンセル");
    const channels = Array.from((screen.getByTestId("field-channel") as HTMLSelectElement).options).map((o) => o.textContent);
    expect(channels).toContain("規制当局経由");
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "regulator" } });
    expect(screen.getByLabelText("規制当局・機関")).toBe(screen.getByTestId("field-regulator_name"));
    expect(screen.getByLabelText("当局の整理番号")).toBe(screen.getByTestId("field-regulator_reference"));
    expect(screen.getByTestId("field-grounds").textContent).toContain("規制当局または政府機関");
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect((await screen.findByTestId("error-complainant_name")).textContent).toBe("申出人の氏名を入力してください。");
    expect(screen.getByTestId("error-summary").textContent).toBe("苦情の概要を入力してください。");
  });

  it("shows the register in Japanese, counting the Japanese way", () => {
    const store = new RegisterStore();
    store.items = [row()];
    store.total = 1234;
    store.totalExact = false;
    store.loaded = true;
    render(RegisterTable, { store, onopen: () => {} });
    expect(screen.getByTestId("register-range").textContent).toContain("Showing");

    setLanguage("ja");
    flushSync();

    const table = screen.getByTestId("register-table");
    expect(table.getAttribute("aria-label")).toBe("苦情一覧");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["苦情", "受付日", "区分", "ステータス", "製品", "申出人", "概要", "担当者", "次の期限"]);
    const line = screen.getByTestId("register-row-CMP-2026-00007");
    expect(line.textContent).toContain("2026/11/20");
    expect(line.textContent).toContain("通常");
    expect(line.textContent).toContain("未解決");
    expect(line.textContent).toContain("受付通知");
    expect(line.textContent).toContain("残り 3 営業日");
    expect(screen.getByTestId("register-range").textContent).toBe("1,234 件以上のうち 1–1 件目を表示");
    expect(screen.getByTestId("page-indicator").textContent).toBe("1 / 25 ページ");
  });
});
