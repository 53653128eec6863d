import { describe, expect, it } from "vitest";
import { FormState } from "./formState.svelte";

describe("form state", () => {
  it("puts a refusal naming a field of the form next to it", async () => {
    const f = new FormState(["amount", "at"], { occurred_at: "at" });
    const out = await f.submit(async () => {
      throw { code: "invalid_input", message: "a credit limit cannot be negative", field: "amount", rule: null };
    });
    expect(out).toBeNull();
    expect(f.errors).toEqual({ amount: "a credit limit cannot be negative" });
    expect(f.banner).toBeNull();
    await f.submit(async () => {
      throw { code: "invalid_input", message: "in the future", field: "occurred_at", rule: null };
    });
    expect(f.errors).toEqual({ at: "in the future" });
  });

  it("puts a rule refusal in the banner with the rule's name", async () => {
    const f = new FormState(["at"]);
    await f.submit(async () => {
      throw { code: "rule", message: "top it up by 125.50 USD", field: null, rule: "deactivate_with_negative_balance" };
    });
    expect(f.banner).toEqual({ message: "top it up by 125.50 USD", rule: "deactivate_with_negative_balance" });
    expect(f.errors).toEqual({});
  });

  it("puts a field the form does not have in the banner", async () => {
    const f = new FormState(["at"]);
    await f.submit(async () => {
      throw { code: "invalid_input", message: "row 3: bad", field: "row 3, column limit", rule: null };
    });
    expect(f.banner?.message).toBe("row 3: bad");
  });

  it("gives the result and clears old errors on success; refuses a second send while busy", async () => {
    const f = new FormState(["at"]);
    f.check({ at: "Enter a date." });
    expect(f.errors.at).toBe("Enter a date.");
    let release: (v: number) => void = () => {};
    const first = f.submit(() => new Promise<number>((r) => (release = r)));
    expect(f.busy).toBe(true);
    expect(await f.submit(async () => 2)).toBeNull();
    release(1);
    expect(await first).toBe(1);
    expect(f.errors).toEqual({});
    expect(f.busy).toBe(false);
  });

  it("forgets a field's error once it is edited", () => {
    const f = new FormState(["a", "b"]);
    expect(f.check({ a: "x", b: "y" })).toBe(false);
    f.clear("a");
    expect(f.errors).toEqual({ b: "y" });
    expect(f.check({})).toBe(true);
  });
});
