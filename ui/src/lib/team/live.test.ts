import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TeamChange } from "../bindings/TeamChange";
import { teamChange } from "./fixtures";
import { CHANGE_DEBOUNCE_MS, CHANGE_MAX_WAIT_MS, TeamLive, touches, unseenChanges } from "./live.svelte";

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe("team changes", () => {
  it("hand a burst of changes on once, together, after it is over", () => {
    vi.useFakeTimers();
    const live = new TeamLive();
    const bursts: TeamChange[][] = [];
    live.watch((changes) => bursts.push([...changes]));
    live.heard(teamChange({ last_seq: 101 }));
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 50);
    live.heard(teamChange({ last_seq: 102 }));
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS - 50);
    expect(bursts, "still within the burst").toEqual([]);
    vi.advanceTimersByTime(50);
    expect(bursts.map((b) => b.map((c) => c.last_seq))).toEqual([[101, 102]]);
  });

  it("still hand on a steady stream of changes at least every second", () => {
    vi.useFakeTimers();
    const live = new TeamLive();
    const bursts: number[] = [];
    live.watch((changes) => bursts.push(changes.length));
    for (let elapsed = 0; elapsed < CHANGE_MAX_WAIT_MS; elapsed += 100) {
      live.heard(teamChange());
      vi.advanceTimersByTime(100);
    }
    expect(bursts.length, "a stream every 100 ms does not wait forever").toBeGreaterThan(0);
  });

  it("stop reaching a watcher once it stops watching", () => {
    vi.useFakeTimers();
    const live = new TeamLive();
    const seen = vi.fn();
    const stop = live.watch(seen);
    stop();
    live.heard(teamChange());
    vi.advanceTimersByTime(CHANGE_DEBOUNCE_MS);
    expect(seen).not.toHaveBeenCalled();
  });

  it("touch the records they name, and every record when a bulk change names fewer than it made", () => {
    const one = teamChange({ records: [{ entity: "complaint", id: "CMP-2026-00007" }] });
    expect(touches(one, "complaint", "CMP-2026-00007")).toBe(true);
    expect(touches(one, "complaint", "CMP-2026-00008")).toBe(false);
    expect(touches(one, "credit_case", "CMP-2026-00007"), "the entity counts too").toBe(false);
    const bulk = teamChange({ events: 250, records: Array.from({ length: 20 }, (_, i) => ({ entity: "complaint", id: `CMP-2026-${String(i + 1).padStart(5, "0")}` })) });
    expect(touches(bulk, "credit_case", "CRD-2026-00001"), "a bulk change may have touched any record").toBe(true);
  });

  it("are already in a view read at or after their last entry (this desk's own change, say)", () => {
    const changes = [teamChange({ last_seq: 40 }), teamChange({ last_seq: 41, actor: "ana" })];
    expect(unseenChanges(changes, "complaint", "CMP-2026-00007", 41)).toEqual([]);
    expect(unseenChanges(changes, "complaint", "CMP-2026-00007", 40).map((c) => c.actor)).toEqual(["ana"]);
    expect(unseenChanges(changes, "complaint", "CMP-2026-00007", null)).toHaveLength(2);
  });
});

describe("the team events", () => {
  it("arrive from the shell: changes are handed on, and the link's loss and return are kept", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const live = new TeamLive();
    const heard: TeamChange[] = [];
    live.watch((changes) => heard.push(...changes));
    const stop = await live.listen();
    await emit("team-connection", { connected: false, message: "connection refused (db:5432); trying again" });
    expect(live.offline).toBe("connection refused (db:5432); trying again");
    await emit("team-connection", { connected: true, message: null });
    expect(live.offline).toBeNull();
    await emit("team-connection", { connected: false, message: null });
    expect(live.offline, "lost without a word for why").toBe("");
    await emit("team-change", teamChange({ last_seq: 77 }));
    live.flush();
    expect(heard.map((c) => c.last_seq)).toEqual([77]);
    stop();
    await emit("team-change", teamChange({ last_seq: 78 }));
    live.flush();
    expect(heard.map((c) => c.last_seq), "nothing is heard once stopped").toEqual([77]);
  });

  it("are not heard outside the desktop app, and listening does not fail", async () => {
    const live = new TeamLive();
    const stop = await live.listen();
    expect(() => stop()).not.toThrow();
  });
});
