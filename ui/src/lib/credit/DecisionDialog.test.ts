import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import DecisionDialog from "./DecisionDialog.svelte";
import { closureCase, connectedAccount, programView } from "./fixtures";
import { programStore } from "./program.svelte";

type Call = [string, Record<string, unknown>];

function order(): string[] {
  return within(screen.getByTestId("reason-list"))
    .queryAllByRole("listitem")
    .map((li) => li.getAttribute("data-code") ?? "");
}

async function add(code: string) {
  await fireEvent.change(screen.getByTestId("reason-add"), { target: { value: code } });
}

describe("decision form", () => {
  let calls: Call[];
  let answer: () => unknown;

  beforeEach(() => {
    calls = [];
    answer = () => closureCase();
    programStore.view = programView();
    mockIPC((cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      if (cmd === "close_credit_line" || cmd === "decrease_credit_limit") return answer();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    programStore.view = null;
  });

  it("orders one to four approved reasons, hides the add control at four and asks for other's explanation", async () => {
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    const options = Array.from((screen.getByTestId("reason-add") as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(["", "bankruptcy", "delinquent_credit_obligations", "dispute_rate_too_high", "insufficient_cash_flow", "other"]);
    await add("delinquent_credit_obligations");
    await add("bankruptcy");
    await add("other");
    expect(order()).toEqual(["delinquent_credit_obligations", "bankruptcy", "other"]);
    expect(screen.getByTestId("field-other_explanation")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("reason-up-other"));
    expect(order()).toEqual(["delinquent_credit_obligations", "other", "bankruptcy"]);
    await fireEvent.click(screen.getByTestId("reason-up-other"));
    await fireEvent.click(screen.getByTestId("reason-down-delinquent_credit_obligations"));
    expect(order()).toEqual(["other", "bankruptcy", "delinquent_credit_obligations"]);
    expect((screen.getByTestId("reason-up-other") as HTMLButtonElement).disabled).toBe(true);
    await add("insufficient_cash_flow");
    expect(screen.queryByTestId("reason-add")).toBeNull();
    expect(screen.getByTestId("reason-full")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("reason-remove-other"));
    expect(screen.queryByTestId("field-other_explanation")).toBeNull();
    expect(screen.getByTestId("reason-add")).toBeTruthy();
    expect(order()).toEqual(["bankruptcy", "delinquent_credit_obligations", "insufficient_cash_flow"]);
  });

  function offeredCodes(): string[] {
    return within(screen.getByTestId("reason-options"))
      .queryAllByRole("option")
      .map((li) => li.getAttribute("data-code") ?? "");
  }

  it("lists the approved reasons first, marks the others, and filters by wording or code ignoring case and accents", async () => {
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    expect(offeredCodes()).toEqual(["bankruptcy", "delinquent_credit_obligations", "dispute_rate_too_high", "insufficient_cash_flow", "other", "high_risk_industry"]);
    const unapproved = screen.getByTestId("reason-option-high_risk_industry");
    expect(unapproved.textContent).toContain("needs bank approval");
    expect(unapproved.getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByTestId("reason-option-bankruptcy").textContent).toContain("approved");
    const search = screen.getByTestId("reason-search");
    await fireEvent.input(search, { target: { value: "CASH flow" } });
    expect(offeredCodes()).toEqual(["insufficient_cash_flow"]);
    await fireEvent.input(search, { target: { value: "dispute_rate" } });
    expect(offeredCodes()).toEqual(["dispute_rate_too_high"]);
    await fireEvent.input(search, { target: { value: "erfullt" } });
    expect(offeredCodes()).toEqual(["delinquent_credit_obligations"]);
    await fireEvent.input(search, { target: { value: "risk" } });
    expect(offeredCodes()).toEqual(["high_risk_industry"]);
    await fireEvent.click(screen.getByTestId("reason-option-high_risk_industry"));
    await fireEvent.keyDown(search, { key: "Enter" });
    expect(order()).toEqual([]);
    await fireEvent.input(search, { target: { value: "nothing like this" } });
    expect(offeredCodes()).toEqual([]);
  });

  it("adds the highlighted reason with the keyboard or a click and no longer offers the chosen ones", async () => {
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    const search = screen.getByTestId("reason-search");
    await fireEvent.input(search, { target: { value: "o" } });
    await fireEvent.keyDown(search, { key: "ArrowDown" });
    await fireEvent.keyDown(search, { key: "ArrowDown" });
    await fireEvent.keyDown(search, { key: "ArrowUp" });
    const second = offeredCodes()[1];
    expect(screen.getByTestId(`reason-option-${second}`).getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(search, { key: "Enter" });
    expect(order()).toEqual([second]);
    expect((search as HTMLInputElement).value).toBe("");
    expect(offeredCodes()).not.toContain(second);
    await fireEvent.click(screen.getByTestId("reason-option-bankruptcy"));
    expect(order()).toEqual([second, "bankruptcy"]);
    expect(offeredCodes()).not.toContain("bankruptcy");
    const options = Array.from((screen.getByTestId("reason-add") as HTMLSelectElement).options).map((o) => o.value);
    expect(options).not.toContain("bankruptcy");
    await fireEvent.keyDown(search, { key: "Enter" });
    await fireEvent.keyDown(screen.getByTestId("reason-search"), { key: "Enter" });
    expect(order()).toHaveLength(4);
    expect(screen.queryByTestId("reason-search")).toBeNull();
    expect(screen.getByTestId("reason-full")).toBeTruthy();
  });

  it("still adds a reason when the full-list control's value is set and changed, as the end-to-end test does", async () => {
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    const el = screen.getByTestId("reason-add") as HTMLSelectElement;
    el.value = "delinquent_credit_obligations";
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    await waitFor(() => expect(screen.getByTestId("reason-list").getAttribute("data-count")).toBe("1"));
    expect(order()).toEqual(["delinquent_credit_obligations"]);
    expect(offeredCodes()).not.toContain("delinquent_credit_obligations");
  });

  it("sends the closure with the reasons in the order shown and the decision instant in UTC", async () => {
    const oncreated = vi.fn();
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated });
    await fireEvent.input(screen.getByTestId("field-decided_at"), { target: { value: "2026-11-20" } });
    await fireEvent.input(screen.getByTestId("field-decided_at_time"), { target: { value: "16:45" } });
    await add("dispute_rate_too_high");
    await add("other");
    await fireEvent.input(screen.getByTestId("field-other_explanation"), { target: { value: "Chargebacks on 40% of sales" } });
    await fireEvent.click(screen.getByTestId("field-exception"));
    await fireEvent.change(screen.getByTestId("field-exception_original_decision_type"), { target: { value: "credit_limit_decreased" } });
    await fireEvent.input(screen.getByTestId("field-exception_explanation"), { target: { value: "Closing instead of lowering" } });
    await fireEvent.click(screen.getByTestId("decision-save"));
    await waitFor(() => expect(oncreated).toHaveBeenCalled());
    expect(calls).toEqual([
      [
        "close_credit_line",
        {
          input: {
            account: "acct_1Ace",
            decided_at: "2026-11-20T21:45:00Z",
            reasons: ["dispute_rate_too_high", "other"],
            other_explanation: "Chargebacks on 40% of sales",
            exception_explanation: "Closing instead of lowering",
            exception_original_decision_type: "credit_limit_decreased",
          },
        },
      ],
    ]);
  });

  it("asks for a reason before sending anything", async () => {
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    await fireEvent.click(screen.getByTestId("decision-save"));
    expect((await screen.findByTestId("error-reasons")).textContent).toContain("at least one");
    expect(calls).toEqual([]);
  });

  it("sends a decrease's new limit in minor units and shows the amount refusal next to it", async () => {
    answer = () => {
      throw { code: "invalid_input", message: "a decrease must be below the current limit of 2,000.00 USD", field: "amount", rule: null };
    };
    render(DecisionDialog, { kind: "decrease", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    await fireEvent.input(screen.getByTestId("field-amount"), { target: { value: "2,500.00" } });
    await add("insufficient_cash_flow");
    await fireEvent.click(screen.getByTestId("decision-save"));
    expect((await screen.findByTestId("error-amount")).textContent).toContain("below the current limit");
    expect(calls[0][0]).toBe("decrease_credit_limit");
    expect((calls[0][1].input as { amount: number }).amount).toBe(250000);
  });

  it("shows a rule refusal in the banner with the rule's name", async () => {
    answer = () => {
      throw { code: "rule", message: "the credit line of acct_1Ace is already being closed (CRD-2026-00001)", field: null, rule: "closure_in_progress" };
    };
    render(DecisionDialog, { kind: "closure", account: connectedAccount(), onclose: () => {}, oncreated: () => {} });
    await add("bankruptcy");
    await fireEvent.click(screen.getByTestId("decision-save"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("already being closed");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("closure_in_progress");
  });
});
