import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SetCreditProgramInput } from "../bindings/SetCreditProgramInput";
import { programView } from "../credit/fixtures";
import { programStore } from "../credit/program.svelte";
import CreditProgramForm from "./CreditProgramForm.svelte";

describe("credit program settings", () => {
  let sent: SetCreditProgramInput[];
  let refuse: unknown;

  beforeEach(() => {
    sent = [];
    refuse = null;
    mockIPC((cmd, args) => {
      if (cmd === "credit_program") return programView();
      if (cmd === "set_credit_program") {
        if (refuse) throw refuse;
        const input = (args as { input: SetCreditProgramInput }).input;
        sent.push(input);
        return programView({ missing_for_notice: [] });
      }
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
  });

  afterEach(() => {
    clearMocks();
    programStore.view = null;
  });

  it("warns which fields notices still lack", async () => {
    render(CreditProgramForm);
    const warn = await screen.findByTestId("program-missing");
    expect(warn.textContent).toContain("ECOA agency name, ECOA agency address");
    expect((screen.getByTestId("field-creditor_name") as HTMLInputElement).value).toBe("Acme Cards Inc.");
  });

  it("sends only the wordings that differ from the shipped ones, and the approved reasons", async () => {
    render(CreditProgramForm);
    await screen.findByTestId("credit-program-form");
    await fireEvent.input(screen.getByTestId("field-agency_name"), { target: { value: "Consumer Financial Protection Bureau" } });
    await fireEvent.input(screen.getByTestId("field-agency_address"), { target: { value: "1700 G Street NW\nWashington, DC 20552" } });
    await fireEvent.input(screen.getByTestId("reason-wording-bankruptcy-en"), { target: { value: "A bankruptcy filing is on record" } });
    expect(screen.getByTestId("reason-edited-bankruptcy")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("reason-approve-high_risk_industry"));
    await fireEvent.click(screen.getByTestId("credit-program-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].agency_name).toBe("Consumer Financial Protection Bureau");
    expect(Object.keys(sent[0].wording).sort()).toEqual(["bankruptcy", "dispute_rate_too_high"]);
    expect(sent[0].wording.bankruptcy.en).toBe("A bankruptcy filing is on record");
    expect(sent[0].approved_reasons).toEqual(["bankruptcy", "delinquent_credit_obligations", "dispute_rate_too_high", "insufficient_cash_flow", "high_risk_industry", "other"]);
    await waitFor(() => expect(screen.queryByTestId("program-missing")).toBeNull());
  });

  it("searches the reasons and approves or clears only those shown", async () => {
    render(CreditProgramForm);
    await fireEvent.input(await screen.findByTestId("reason-search"), { target: { value: "insolvenz" } });
    const table = screen.getByTestId("reason-table");
    expect(within(table).getAllByTestId(/^reason-row-/).map((r) => r.getAttribute("data-testid"))).toEqual(["reason-row-bankruptcy"]);
    await fireEvent.click(screen.getByTestId("reasons-approve-none"));
    await fireEvent.input(screen.getByTestId("reason-search"), { target: { value: "" } });
    expect(screen.getByTestId("reasons-approved-count").getAttribute("data-count")).toBe("4");
    await fireEvent.click(screen.getByTestId("reasons-approve-none"));
    await fireEvent.click(screen.getByTestId("credit-program-save"));
    expect((await screen.findByTestId("error-approved_reasons")).textContent).toContain("at least one");
    await fireEvent.click(screen.getByTestId("reasons-approve-all"));
    expect(screen.getByTestId("reasons-approved-count").getAttribute("data-count")).toBe("6");
  });

  it("shows a refusal next to the field it names", async () => {
    refuse = { code: "invalid_input", message: "\"ops@\" is not an email address", field: "creditor_email", rule: null };
    render(CreditProgramForm);
    await fireEvent.input(await screen.findByTestId("field-creditor_email"), { target: { value: "ops@" } });
    await fireEvent.click(screen.getByTestId("credit-program-save"));
    expect((await screen.findByTestId("error-creditor_email")).textContent).toContain("not an email address");
  });
});
