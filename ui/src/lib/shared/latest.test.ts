import { describe, expect, it, vi } from "vitest";
import { IpcError } from "../ipc/error";
import { Latest } from "./latest.svelte";

/** A request whose answer the test gives when it likes. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("latest request wins", () => {
  it("gives the value to done, clears the error and stops loading", async () => {
    const l = new Latest();
    const done = vi.fn();
    const asked = deferred<number>();
    const run = l.run(() => asked.promise, { done });
    expect(l.loading).toBe(true);
    asked.resolve(7);
    expect(await run).toEqual({ ok: true, value: 7 });
    expect(done).toHaveBeenCalledWith(7);
    expect(l.loading).toBe(false);
    expect(l.error).toBeNull();
  });

  it("keeps only the latest answer when an earlier one arrives last", async () => {
    const l = new Latest();
    const shown: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = l.run(() => first.promise, { done: (v) => shown.push(v) });
    const b = l.run(() => second.promise, { done: (v) => shown.push(v) });
    second.resolve("November");
    expect(await b).toEqual({ ok: true, value: "November" });
    expect(l.loading).toBe(false);
    first.resolve("October");
    expect(await a).toBeNull();
    expect(shown).toEqual(["November"]);
    expect(l.loading).toBe(false);
  });

  it("stays loading while the latest request is pending, whatever an earlier one answers", async () => {
    const l = new Latest();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = l.run(() => first.promise);
    const b = l.run(() => second.promise);
    first.reject({ code: "storage", message: "the database is locked", field: null, rule: null });
    expect(await a).toBeNull();
    expect(l.loading).toBe(true);
    expect(l.error).toBeNull();
    second.resolve("ok");
    await b;
    expect(l.loading).toBe(false);
  });

  it("keeps the latest refusal as an IpcError and clears it on the next success", async () => {
    const l = new Latest();
    const failed = vi.fn();
    const out = await l.run(
      async () => {
        throw { code: "not_found", message: "no complaint CMP-2026-00009", field: null, rule: null };
      },
      { failed },
    );
    expect(out?.ok).toBe(false);
    expect(l.error).toBeInstanceOf(IpcError);
    expect(l.error?.code).toBe("not_found");
    expect(failed).toHaveBeenCalledWith(l.error);
    expect(l.loading).toBe(false);
    await l.run(async () => 1);
    expect(l.error).toBeNull();
  });

  it("tells a request with several steps whether it is still the latest", async () => {
    const l = new Latest();
    const steps: string[] = [];
    const account = deferred<string>();
    const a = l.run(async (current) => {
      steps.push("case");
      await account.promise;
      if (current()) steps.push("account");
    });
    const b = l.run(async (current) => {
      if (current()) steps.push("other case");
    });
    await b;
    account.resolve("acct_1");
    await a;
    expect(steps).toEqual(["case", "other case"]);
  });

  it("drops the request under way", async () => {
    const l = new Latest();
    const done = vi.fn();
    const asked = deferred<number>();
    const run = l.run(() => asked.promise, { done });
    l.drop();
    expect(l.loading).toBe(false);
    asked.resolve(1);
    expect(await run).toBeNull();
    expect(done).not.toHaveBeenCalled();
  });

  it("can count as loading before its first request", () => {
    expect(new Latest(true).loading).toBe(true);
    expect(new Latest().loading).toBe(false);
  });
});
