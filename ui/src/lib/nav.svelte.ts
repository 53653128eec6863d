// In-app navigation: which screen is showing. Mirrored in the URL hash so a reload keeps it.
import { t } from "./i18n/translate";
import { isMonth } from "./reports/month";

export type Route =
  | { name: "register" }
  | { name: "complaint"; id: string }
  | { name: "new" }
  | { name: "reports"; month: string | null }
  | { name: "settings" }
  | { name: "accounts"; filter: AccountsFilter }
  | { name: "account"; id: string }
  | { name: "credit"; id: string }
  | { name: "reserve" }
  | { name: "playbook" };

/** The name of a view as the header and titles say it: "Register", "Reports", "Settings". */
export function viewName(name: Route["name"]): string {
  return t(`shell.views.${name}`);
}

/** The views the header links to, in its order. */
export const HEADER_VIEWS = ["register", "accounts", "reserve", "reports", "playbook", "settings"] as const;
export type HeaderView = (typeof HEADER_VIEWS)[number];

/** Where a header link goes: the view as it opens from the header (every case, the default month). */
export function headerRoute(view: HeaderView): Route {
  switch (view) {
    case "accounts":
      return { name: "accounts", filter: "all" };
    case "reports":
      return { name: "reports", month: null };
    default:
      return { name: view };
  }
}

/** The key that opens a header view: its place in the header, "1" (Register) to "6" (Settings). */
export function viewKey(view: HeaderView): string {
  return String(HEADER_VIEWS.indexOf(view) + 1);
}

/** The header view a key opens ("1" to "6"), or null for any other key. */
export function viewForKey(key: string): HeaderView | null {
  return HEADER_VIEWS.find((v) => viewKey(v) === key) ?? null;
}

/** What the Accounts view's case list shows: every case, or the unsent adverse-action notices. */
export type AccountsFilter = "all" | "notices";

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, "");
  if (path === "new") return { name: "new" };
  if (path === "settings") return { name: "settings" };
  if (path === "reserve") return { name: "reserve" };
  if (path === "playbook") return { name: "playbook" };
  if (path === "reports") return { name: "reports", month: null };
  const r = /^reports\/(.+)$/.exec(path);
  if (r) return { name: "reports", month: isMonth(r[1]) ? r[1] : null };
  if (path === "accounts") return { name: "accounts", filter: "all" };
  if (path === "accounts/notices") return { name: "accounts", filter: "notices" };
  const acct = /^account\/(.+)$/.exec(path);
  if (acct) {
    const id = decoded(acct[1]);
    return id ? { name: "account", id } : { name: "accounts", filter: "all" };
  }
  const credit = /^credit\/(.+)$/.exec(path);
  if (credit) {
    const id = decoded(credit[1]);
    return id ? { name: "credit", id } : { name: "accounts", filter: "all" };
  }
  const m = /^complaint\/(.+)$/.exec(path);
  if (m) {
    try {
      return { name: "complaint", id: decodeURIComponent(m[1]) };
    } catch {
      return { name: "register" };
    }
  }
  return { name: "register" };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case "register":
      return "#/";
    case "new":
      return "#/new";
    case "settings":
      return "#/settings";
    case "reports":
      return route.month ? `#/reports/${route.month}` : "#/reports";
    case "complaint":
      return `#/complaint/${encodeURIComponent(route.id)}`;
    case "accounts":
      return route.filter === "notices" ? "#/accounts/notices" : "#/accounts";
    case "account":
      return `#/account/${encodeURIComponent(route.id)}`;
    case "credit":
      return `#/credit/${encodeURIComponent(route.id)}`;
    case "reserve":
      return "#/reserve";
    case "playbook":
      return "#/playbook";
  }
}

class Nav {
  route = $state<Route>({ name: "register" });

  constructor() {
    if (typeof window !== "undefined") {
      this.route = parseHash(window.location.hash);
      window.addEventListener("hashchange", () => {
        this.route = parseHash(window.location.hash);
      });
    }
  }

  go(route: Route): void {
    this.route = route;
    if (typeof window !== "undefined") {
      const hash = routeHash(route);
      if (window.location.hash !== hash) window.location.hash = hash;
    }
  }

  /** A view as the header opens it (its link, or its key 1–6). */
  open(view: HeaderView): void {
    this.go(headerRoute(view));
  }

  register(): void {
    this.go({ name: "register" });
  }

  complaint(id: string): void {
    this.go({ name: "complaint", id });
  }

  /** The Accounts view, with every credit case or only the unsent notices. */
  accounts(filter: AccountsFilter = "all"): void {
    this.go({ name: "accounts", filter });
  }

  account(id: string): void {
    this.go({ name: "account", id });
  }

  /** A credit case (closure or limit decrease) with its steps. */
  credit(id: string): void {
    this.go({ name: "credit", id });
  }

  /** The Connect reserve monitor. */
  reserve(): void {
    this.go({ name: "reserve" });
  }

  /** The support playbook. */
  playbook(): void {
    this.go({ name: "playbook" });
  }

  /** The Reports view on a month, or on the default month (the previous one) when null. */
  reports(month: string | null = null): void {
    this.go({ name: "reports", month });
  }
}

export const nav = new Nav();
