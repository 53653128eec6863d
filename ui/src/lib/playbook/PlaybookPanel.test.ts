import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Lang } from "../bindings/Lang";
import type { PlaybookInput } from "../bindings/PlaybookInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import { taxonomyStore } from "../complaints/taxonomy.svelte";
import NewComplaintView from "../views/NewComplaintView.svelte";
import { achGuide, guide } from "./fixtures";
import PlaybookPanel from "./PlaybookPanel.svelte";
import { playbookPrefs } from "./playbook.svelte";

const TAXONOMY: Taxonomy = {
  topic: [
    { code: "card_ordering", label: "Card ordering and reissue", products: ["issuing"], issue_types: [{ code: "physical_card_delayed", label: "Physical card delayed" }] },
    { code: "treasury_money_movement", label: "Treasury money movement", products: ["treasury"], issue_types: [{ code: "wrong_debit", label: "Wrong debit or reversal" }] },
  ],
  root_cause: [],
  remediation: [],
};

describe("playbook panel", () => {
  let asked: PlaybookInput[];

  beforeEach(() => {
    asked = [];
    mockIPC((cmd, args) => {
      if (cmd === "taxonomy") return TAXONOMY;
      if (cmd !== "playbook_guide") throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      const input = (args as { input: PlaybookInput }).input;
      asked.push(input);
      const lang = (input.lang ?? "en") as Lang;
      if (input.topic === "treasury_money_movement") return achGuide(lang);
      if (input.issue_type === "lost_or_stolen_card") throw { code: "invalid_input", message: "the playbook has no path for card_ordering / lost_or_stolen_card", field: "issue_type", rule: null };
      return guide(lang, { issue_type: input.issue_type ?? "other", issue_type_label: input.issue_type ? "Physical card delayed" : "Other" });
    });
  });

  afterEach(() => {
    clearMocks();
    localStorage.clear();
    playbookPrefs.lang = "en";
    taxonomyStore.value = null;
  });

  it("is not shown without a topic", () => {
    render(PlaybookPanel, { topic: null, issueType: null });
    expect(screen.queryByTestId("playbook-panel")).toBeNull();
    expect(asked).toEqual([]);
  });

  it("shows the path of the topic and issue type and follows them as they change", async () => {
    const { rerender } = render(PlaybookPanel, { topic: "card_ordering", issueType: "physical_card_delayed" });
    const card = await within(await screen.findByTestId("playbook-panel")).findByTestId("playbook-guide");
    expect(card.getAttribute("data-issue-type")).toBe("physical_card_delayed");
    expect(asked).toEqual([{ topic: "card_ordering", issue_type: "physical_card_delayed", lang: "en" }]);
    await rerender({ topic: "card_ordering", issueType: null });
    await waitFor(() => expect(screen.getByTestId("playbook-guide").getAttribute("data-issue-type")).toBe("other"));
    expect(asked[asked.length - 1]).toEqual({ topic: "card_ordering", issue_type: null, lang: "en" });
    await rerender({ topic: "treasury_money_movement", issueType: "wrong_debit" });
    await waitFor(() => expect(screen.getByTestId("playbook-guide").getAttribute("data-topic")).toBe("treasury_money_movement"));
    await rerender({ topic: null, issueType: null });
    await waitFor(() => expect(screen.queryByTestId("playbook-panel")).toBeNull());
  });

  it("reads in the language chosen for the playbook, and changes it for the whole app", async () => {
    playbookPrefs.setLang("de");
    render(PlaybookPanel, { topic: "card_ordering", issueType: "physical_card_delayed" });
    await waitFor(() => expect(screen.getByTestId("playbook-guide").getAttribute("data-lang")).toBe("de"));
    await fireEvent.change(screen.getByTestId("playbook-panel-lang"), { target: { value: "ja" } });
    await waitFor(() => expect(screen.getByTestId("playbook-guide").getAttribute("data-lang")).toBe("ja"));
    expect(asked.map((a) => a.lang)).toEqual(["de", "ja"]);
    expect(playbookPrefs.lang).toBe("ja");
  });

  it("says so when the playbook has no path", async () => {
    render(PlaybookPanel, { topic: "card_ordering", issueType: "lost_or_stolen_card" });
    expect((await screen.findByTestId("playbook-panel-error")).textContent).toContain("the playbook has no path for card_ordering / lost_or_stolen_card");
  });

  it("appears beside the new-complaint form once a topic is chosen and follows the issue type", async () => {
    render(NewComplaintView);
    await waitFor(() => expect((screen.getByTestId("field-topic") as HTMLSelectElement).disabled).toBe(false));
    expect(screen.queryByTestId("playbook-panel")).toBeNull();
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "card_ordering" } });
    const panel = await screen.findByTestId("playbook-panel");
    await waitFor(() => expect(within(panel).getByTestId("playbook-guide").getAttribute("data-issue-type")).toBe("other"));
    await fireEvent.change(screen.getByTestId("field-issue_type"), { target: { value: "physical_card_delayed" } });
    await waitFor(() => expect(within(panel).getByTestId("playbook-guide").getAttribute("data-issue-type")).toBe("physical_card_delayed"));
    expect(asked[asked.length - 1]).toEqual({ topic: "card_ordering", issue_type: "physical_card_delayed", lang: "en" });
    await fireEvent.change(screen.getByTestId("field-topic"), { target: { value: "" } });
    await waitFor(() => expect(screen.queryByTestId("playbook-panel")).toBeNull());
  });
});
