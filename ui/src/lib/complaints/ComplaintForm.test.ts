import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LogComplaintInput } from "../bindings/LogComplaintInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import { nowLocal } from "../shared/datetime";
import ComplaintForm from "./ComplaintForm.svelte";

const TAXONOMY: Taxonomy = {
  topic: [
    { code: "cardholder_experience", label: "Cardholder experience", products: ["issuing"], issue_types: [{ code: "pin_blocked", label: "Too many PIN retries" }] },
    { code: "treasury_money_movement", label: "Treasury money movement", products: ["treasury"], issue_types: [{ code: "cancel_transfer", label: "Cancel a transfer" }] },
    { code: "other", label: "Other", products: ["issuing", "treasury"], issue_types: [] },
  ],
  root_cause: [],
  remediation: [],
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

  it("shows a rule's refusal in the banner with the rule's name, as the dialogs do", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "rule", message: "a complaint via a regulator must be executive", field: null, rule: "regulator_complaint_is_executive" };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The complaint was not logged.");
    expect(banner.textContent).toContain("a complaint via a regulator must be executive");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("regulator_complaint_is_executive");
    await fireEvent.click(screen.getByTestId("error-banner-dismiss"));
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(onlogged).not.toHaveBeenCalled();
  });

  it("labels the date and time received and says the zone they are read in, sent with its offset", () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    expect(screen.getByLabelText(/^Date received/)).toBe(screen.getByTestId("field-received_date"));
    expect(screen.getByLabelText(/^Time received/)).toBe(screen.getByTestId("field-received_time"));
    expect(screen.getByTestId("field-received_date").closest(".field")?.textContent).toContain("YYYY-MM-DD · ↑↓ change the day");
    const hint = screen.getByTestId("field-received_time").closest(".field")?.textContent ?? "";
    expect(hint).toContain("New York time");
    expect(hint).not.toContain("sent in UTC");
  });

  it("logs with Ctrl+Enter, and only once while the complaint is being logged", async () => {
    let answer: (value: unknown) => void = () => {};
    const logged: string[] = [];
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      logged.push(cmd);
      return new Promise((resolve) => (answer = resolve));
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect(logged).toEqual(["log_complaint"]);
    answer({ complaint: { id: "CMP-2026-00001" } });
    await waitFor(() => expect(onlogged).toHaveBeenCalledTimes(1));
  });

  it("offers the chosen topic's issue types plus Other", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "cardholder_experience" } });
    const options = Array.from((screen.getByTestId("field-issue_type") as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(["", "pin_blocked", "other"]);
  });

  it("offers only the topics of the chosen product", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    const topics = () => Array.from((screen.getByTestId("field-topic") as HTMLSelectElement).options).map((o) => o.value);
    expect(topics()).toEqual(["", "cardholder_experience", "treasury_money_movement", "other"]);
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "treasury" } });
    expect(topics()).toEqual(["", "treasury_money_movement", "other"]);
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "issuing" } });
    expect(topics()).toEqual(["", "cardholder_experience", "other"]);
  });

  it("clears a topic that does not belong to the product chosen next", async () => {
    let sent: LogComplaintInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: LogComplaintInput }).input;
      return { complaint: { id: "CMP-2026-00001" } };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "issuing" } });
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "cardholder_experience" } });
    await fireEvent.change(screen.getByTestId("field-issue_type"), { target: { value: "pin_blocked" } });
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "treasury" } });
    expect((screen.getByTestId("field-topic") as HTMLSelectElement).value).toBe("");
    expect((screen.getByTestId("field-issue_type") as HTMLSelectElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalled());
    expect(sent).toMatchObject({ product: "treasury", topic: null, issue_type: null });
  });

  it("keeps a topic that belongs to both products when the product changes", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "issuing" } });
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "other" } });
    await fireEvent.change(screen.getByTestId("field-product"), { target: { value: "treasury" } });
    expect((screen.getByTestId("field-topic") as HTMLSelectElement).value).toBe("other");
  });

  it("refuses a receipt in the future without sending it", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return TAXONOMY;
    });
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await fillRequired();
    const later = nowLocal(new Date(Date.now() + 2 * 60 * 60 * 1000));
    await fireEvent.input(screen.getByTestId("field-received_date"), { target: { value: later.date } });
    await fireEvent.input(screen.getByTestId("field-received_time"), { target: { value: later.time } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect((await screen.findByTestId("error-received_at")).textContent).toMatch(/^This is in the future\./);
    expect(calls).not.toContain("log_complaint");
  });
  it("makes a complaint via a regulator executive with the regulator ground ticked, which can still be unticked", async () => {
    let sent: LogComplaintInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: LogComplaintInput }).input;
      return { complaint: { id: "CMP-2026-00001" } };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "regulator" } });
    expect((screen.getByTestId("field-kind") as HTMLSelectElement).value).toBe("executive");
    const regulator = screen.getByTestId("field-ground-regulator") as HTMLInputElement;
    expect(regulator.checked).toBe(true);
    expect(regulator.disabled).toBe(false);
    await fireEvent.click(screen.getByTestId("field-ground-litigation"));
    await fireEvent.click(regulator);
    expect(regulator.checked).toBe(false);
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalled());
    expect(sent).toMatchObject({ channel: "regulator", kind: "executive", grounds: ["litigation"] });
  });

  it("leaves the kind and grounds alone for a channel other than a regulator", async () => {
    mockIPC(() => TAXONOMY);
    render(ComplaintForm, { onlogged: () => {}, oncancel: () => {} });
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "letter" } });
    expect((screen.getByTestId("field-kind") as HTMLSelectElement).value).toBe("operational");
    expect(screen.queryByTestId("field-grounds")).toBeNull();
  });

  it("asks a complaint via a regulator for the regulator and its reference, and sends them", async () => {
    let sent: LogComplaintInput | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent = (args as { input: LogComplaintInput }).input;
      return { complaint: { id: "CMP-2026-00001" } };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    expect(screen.queryByTestId("field-regulator_name")).toBeNull();
    expect(screen.queryByTestId("field-regulator_reference")).toBeNull();
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "regulator" } });
    expect(screen.getByLabelText("Regulator or agency")).toBe(screen.getByTestId("field-regulator_name"));
    expect(screen.getByLabelText("Regulator's reference")).toBe(screen.getByTestId("field-regulator_reference"));
    await fireEvent.input(screen.getByTestId("field-regulator_name"), { target: { value: " CFPB " } });
    await fireEvent.input(screen.getByTestId("field-regulator_reference"), { target: { value: "261102-0001" } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalled());
    expect(sent).toMatchObject({ channel: "regulator", kind: "executive", regulator_name: "CFPB", regulator_reference: "261102-0001" });
  });

  it("leaves out a regulator left blank, and one typed before the channel changed from regulator", async () => {
    const sent: LogComplaintInput[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      sent.push((args as { input: LogComplaintInput }).input);
      return { complaint: { id: "CMP-2026-00001" } };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "regulator" } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalledTimes(1));
    expect(sent[0]).toMatchObject({ channel: "regulator" });
    expect(sent[0]).not.toHaveProperty("regulator_name");
    expect(sent[0]).not.toHaveProperty("regulator_reference");

    await fireEvent.input(screen.getByTestId("field-regulator_name"), { target: { value: "CFPB" } });
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "letter" } });
    expect(screen.queryByTestId("field-regulator_name")).toBeNull();
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    await waitFor(() => expect(onlogged).toHaveBeenCalledTimes(2));
    expect(sent[1]).toMatchObject({ channel: "letter" });
    expect(sent[1]).not.toHaveProperty("regulator_name");
  });

  it("puts the backend's refusal of the regulator next to its field", async () => {
    mockIPC((cmd) => {
      if (cmd === "taxonomy") return TAXONOMY;
      throw { code: "invalid_input", message: "name the regulator or agency that sent the complaint", field: "regulator_name", rule: null };
    });
    const onlogged = vi.fn();
    render(ComplaintForm, { onlogged, oncancel: () => {} });
    await fillRequired();
    await fireEvent.change(screen.getByTestId("field-channel"), { target: { value: "regulator" } });
    await fireEvent.input(screen.getByTestId("field-regulator_reference"), { target: { value: "261102-0001" } });
    await fireEvent.click(screen.getByTestId("submit-complaint"));
    expect((await screen.findByTestId("error-regulator_name")).textContent).toBe("name the regulator or agency that sent the complaint");
    expect(screen.getByTestId("field-regulator_name").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(screen.getByTestId("field-regulator_name"));
    expect(screen.queryByTestId("error-banner")).toBeNull();
    expect(onlogged).not.toHaveBeenCalled();
  });
});
