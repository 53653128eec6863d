// The case store keeps only the latest answers: the case opened last, the notice language picked last.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CreditCaseView } from "../bindings/CreditCaseView";
import { CreditCaseStore } from "./case.svelte";
import { accountView, closureCase } from "./fixtures";

/** Answers the test gives when it likes, by command and key. */
function pending() {
  const waiting = new Map<string, (value: unknown) => void>();
  return {
    ask<T>(key: string): Promise<T> {
      return new Promise<T>((resolve) => waiting.set(key, resolve as (value: unknown) => void));
    },
    answer(key: string, value: unknown) {
      const resolve = waiting.get(key);
      if (!resolve) throw new Error(`nothing asked as ${key}`);
      waiting.delete(key);
      resolve(value);
    },
  };
}

afterEach(() => clearMocks());

describe("credit case store", () => {
  it("shows the case opened last when the first one answers after it", async () => {
    const p = pending();
    mockIPC((cmd, args) => {
      if (cmd === "get_credit_case") return p.ask(`case ${(args as { id: string }).id}`);
      if (cmd === "get_account") return accountView();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
    const store = new CreditCaseStore();
    const first = store.open("CRD-2026-00001");
    const second = store.open("CRD-2026-00002");
    const later: CreditCaseView = closureCase(0, { id: "CRD-2026-00002" });
    p.answer("case CRD-2026-00002", later);
    await second;
    expect(store.view?.id).toBe("CRD-2026-00002");
    expect(store.loading).toBe(false);
    p.answer("case CRD-2026-00001", closureCase());
    await first;
    expect(store.view?.id).toBe("CRD-2026-00002");
    expect(store.error).toBeNull();
  });

  it("keeps the preview of the language picked last when the answers cross", async () => {
    const p = pending();
    mockIPC((cmd, args) => {
      if (cmd === "credit_notice_text") return p.ask(`notice ${(args as { input: { language: string } }).input.language}`);
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
    const store = new CreditCaseStore();
    store.id = "CRD-2026-00001";
    const german = store.loadPreview("de");
    const japanese = store.loadPreview("ja");
    expect(store.previewBusy).toBe(true);
    p.answer("notice ja", "不利益措置通知");
    await japanese;
    expect(store.previewBusy).toBe(false);
    p.answer("notice de", "MITTEILUNG ÜBER EINE NACHTEILIGE MASSNAHME");
    await german;
    expect(store.preview).toBe("不利益措置通知");
    expect(store.previewLanguage).toBe("ja");
    expect(store.usedLanguage).toBe("ja");
  });

  it("drops a preview asked for on the case left, and its refusal", async () => {
    const p = pending();
    mockIPC((cmd) => {
      if (cmd === "credit_notice_text") return p.ask("notice").then(() => Promise.reject({ code: "storage", message: "locked", field: null, rule: null }));
      if (cmd === "get_credit_case") return closureCase(0, { id: "CRD-2026-00002" });
      if (cmd === "get_account") return accountView();
      throw { code: "internal", message: `not in this test: ${cmd}`, field: null, rule: null };
    });
    const store = new CreditCaseStore();
    store.id = "CRD-2026-00001";
    const preview = store.loadPreview("en");
    await store.open("CRD-2026-00002");
    expect(store.previewBusy).toBe(false);
    p.answer("notice", null);
    await preview;
    expect(store.noticeError).toBeNull();
    expect(store.preview).toBeNull();
  });
});
