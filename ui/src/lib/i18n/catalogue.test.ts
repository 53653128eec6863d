import { describe, expect, it } from "vitest";
import type { Operation } from "../bindings/Operation";
import type { ProgressStep } from "../bindings/ProgressStep";
import type { Route } from "../nav.svelte";
import { CATALOGUES, lookup, type Catalogues } from "./catalogue";
import { checkCatalogues, keysUsedIn } from "./check";
import { UI_LANGUAGES } from "./language.svelte";
import { translate } from "./translate";

// Every source file of the app (not the tests, which try keys that do not exist on purpose).
const SOURCES = import.meta.glob<string>(["/src/**/*.ts", "/src/**/*.svelte", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

function report(problems: string[]): string {
  return problems.length === 0 ? "" : `${problems.length} problem(s) in the catalogues:\n${problems.join("\n")}`;
}

describe("the shipped catalogues", () => {
  it("have every message in every language, with the same placeholders, and none empty", () => {
    const problems = checkCatalogues(CATALOGUES, UI_LANGUAGES);
    expect(problems, report(problems)).toEqual([]);
  });

  it("have one folder per language and the same files in each", () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...UI_LANGUAGES].sort());
    const files = (lang: string) => Object.keys(CATALOGUES[lang]).sort();
    expect(files("en")).toEqual(expect.arrayContaining(["common", "settings", "shell"]));
    for (const lang of UI_LANGUAGES) expect(files(lang), `messages/${lang}/`).toEqual(files("en"));
  });

  it("have every key the code uses literally (t, tOr, hasMessage, <Message key>)", () => {
    const missing: string[] = [];
    let seen = 0;
    for (const [path, source] of Object.entries(SOURCES)) {
      for (const key of keysUsedIn(source)) {
        seen++;
        if (lookup(CATALOGUES, "en", key) === undefined) missing.push(`${path}: "${key}" is not in messages/en/`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(missing, missing.join("\n")).toEqual([]);
  });

  it("have the keys the code builds from codes", () => {
    const routes: Route["name"][] = ["register", "complaint", "new", "reports", "settings", "accounts", "account", "credit", "reserve", "playbook"];
    const operations: Operation[] = ["import", "export", "verify", "backup"];
    const steps: ProgressStep[] = [
      "starting", "checking_rows", "writing_rows", "indexing", "checking_file", "checking_chain",
      "checking_records", "reading_report", "rendering", "copying", "finishing",
    ];
    const keys = [
      ...routes.map((r) => `shell.views.${r}`),
      ...["overdue", "due_today", "due_soon", "on_hold", "open"].flatMap((k) => [`shell.counts.${k}.label`, `shell.counts.${k}.title`]),
      ...operations.flatMap((o) => [`common.operation.name.${o}`, `common.operation.stop.${o}`]),
      ...steps.map((s) => `common.operation.step.${s}`),
      ...["daily", "manual", "before_migration"].map((k) => `settings.backups.kind.${k}`),
      ...["daily", "monthly", "manual", "before_migration"].map((k) => `settings.backups.keptAs.${k}`),
      ...["list", "backup", "restore"].map((k) => `settings.backups.failed.${k}`),
    ];
    const missing = UI_LANGUAGES.flatMap((lang) => keys.filter((k) => lookup(CATALOGUES, lang, k) === undefined).map((k) => `${lang}: ${k}`));
    expect(missing).toEqual([]);
  });

  it("translate the shell and Settings for real: German and Japanese differ from English", () => {
    for (const key of ["shell.views.reports", "shell.counts.overdue.label", "settings.title", "settings.audit.title", "common.cancel"]) {
      const en = translate("en", key);
      expect(translate("de", key), key).not.toBe(en);
      expect(translate("ja", key), key).not.toBe(en);
    }
    expect(translate("de", "shell.counts.overdue.label")).toBe("Überfällig");
    expect(translate("ja", "shell.counts.overdue.label")).toBe("期限超過");
    expect(translate("de", "settings.audit.title")).toBe("Prüfpfad");
    expect(translate("ja", "settings.audit.title")).toBe("監査証跡");
  });
});

describe("the catalogue check", () => {
  const good: Catalogues = {
    en: { demo: { title: "Settings", hello: "Hello {name}", items: { one: "{count} item", other: "{count} items" } } },
    de: { demo: { title: "Einstellungen", hello: "Hallo {name}", items: { one: "{count} Eintrag", other: "{count} Einträge" } } },
    ja: { demo: { title: "設定", hello: "{name} さん", items: { other: "{count} 件" } } },
  };
  const langs = ["en", "de", "ja"];
  const variant = (lang: string, patch: Record<string, unknown>): Catalogues => ({
    ...good,
    [lang]: { demo: { ...good[lang].demo, ...patch } as Catalogues[string][string] },
  });

  it("passes complete catalogues", () => {
    expect(checkCatalogues(good, langs)).toEqual([]);
  });

  it("names the key and the language that lacks it", () => {
    const { title: _, ...rest } = good.de.demo;
    const problems = checkCatalogues({ ...good, de: { demo: rest } }, langs);
    expect(problems).toEqual(['de: missing "demo.title"']);
  });

  it("fails on a key only one language has, naming every language without it", () => {
    const problems = checkCatalogues(variant("ja", { extra: "余分" }), langs);
    expect(problems).toEqual(['en: missing "demo.extra"', 'de: missing "demo.extra"']);
  });

  it("fails when a language has no file for an area, or no folder", () => {
    const noFile = checkCatalogues({ ...good, ja: {} }, langs);
    expect(noFile).toContain("ja: file messages/ja/demo.json is missing");
    expect(noFile).toContain('ja: missing "demo.title"');
    const { ja: _, ...noFolder } = good;
    expect(checkCatalogues(noFolder, langs)).toContain("ja: no catalogue folder messages/ja/");
  });

  it("fails when the placeholders differ from English", () => {
    expect(checkCatalogues(variant("de", { hello: "Hallo {nom}" }), langs)).toEqual(['de: "demo.hello" has placeholders {nom}, en has {name}']);
    expect(checkCatalogues(variant("ja", { hello: "こんにちは" }), langs)).toEqual(['ja: "demo.hello" has placeholders {}, en has {name}']);
  });

  it("fails on plural forms without other, and on plural forms where English has one text", () => {
    expect(checkCatalogues(variant("de", { items: { one: "{count} Eintrag" } }), langs)).toEqual(['de: "demo.items" has plural forms but no "other"']);
    expect(checkCatalogues(variant("ja", { title: { other: "設定" } }), langs)).toEqual(['ja: "demo.title" is plural forms, en has one text']);
  });

  it("fails on empty texts and empty plural forms", () => {
    expect(checkCatalogues(variant("de", { title: " " }), langs)).toEqual(['de: "demo.title" is empty']);
    expect(checkCatalogues(variant("ja", { items: { other: "" } }), langs)).toContain('ja: "demo.items.other" is empty');
  });

  it("finds the literal keys of t, tOr and <Message>", () => {
    const source = `t("a.b") + tOr('c.d', x) + format(1) + item.t("not.this") <Message key="e.f" params={{}} /> t(\`g.\${x}\`)`;
    expect(keysUsedIn(source).sort()).toEqual(["a.b", "c.d", "e.f"]);
  });
});
