import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import ErrorBanner from "../shared/ErrorBanner.svelte";
import { formatMoney } from "../shared/money";
import type { Catalogues } from "./catalogue";
import { formatNumber } from "./format";
import { initialLanguage, language, LANGUAGE_KEY, LANGUAGE_NAMES, languageFor, locale, setLanguage, UI_LANGUAGES } from "./language.svelte";
import { hasMessage, t, tOr, tParts, translate } from "./translate";

const DEMO: Catalogues = {
  en: {
    demo: {
      hello: "Hello {name}, you have {what}",
      events: { one: "{count} event", other: "{count} events" },
      moved: { zero: "Nothing moved.", one: "One complaint moved.", other: "{count} complaints moved." },
      onlyEnglish: "Only in English, {name}",
      nested: { deeper: { key: "Deep" } },
    },
  },
  de: {
    demo: {
      hello: "Hallo {name}, Sie haben {what}",
      events: { one: "{count} Ereignis", other: "{count} Ereignisse" },
      moved: { zero: "Nichts verschoben.", one: "Eine Beschwerde verschoben.", other: "{count} Beschwerden verschoben." },
      nested: { deeper: { key: "Tief" } },
    },
  },
  ja: {
    demo: {
      hello: "{name} さん、{what} があります",
      events: { other: "{count} 件のイベント" },
      moved: { zero: "移動はありません。", other: "{count} 件の苦情を移動しました。" },
      nested: { deeper: { key: "深い" } },
    },
  },
};

afterEach(() => {
  setLanguage("en");
  localStorage.clear();
});

describe("t: filling a message in", () => {
  it("fills {name} placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "demo.hello", { name: "Ana", what: "mail" }, DEMO)).toBe("Hello Ana, you have mail");
    expect(translate("ja", "demo.hello", { name: "Ana", what: "メール" }, DEMO)).toBe("Ana さん、メール があります");
    expect(translate("en", "demo.hello", { name: "Ana" }, DEMO)).toBe("Hello Ana, you have {what}");
    expect(translate("de", "demo.nested.deeper.key", undefined, DEMO)).toBe("Tief");
  });

  it("chooses the plural form by count, with the language's rules and grouping", () => {
    expect(translate("en", "demo.events", { count: 1 }, DEMO)).toBe("1 event");
    expect(translate("en", "demo.events", { count: 12345 }, DEMO)).toBe("12,345 events");
    expect(translate("de", "demo.events", { count: 1 }, DEMO)).toBe("1 Ereignis");
    expect(translate("de", "demo.events", { count: 12345 }, DEMO)).toBe("12.345 Ereignisse");
    expect(translate("ja", "demo.events", { count: 1 }, DEMO)).toBe("1 件のイベント");
    expect(translate("en", "demo.moved", { count: 0 }, DEMO)).toBe("Nothing moved.");
    expect(translate("de", "demo.moved", { count: 0 }, DEMO)).toBe("Nichts verschoben.");
    expect(translate("en", "demo.moved", { count: 1 }, DEMO)).toBe("One complaint moved.");
    expect(translate("en", "demo.moved", { count: 2 }, DEMO)).toBe("2 complaints moved.");
    // Without a count the `other` form is taken.
    expect(translate("en", "demo.events", undefined, DEMO)).toBe("{count} events");
  });

  it("falls back to English for a key the language lacks, and shows the key when no language has it", () => {
    expect(translate("de", "demo.onlyEnglish", { name: "Jo" }, DEMO)).toBe("Only in English, Jo");
    expect(translate("ja", "demo.onlyEnglish", { name: "Jo" }, DEMO)).toBe("Only in English, Jo");
    expect(translate("de", "demo.nowhere", undefined, DEMO)).toBe("demo.nowhere");
    // A group of messages is not a message.
    expect(translate("en", "demo.nested", undefined, DEMO)).toBe("demo.nested");
  });

  it("uses the shipped catalogues in the current language", () => {
    expect(t("common.cancel")).toBe("Cancel");
    setLanguage("de");
    expect(t("common.cancel")).toBe("Abbrechen");
    expect(t("settings.backups.events", { count: 1234 })).toBe("1.234 Ereignisse");
    setLanguage("ja");
    expect(t("common.cancel")).toBe("キャンセル");
    expect(hasMessage("common.cancel")).toBe(true);
    expect(hasMessage("common.nothing.here")).toBe(false);
    expect(tOr("common.operation.step.a_new_step", "a_new_step")).toBe("a_new_step");
  });

  it("splits a message at the placeholders markup renders itself", () => {
    expect(tParts("common.form.keysHint")).toEqual([
      { placeholder: "ctrl" },
      { text: " + " },
      { placeholder: "enter" },
      { text: " to record · " },
      { placeholder: "esc" },
      { text: " to cancel" },
    ]);
    expect(tParts("shell.reserve.pill", { count: 2 }, ["count"])).toEqual([{ placeholder: "count" }, { text: " reserve alerts" }]);
    expect(tParts("shell.reserve.pill", { count: 1 })).toEqual([{ text: "1 reserve alert" }]);
  });
});

describe("the interface language", () => {
  it("offers English, German and Japanese, each named in its own language", () => {
    expect(UI_LANGUAGES).toEqual(["en", "de", "ja"]);
    expect(UI_LANGUAGES.map((l) => LANGUAGE_NAMES[l])).toEqual(["English", "Deutsch", "日本語"]);
  });

  it("starts in the engine's language when it is German or Japanese, else English", () => {
    expect(languageFor("de-AT")).toBe("de");
    expect(languageFor("ja")).toBe("ja");
    expect(languageFor("fr-FR")).toBe("en");
    expect(languageFor("")).toBe("en");
    expect(initialLanguage()).toBe("en"); // jsdom says en-US
  });

  it("is remembered on this computer and sets <html lang>", () => {
    setLanguage("ja");
    expect(language()).toBe("ja");
    expect(locale()).toBe("ja-JP");
    expect(document.documentElement.lang).toBe("ja");
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("ja");
    expect(initialLanguage()).toBe("ja");
    setLanguage("de", { remember: false });
    expect(document.documentElement.lang).toBe("de");
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe("ja");
  });

  it("formats numbers and money the language's way, English as before", () => {
    expect(formatNumber(1234567.5)).toBe("1,234,567.5");
    expect(formatMoney({ amount_minor: 123456789, currency: "usd" })).toBe("1,234,567.89 USD");
    setLanguage("de");
    expect(formatNumber(1234567.5)).toBe("1.234.567,5");
    expect(formatMoney({ amount_minor: 123456789, currency: "usd" })).toBe("1.234.567,89 USD");
    expect(formatMoney({ amount_minor: -1250, currency: "jpy" })).toBe("-1.250 JPY");
    setLanguage("ja");
    expect(formatMoney({ amount_minor: 123456789, currency: "usd" })).toBe("1,234,567.89 USD");
  });

  it("re-renders a component's text at once when it changes", () => {
    render(ErrorBanner, { message: "the store is locked", rule: "operation_running", ondismiss: () => {} });
    const banner = screen.getByTestId("error-banner");
    expect(banner.textContent).toContain("Rule operation_running");
    expect(screen.getByTestId("error-banner-dismiss").getAttribute("aria-label")).toBe("Dismiss");

    setLanguage("de");
    flushSync();
    expect(banner.textContent).toContain("Regel operation_running");
    expect(screen.getByTestId("error-banner-dismiss").getAttribute("aria-label")).toBe("Ausblenden");

    setLanguage("ja");
    flushSync();
    expect(banner.textContent).toContain("ルール operation_running");
    // The rule's own element is still the one rendered by the component.
    expect(screen.getByTestId("error-banner-rule").textContent).toBe("operation_running");
  });
});
