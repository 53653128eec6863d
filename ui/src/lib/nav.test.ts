import { afterEach, describe, expect, it } from "vitest";
import { nav, parseHash, routeHash, type Route } from "./nav.svelte";

afterEach(() => nav.register());

describe("routes and URL hashes", () => {
  const routes: Route[] = [
    { name: "register" },
    { name: "new" },
    { name: "settings" },
    { name: "reports", month: null },
    { name: "reports", month: "2026-10" },
    { name: "complaint", id: "CMP-2026-00001" },
    { name: "accounts", filter: "all" },
    { name: "accounts", filter: "notices" },
    { name: "account", id: "acct_1Nv0FGQ9RKHgCVdK" },
    { name: "credit", id: "CRD-2026-00003" },
    { name: "reserve" },
    { name: "playbook" },
  ];

  it("reads back every route it writes", () => {
    for (const r of routes) expect(parseHash(routeHash(r))).toEqual(r);
  });

  it("writes the accounts, account and credit case hashes", () => {
    expect(routeHash({ name: "accounts", filter: "all" })).toBe("#/accounts");
    expect(routeHash({ name: "accounts", filter: "notices" })).toBe("#/accounts/notices");
    expect(routeHash({ name: "account", id: "acct_123" })).toBe("#/account/acct_123");
    expect(routeHash({ name: "credit", id: "CRD-2026-00001" })).toBe("#/credit/CRD-2026-00001");
    expect(routeHash({ name: "account", id: "acct 1/2" })).toBe("#/account/acct%201%2F2");
  });

  it("writes the reserve and playbook hashes", () => {
    expect(routeHash({ name: "reserve" })).toBe("#/reserve");
    expect(routeHash({ name: "playbook" })).toBe("#/playbook");
    expect(parseHash("#reserve")).toEqual({ name: "reserve" });
  });

  it("parses hashes with or without the slash", () => {
    expect(parseHash("#accounts")).toEqual({ name: "accounts", filter: "all" });
    expect(parseHash("#/account/acct_1")).toEqual({ name: "account", id: "acct_1" });
    expect(parseHash("#/credit/CRD-2026-00001")).toEqual({ name: "credit", id: "CRD-2026-00001" });
  });

  it("falls back instead of failing on a malformed id", () => {
    expect(parseHash("#/account/%E0%A4%A")).toEqual({ name: "accounts", filter: "all" });
    expect(parseHash("#/credit/%")).toEqual({ name: "accounts", filter: "all" });
    expect(parseHash("#/accounts/other")).toEqual({ name: "register" });
  });

  it("moves between the views and keeps the hash in step", () => {
    nav.accounts("notices");
    expect(window.location.hash).toBe("#/accounts/notices");
    nav.account("acct_9");
    expect(nav.route).toEqual({ name: "account", id: "acct_9" });
    nav.credit("CRD-2026-00002");
    expect(window.location.hash).toBe("#/credit/CRD-2026-00002");
  });
});
