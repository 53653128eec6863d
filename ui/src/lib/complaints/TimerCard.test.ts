import { render, screen, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../i18n";
import { timer } from "./fixtures";
import TimerCard from "./TimerCard.svelte";

const timezone = "America/New_York";

afterEach(() => {
  setLanguage("en");
  localStorage.clear();
});

describe("support timer card", () => {
  it("shows the timer's label, the day it falls, its state and the backend's explanation", () => {
    render(TimerCard, { timer: timer(), timezone });
    const card = screen.getByTestId("timer-card");
    expect(card.getAttribute("data-kind")).toBe("reorder_card");
    expect(card.getAttribute("data-state")).toBe("running");
    expect(within(card).getByTestId("timer-label").textContent).toBe("Cancel and reorder the card");
    expect(within(card).getByTestId("timer-due").textContent).toBe("Fri 2026-12-04");
    expect(within(card).getByTestId("timer-state").textContent).toBe("Running");
    expect(within(card).getByTestId("timer-explanation").textContent).toContain("cancel the card and order a new one");
    expect(card.textContent).toContain("2026-12-04 23:59 EST");
    expect(card.textContent).toContain("Thanksgiving Day");
  });

  it("reads Due today and Passed as the backend says, without a skipped-days table when there is no count", () => {
    const { unmount } = render(TimerCard, { timer: timer({ state: "due_today" }), timezone });
    expect(screen.getByTestId("timer-state").textContent).toBe("Due today");
    expect(screen.getByTestId("timer-card").classList.contains("tone-warning")).toBe(true);
    unmount();
    render(TimerCard, {
      timer: timer({
        kind: "authorization_expires",
        label: "Authorization expires",
        state: "passed",
        due: "2026-11-27",
        due_at: "2026-11-27T15:00:00Z",
        explanation: null,
        explanation_text: "The authorization was created Fri 20 Nov 2026 10:00 EST. It expires 7 days after it was created.",
      }),
      timezone,
    });
    expect(screen.getByTestId("timer-card").getAttribute("data-kind")).toBe("authorization_expires");
    expect(screen.getByTestId("timer-state").textContent).toBe("Passed");
    expect(screen.getByTestId("timer-card").textContent).toContain("2026-11-27 10:00 EST");
    expect(screen.queryByText("Skipped days")).toBeNull();
  });

  it("words the timer in German once the language changes", () => {
    render(TimerCard, { timer: timer(), timezone });
    const card = screen.getByTestId("timer-card");

    setLanguage("de");
    flushSync();

    expect(within(card).getByTestId("timer-label").textContent).toBe("Karte sperren und neu bestellen");
    expect(within(card).getByTestId("timer-state").textContent).toBe("Läuft");
    const why = within(card).getByTestId("timer-explanation").textContent ?? "";
    expect(why).toContain("Am Fr., 20.11.2026 per Standardversand ohne Sendungsverfolgung verschickt.");
    expect(why).toContain("sperren Sie sie und bestellen Sie eine neue");
    expect(why).toContain("übersprungen: Do., 26.11. (Thanksgiving Day).");
    expect(card.textContent).toContain("Übersprungene Tage");
  });

  it("words the timer in Japanese, and keeps the backend's explanation of an authorization", () => {
    setLanguage("ja");
    flushSync();
    const { unmount } = render(TimerCard, { timer: timer(), timezone });
    expect(screen.getByTestId("timer-label").textContent).toBe("カードを解約して再発行");
    expect(screen.getByTestId("timer-explanation").textContent).toContain("2026/11/20(金) に追跡のない標準配送で発送しました。");
    expect(screen.getByTestId("timer-explanation").textContent).toContain("除外した日：11/26(木)（Thanksgiving Day）。");
    unmount();
    const text = "The authorization was created Fri 20 Nov 2026 10:00 EST. It expires 7 days after it was created.";
    render(TimerCard, { timer: timer({ kind: "authorization_expires", label: "Authorization expires", explanation: null, explanation_text: text }), timezone });
    expect(screen.getByTestId("timer-label").textContent).toBe("オーソリの失効");
    expect(screen.getByTestId("timer-explanation").textContent).toBe(text);
  });
});
