import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Lang } from "../bindings/Lang";
import type { PlaybookSearchInput } from "../bindings/PlaybookSearchInput";
import { setLanguage } from "../i18n";
import { achGuide, guide } from "../playbook/fixtures";
import { LANG_KEY, playbookPrefs, playbookSearchState } from "../playbook/playbook.svelte";
import PlaybookView from "./PlaybookView.svelte";

describe("playbook view", () => {
  let searches: PlaybookSearchInput[];

  beforeEach(() => {
    searches = [];
    mockIPC((cmd, args) => {
      if (cmd !== "playbook_search") throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      const input = (args as { input: PlaybookSearchInput }).input;
      searches.push(input);
      const lang = (input.lang ?? "en") as Lang;
      const all = [guide(lang), achGuide(lang)];
      return input.query === "" ? all : all.filter((g) => [...g.steps, ...g.where, g.issue_type_label].join(" ").toLowerCase().includes(input.query.toLowerCase()));
    });
  });

  afterEach(() => {
    clearMocks();
    localStorage.clear();
    playbookPrefs.lang = "en";
    playbookSearchState.query = "";
    playbookSearchState.results = [];
    playbookSearchState.answered = null;
    setLanguage("en");
  });

  it("lists every path at first, each with its labels, numbered steps, facts, places and timers", async () => {
    render(PlaybookView);
    const cards = await screen.findAllByTestId("playbook-guide");
    expect(searches).toEqual([{ query: "", lang: "en" }]);
    expect(cards.map((c) => [c.getAttribute("data-topic"), c.getAttribute("data-issue-type")])).toEqual([
      ["card_ordering", "physical_card_delayed"],
      ["treasury_money_movement", "wrong_debit"],
    ]);
    expect(screen.getByTestId("playbook-count").textContent?.trim()).toBe("2 paths");
    const card = cards[0];
    expect(within(card).getByTestId("playbook-guide-topic").textContent).toBe("Card ordering and reissue");
    expect(within(card).getByTestId("playbook-guide-issue-type").textContent).toBe("Physical card delayed");
    const steps = within(card).getByTestId("playbook-steps");
    expect(steps.tagName).toBe("OL");
    expect(within(steps).getAllByRole("listitem")).toHaveLength(3);
    expect(within(card).getByTestId("playbook-facts").textContent).toContain("Standard shipping has no tracking number.");
    const where = within(card).getByTestId("playbook-where");
    expect([...where.querySelectorAll("code")].map((c) => c.textContent)).toEqual(["shipping.service", "shipping.tracking_number"]);
    expect(within(card).getAllByTestId("playbook-timer").map((t) => [t.getAttribute("data-kind"), t.textContent?.trim()])).toEqual([["reorder_card", "Reorder card"]]);
  });

  it("searches as the officer types and says when nothing matches", async () => {
    render(PlaybookView);
    await screen.findAllByTestId("playbook-guide");
    await fireEvent.input(screen.getByTestId("playbook-search"), { target: { value: "ReceivedDebit" } });
    await waitFor(() => expect(screen.getAllByTestId("playbook-guide")).toHaveLength(1));
    expect(searches[searches.length - 1]).toEqual({ query: "ReceivedDebit", lang: "en" });
    expect(screen.getByTestId("playbook-guide").getAttribute("data-issue-type")).toBe("wrong_debit");
    expect(screen.getByTestId("playbook-count").textContent).toContain("1 path mentions “ReceivedDebit”");
    await fireEvent.input(screen.getByTestId("playbook-search"), { target: { value: "chargeback" } });
    await waitFor(() => expect(screen.queryAllByTestId("playbook-guide")).toHaveLength(0));
    expect(screen.getByTestId("playbook-count").textContent).toContain("No path mentions “chargeback”.");
  });

  it("switches the language, searches again in it, renders Japanese and remembers the choice", async () => {
    render(PlaybookView);
    await screen.findAllByTestId("playbook-guide");
    await fireEvent.change(screen.getByTestId("playbook-lang"), { target: { value: "ja" } });
    await waitFor(() => expect(screen.getAllByTestId("playbook-guide")[0].getAttribute("data-lang")).toBe("ja"));
    expect(searches[searches.length - 1]).toEqual({ query: "", lang: "ja" });
    const card = screen.getAllByTestId("playbook-guide")[0];
    expect(card.getAttribute("lang")).toBe("ja");
    expect(within(card).getByTestId("playbook-guide-issue-type").textContent).toBe("物理カードが届かない");
    expect(card.textContent).toContain("手順");
    expect(localStorage.getItem(LANG_KEY)).toBe("ja");
    expect(playbookPrefs.lang).toBe("ja");
  });

  it("starts in the language chosen before", async () => {
    playbookPrefs.setLang("de");
    render(PlaybookView);
    await screen.findAllByTestId("playbook-guide");
    expect(searches).toEqual([{ query: "", lang: "de" }]);
    expect((screen.getByTestId("playbook-lang") as HTMLSelectElement).value).toBe("de");
  });
  it("shows its own words in German while the paths keep the playbook's language", async () => {
    render(PlaybookView);
    const [card] = await screen.findAllByTestId("playbook-guide");
    setLanguage("de");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Support-Leitfaden");
    expect(screen.getByTestId("playbook-count").textContent?.trim()).toBe("2 Lösungswege");
    expect((screen.getByTestId("playbook-search") as HTMLInputElement).placeholder).toBe("Schritte, Fakten und Stripe-Objekte durchsuchen, z. B. shipping, authorization, ACH");
    expect(screen.getByLabelText("Leitfaden durchsuchen")).toBe(screen.getByTestId("playbook-search"));
    expect(within(card).getByTestId("playbook-timer").getAttribute("title")).toBe("Wird dies bei einer Beschwerde verfolgt, beginnt die Frist zu laufen");
    // The path itself is in the playbook's language (English here), headings included.
    expect(within(card).getByTestId("playbook-guide-issue-type").textContent).toBe("Physical card delayed");
    expect(card.textContent).toContain("Steps");
    expect(card.textContent).toContain("Where to look");
    await fireEvent.input(screen.getByTestId("playbook-search"), { target: { value: "chargeback" } });
    await waitFor(() => expect(screen.getByTestId("playbook-count").textContent).toContain("Kein Lösungsweg erwähnt „chargeback“."));
  });

  it("shows its own words in Japanese, and counts the paths found the Japanese way", async () => {
    render(PlaybookView);
    await screen.findAllByTestId("playbook-guide");
    setLanguage("ja");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("サポート対応手順");
    expect(screen.getByTestId("playbook-count").textContent?.trim()).toBe("2 件の手順");
    expect(screen.getByText("言語")).toBeTruthy();
    await fireEvent.input(screen.getByTestId("playbook-search"), { target: { value: "ReceivedDebit" } });
    await waitFor(() => expect(screen.getByTestId("playbook-count").textContent?.trim()).toBe("「ReceivedDebit」を含む手順 1 件"));
    // The playbook's own language is chosen apart: German paths under a Japanese interface.
    await fireEvent.change(screen.getByTestId("playbook-lang"), { target: { value: "de" } });
    await waitFor(() => expect(screen.getAllByTestId("playbook-guide")[0].getAttribute("data-lang")).toBe("de"));
    expect(screen.getAllByTestId("playbook-guide")[0].textContent).toContain("Schritte");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("サポート対応手順");
  });
});
