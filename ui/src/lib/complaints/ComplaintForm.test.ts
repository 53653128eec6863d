import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import ComplaintForm from "./ComplaintForm.svelte";

const TAXONOMY = {
  topic: [{ code: "cardholder_experience", label: "Cardholder experience", issue_types: [{ code: "pin_blocked", label: "Too many PIN retries" }] }],
};

afterEach(() => clearMocks());

async function fillRequired() {
  await fireEvent.input(screen.getByTestId("field-received_date"), { target: { value: "2026-11-20" } });
  await fireEvent.input(screen.getByTestId("field-received_time"), { target: { value: "10:00" } });
  await fireEvent.input(screen.getByTestId("field-complainant_name"), { target: { value: "Jürgen Weiß" } });
  await fireEvent.input(screen.getByTestId("field-summary"), { target: { value: "Card declined abroad" } });
}

describe("new complaint form", () => {
  it("sends the intake and hands over the logged complaint", async () => {
    let sent: LogComplaintInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: LogComplaintInput }).input;
      return { complaint: { id: "CMP-2026-00001" } };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.change(screen.getByTestId("field-kind"), { target: { value: "executive" } });
    await fireEvent.click(screen.getByTestId("field-ground-udap"));
    await fireEvent.click(screen.getByTestId("field-ground-regulator"));
    await fireEvent.input(screen.getByTestId("field-account"), { target: { value: " acct_1ABC " } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalled());
    expect(sent).toEqual({
      received_at: "2026-11-20T10:00:00-05:00",
      kind: "executive",
      grounds: ["regulator", "udap"],
      channel: "email",
      product: null,
      topic: null,
      issue_type: null,
      summary: "Card declined abroad",
      description: null,
      complainant_name: "Jürgen Weiß",
      complainant_email: null,
      account: "acct_1ABC",
      cardholder: null,
    });
  });

  it("asks for a ground before sending an executive complaint", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return TAXONOMY;
    });
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await fillRequired();
    await fireEvent.change(screen.getByTestId("field-kind"), { target: { value: "executive" } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect((await screen.findByTestId("error-grounds")).textContent).toMatch(/at least one ground/);
    expect(calls).not.toContain("log_complaint");
  });

  it("puts the backend's message next to the field it names", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "invalid_input", message: '"ada@" is not an email address', field: "complainant_email", rule: null };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.input(screen.getByTestId("field-complainant_email"), { target: { value: "ada@" } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    const err = await screen.findByTestId("error-complainant_email");
    expect(err.textContent).toBe('"ada@" is not an email address');
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(onlogged).not.toHaveBeenCalled();
  });

  it("shows a refusal without a field of the form as a banner", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "storage", message: "the database file is read-only", field: null, rule: null };
    });
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await fillRequired();
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("the database file is read-only");
  });

  it("offers the chosen topic's issue types plus Other", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "cardholder_experience" } });
    const options = Array.from((screen.getByTestId("field-issue_type") as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(["", "pin_blocked", "other"]);
  });
});
