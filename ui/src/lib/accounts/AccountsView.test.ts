import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountView } from "../bindings/AccountView";
import type { CreditCaseRow } from "../bindings/CreditCaseRow";
import { accountRow, accountView, caseRow, usd } from "../credit/fixtures";
import { setLanguage } from "../i18n";
import { nav } from "../nav.svelte";
import Toaster from "../shared/Toaster.svelte";
import { toasts } from "../shared/toast.svelte";
import AccountsView from "../views/AccountsView.svelte";
import { accountsStore } from "./accounts.svelte";

type Call = [string, Record<string, unknown>];

describe("Accounts view", () => {
  let calls: Call[];
  let addAnswer: () => AccountView;
  /** The backend's answer to `import_accounts`: null when the officer cancelled its open dialog. */
  let importAnswer: () => unknown;
  /** Cases listed after the two every test starts with. */
  let extraCases: CreditCaseRow[];

  beforeEach(() => {
    calls = [];
    addAnswer = () => accountView({ id: "acct_9New", legal_name: "New Co" });
    importAnswer = () => null;
    extraCases = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      switch (cmd) {
        case "list_accounts":
          return [
            accountRow(),
            accountRow({ id: "acct_2Owe", legal_name: "Owing Ltd", balance: usd(-12550), owes: true, closure_case: "CRD-2026-00002" }),
            accountRow({ id: "acct_3Old", legal_name: "Closed GmbH", status: "inactive", capability: "revoked" }),
          ];
        case "list_credit_cases":
          return [
            caseRow("CRD-2026-00003", { notice_sent: true, next_step: "deactivated", assignee: "Ben Okafor" }),
            ...extraCases,
            caseRow("CRD-2026-00002", { account_id: "acct_2Owe", account_name: "Owing Ltd", notice_overdue: true, notice_due: "2026-01-02T15:00:00Z" }),
          ];
        case "notice_counts":
          return { overdue: 1, due_soon: 0 };
        case "add_account":
          return addAnswer();
        case "import_accounts":
          return importAnswer();
        default:
          throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
      }
    });
  });

  afterEach(() => {
    clearMocks();
    accountsStore.accounts = [];
    accountsStore.cases = [];
    accountsStore.loaded = false;
    toasts.items = [];
    nav.register();
    setLanguage("en");
    localStorage.clear();
  });

  it("lists the accounts in German and says in German what was imported", async () => {
    importAnswer = () => ({ imported: 2, ids: ["acct_7One", "acct_8Two"] });
    nav.accounts();
    render(AccountsView);
    render(Toaster);
    await screen.findByTestId("account-row-acct_2Owe");
    setLanguage("de");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Verbundene Konten");
    expect(screen.getByTestId("accounts-count").textContent?.trim()).toBe("3 Konten · 1 mit Schulden bei Stripe");
    expect(screen.getByTestId("account-acct_2Owe-owes").textContent).toBe("schuldet Stripe");
    expect(screen.getByTestId("account-acct_2Owe-balance").textContent).toBe("-125,50 USD");
    expect(screen.getByTestId("account-acct_3Old-status").textContent?.trim()).toBe("Inaktiv");
    expect(screen.getByTestId("account-row-acct_1Ace").textContent).toContain("Stand 20.11.2026, 10:00 EST");
    expect(screen.getByTestId("cases-filter-notices").textContent).toContain("Fällige Mitteilungen");
    expect(screen.getByTestId("import-accounts").textContent).toContain("CSV importieren…");
    await fireEvent.click(screen.getByTestId("import-accounts"));
    expect((await screen.findByTestId("toast")).textContent).toContain("2 Konten importiert.");
  });

  it("lists the accounts in Japanese", async () => {
    nav.accounts("notices");
    render(AccountsView);
    await screen.findByTestId("account-row-acct_2Owe");
    setLanguage("ja");
    flushSync();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("連結アカウント");
    expect(screen.getByTestId("accounts-count").textContent?.trim()).toBe("3 件のアカウント · Stripe への債務あり 1 件");
    expect(screen.getByTestId("account-acct_2Owe-owes").textContent).toBe("Stripe への債務あり");
    expect(screen.getByTestId("cases-filter-note").textContent).toBe("不利益措置通知をまだ送付していない案件。期限の早い順。");
    expect(screen.getByTestId("add-account").textContent).toContain("アカウントを追加");
  });

  it("imports accounts through the backend's open dialog, says how many and reads the list again", async () => {
    importAnswer = () => ({ imported: 2, ids: ["acct_7One", "acct_8Two"] });
    nav.accounts();
    render(AccountsView);
    render(Toaster);
    await screen.findByTestId("account-row-acct_2Owe");
    const listed = calls.filter(([c]) => c === "list_accounts").length;
    await fireEvent.click(screen.getByTestId("import-accounts"));
    expect((await screen.findByTestId("toast")).textContent).toContain("Imported 2 accounts.");
    expect(calls.find(([c]) => c === "import_accounts")?.[1]).toEqual({});
    await waitFor(() => expect(calls.filter(([c]) => c === "list_accounts").length).toBeGreaterThan(listed));
  });

  it("imports nothing and says nothing when the open dialog is cancelled", async () => {
    importAnswer = () => null;
    nav.accounts();
    render(AccountsView);
    render(Toaster);
    await screen.findByTestId("account-row-acct_2Owe");
    const button = screen.getByTestId("import-accounts") as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(calls.some(([c]) => c === "import_accounts")).toBe(true));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("shows an import refusal in the page's banner", async () => {
    importAnswer = () => {
      throw { code: "invalid_input", message: "row 2, column currency: \"usdx\" is not a currency code", field: "row 2, column currency", rule: null };
    };
    nav.accounts();
    render(AccountsView);
    render(Toaster);
    await screen.findByTestId("account-row-acct_2Owe");
    await fireEvent.click(screen.getByTestId("import-accounts"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("Nothing was imported.");
    expect(banner.textContent).toContain('row 2, column currency: "usdx" is not a currency code');
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("lists accounts with their policy status, balance owed in red and closure case", async () => {
    nav.accounts();
    render(AccountsView);
    const owing = await screen.findByTestId("account-row-acct_2Owe");
    expect(owing.getAttribute("data-owes")).toBe("true");
    expect(screen.getByTestId("account-acct_2Owe-balance").textContent).toBe("-125.50 USD");
    expect(screen.getByTestId("account-acct_2Owe-owes").textContent).toBe("owes Stripe");
    expect(screen.getByTestId("account-acct_2Owe-case").textContent).toBe("CRD-2026-00002");
    expect(screen.getByTestId("account-acct_3Old-status").getAttribute("data-status")).toBe("inactive");
    expect(screen.queryByTestId("account-acct_1Ace-owes")).toBeNull();
    await fireEvent.click(screen.getByTestId("account-acct_2Owe-case"));
    expect(nav.route).toEqual({ name: "credit", id: "CRD-2026-00002" });
  });

  it("filters the cases to notices not yet sent, marking the overdue one", async () => {
    nav.accounts("notices");
    render(AccountsView);
    const table = await screen.findByTestId("cases-table");
    const rows = within(table).getAllByTestId(/^case-row-/);
    expect(rows.map((r) => r.getAttribute("data-testid"))).toEqual(["case-row-CRD-2026-00002"]);
    expect(rows[0].getAttribute("data-notice")).toBe("overdue");
    expect(screen.getByTestId("cases-filter-notices").getAttribute("aria-pressed")).toBe("true");
    await fireEvent.click(screen.getByTestId("cases-filter-all"));
    await waitFor(() => expect(within(screen.getByTestId("cases-table")).getAllByTestId(/^case-row-/)).toHaveLength(2));
  });

  it("lists every case with its status, next step and who it is assigned to", async () => {
    extraCases = [caseRow("CRD-2026-00004", { status: "awaiting_approval", next_step: "approval" })];
    nav.accounts();
    render(AccountsView);
    const table = await screen.findByTestId("cases-table");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toContain("Assigned to");
    expect(screen.getByTestId("case-CRD-2026-00003-assignee").textContent?.trim()).toBe("Ben Okafor");
    expect(screen.getByTestId("case-CRD-2026-00002-assignee").textContent?.trim()).toBe("—");
    const waiting = screen.getByTestId("case-row-CRD-2026-00004");
    expect(waiting.getAttribute("data-status")).toBe("awaiting_approval");
    expect(waiting.textContent).toContain("Awaiting approval");
    expect(waiting.textContent).toContain("Approve the decision");
    setLanguage("de");
    flushSync();
    expect(waiting.textContent).toContain("Wartet auf Freigabe");
    expect(waiting.textContent).toContain("Entscheidung freigeben");
    setLanguage("ja");
    flushSync();
    expect(waiting.textContent).toContain("承認待ち");
  });

  it("adds an account with amounts typed in major units and opens it", async () => {
    nav.accounts();
    render(AccountsView);
    await fireEvent.click(await screen.findByTestId("add-account"));
    const form = await screen.findByTestId("account-form");
    const fill = (id: string, value: string) => fireEvent.input(within(form).getByTestId(id), { target: { value } });
    await fill("field-id", "acct_9New");
    await fill("field-name", "New Co");
    await fill("field-email", "ap@new.test");
    await fill("field-limit", "2,000.00");
    expect((within(form).getByTestId("field-balance") as HTMLInputElement).placeholder).toBe("0.00");
    await fill("field-balance", "-10.05");
    await fill("field-period_count", "14");
    await fireEvent.change(within(form).getByTestId("field-period"), { target: { value: "day" } });
    await fireEvent.click(screen.getByTestId("account-save"));
    await waitFor(() => expect(nav.route).toEqual({ name: "account", id: "acct_9New" }));
    expect(calls.find(([c]) => c === "add_account")?.[1]).toEqual({
      input: { id: "acct_9New", name: "New Co", email: "ap@new.test", address: null, limit: 200000, currency: "USD", period: "day", period_count: 14, days_until_due: 10, balance: -1005, business_type: "company", losses: "platform", country: null, debit_negative_balances: false },
    });
  });

  it("adds an account with who carries its losses, its country and debit_negative_balances", async () => {
    nav.accounts();
    render(AccountsView);
    await fireEvent.click(await screen.findByTestId("add-account"));
    const form = await screen.findByTestId("account-form");
    const fill = (id: string, value: string) => fireEvent.input(within(form).getByTestId(id), { target: { value } });
    await fill("field-id", "acct_9New");
    await fill("field-name", "New Co");
    await fill("field-email", "ap@new.test");
    await fill("field-limit", "100");
    expect((within(form).getByTestId("field-losses") as HTMLSelectElement).value).toBe("platform");
    await fireEvent.change(within(form).getByTestId("field-losses"), { target: { value: "stripe" } });
    await fill("field-country", "jp");
    await fireEvent.click(within(form).getByTestId("field-debit_negative_balances"));
    await fireEvent.click(screen.getByTestId("account-save"));
    await waitFor(() => expect(calls.some(([c]) => c === "add_account")).toBe(true));
    expect(calls.find(([c]) => c === "add_account")?.[1]).toMatchObject({ input: { losses: "stripe", country: "JP", debit_negative_balances: true } });
  });

  it("shows a field refusal next to the field and an existing account in the banner", async () => {
    nav.accounts();
    render(AccountsView);
    await fireEvent.click(await screen.findByTestId("add-account"));
    const form = await screen.findByTestId("account-form");
    await fireEvent.input(within(form).getByTestId("field-id"), { target: { value: "acct_1Ace" } });
    await fireEvent.input(within(form).getByTestId("field-name"), { target: { value: "Acme" } });
    await fireEvent.input(within(form).getByTestId("field-email"), { target: { value: "x@y.test" } });
    await fireEvent.input(within(form).getByTestId("field-limit"), { target: { value: "100" } });
    addAnswer = () => {
      throw { code: "invalid_input", message: "\"x@y\" is not an email address", field: "email", rule: null };
    };
    await fireEvent.click(screen.getByTestId("account-save"));
    expect((await screen.findByTestId("error-email")).textContent).toContain("not an email address");
    addAnswer = () => {
      throw { code: "rule", message: "acct_1Ace is already recorded", field: null, rule: "account_exists" };
    };
    await fireEvent.click(screen.getByTestId("account-save"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("already recorded");
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("account_exists");
  });
});
