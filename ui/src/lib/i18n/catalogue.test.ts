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
      ...["transfer_funds", "enable_debit_negative_balances", "reject_for_fraud"].flatMap((k) => [`reserve.action.button.${k}`, `reserve.action.name.${k}`]),
      ...["reading", "debit", "release", "sweep"].map((k) => `reserve.mark.${k}`),
      ...["balance", "debit", "platform"].flatMap((k) => ["title", "subtitle", "submit"].map((w) => `reserve.record.${k}.${w}`)),
      ...["steps", "facts", "where", "timers"].map((k) => `playbook.guide.${k}`),
      ...["application_rejected", "credit_limit_approved", "credit_limit_decreased", "credit_line_closed", "no_changes", "withdrawn_by_applicant"].map((k) => `credit.decisionType.${k}`),
      ...["credit_line_closed", "credit_limit_decreased"].map((k) => `credit.caseKind.${k}`),
      ...["awaiting_approval", "open", "winding_down", "complete", "superseded"].map((k) => `credit.caseStatus.${k}`),
      ...["decision", "approval", "notice_sent", "deactivated", "wind_down_complete", "capability_revoked", "limit_applied"].flatMap((k) => [`credit.step.${k}`, `credit.nextStep.${k}`]),
      ...["approval", "notice_sent", "deactivated", "wind_down_complete", "capability_revoked", "limit_applied"].map((k) => `credit.stepPurpose.${k}`),
      ...["done", "ready", "blocked", "waiting", "optional"].map((k) => `credit.stepState.${k}`),
      ...["notice_sent", "deactivate", "revoke_capability", "apply_limit"].flatMap((k) => ["label", "title", "submit"].map((w) => `credit.stepAction.${w}.${k}`)),
      ...["decision_recorded", "notice_sent", "policy_deactivated", "capability_revoked", "limit_applied", "decision_approved", "assigned", "stripe_object_recorded", "voided"].map((k) => `credit.timelineAction.${k}`),
      ...["decision", "notice", "balance", "why", "reason", "details"].map((k) => `credit.timeline.detail.${k}`),
      ...["pending", "overdue", "met", "missed"].flatMap((k) => [`credit.noticeClock.label.${k}`, `credit.noticeClock.title.${k}`]),
      ...["en", "de", "ja"].map((k) => `credit.languageName.${k}`),
      ...["email", "mail"].flatMap((k) => [`credit.channel.label.${k}`, `credit.channel.by.${k}`]),
      ...["criteria_not_met", "terms_violated"].map((k) => `credit.revocation.${k}`),
      ...["credit_limit_increase", "credit_line_opening"].map((k) => `credit.purpose.${k}`),
      ...["day", "month"].map((k) => `credit.period.${k}`),
      ...["creditor_name", "creditor_address", "creditor_phone", "creditor_email", "agency_name", "agency_address"].map((k) => `credit.programField.${k}`),
      ...["pdf", "text"].map((k) => `credit.notice.format.${k}`),
      ...["operational", "executive"].map((k) => `complaints.kind.${k}`),
      ...["regulator", "litigation", "udap", "discrimination", "consumer_harm", "legal"].map((k) => `complaints.ground.${k}`),
      ...["phone", "email", "letter", "in_person", "social_media", "web_form", "regulator"].map((k) => `complaints.channel.${k}`),
      ...["issuing", "treasury"].map((k) => `complaints.product.${k}`),
      ...["notify_stripe", "acknowledge", "resolve"].map((k) => `complaints.clock.${k}`),
      ...["pending", "overdue", "met", "missed"].map((k) => `complaints.clockState.${k}`),
      ...["open", "resolved", "not_a_complaint"].map((k) => `complaints.status.${k}`),
      ...["upheld", "partially_upheld", "not_upheld", "withdrawn"].map((k) => `complaints.outcome.${k}`),
      ...["logged", "acknowledged", "stripe_notified", "stripe_review_completed", "customer_contacted", "reclassified", "reclassification_requested", "reclassification_approved", "assigned", "resolved", "reopened", "note_added", "deadlines_recomputed", "marked_not_a_complaint", "tracked", "voided"].map((k) => `complaints.action.${k}`),
      ...["reorder_card", "authorization_expires", "ach_return_window"].map((k) => `complaints.timer.${k}`),
      ...["running", "due_today", "passed"].map((k) => `complaints.timerState.${k}`),
      ...["card_shipped", "authorization_created", "ach_debit_received"].flatMap((k) => [`complaints.trackEvent.${k}`, `complaints.track.help.${k}`]),
      ...["standard", "express", "priority"].map((k) => `complaints.shipping.${k}`),
      ...["hotel", "airline", "car_rental", "other_merchant"].map((k) => `complaints.merchant.${k}`),
      ...["overdue", "due_today", "due_soon", "later", "none"].map((k) => `complaints.urgency.${k}`),
      ...["acknowledge", "notify_stripe", "stripe_review_completed", "contact_customer", "reclassify", "resolve", "reopen", "add_note"].flatMap((k) => ["label", "submit", "help", "recorded"].map((w) => `complaints.step.${w}.${k}`)),
      ...["approve_reclassification", "assign", "track", "not_a_complaint"].map((k) => `complaints.actions.hint.${k}`),
      ...["turnedOn", "turnedOff"].map((k) => `settings.fourEyes.${k}`),
      ...["decisionRecorded", "decisionAwaitsApproval"].map((k) => `accounts.toast.${k}`),
      ...["open", "overdue", "resolved", "all"].map((k) => `complaints.filters.statusFilter.${k}`),
      ...["due_today", "due_soon", "on_hold"].map((k) => `complaints.filters.quick.${k}`),
      ...["email", "phone", "letter", "secureMessage", "inPerson"].map((k) => `complaints.stepDialog.howSuggestion.${k}`),
      ...["how", "note", "reference", "kind", "grounds", "reason", "outcome", "compensation", "resolution", "rootCause", "remediation", "remediationNote", "fact", "shipping", "merchant", "voids"].map((k) => `complaints.timeline.${k}`),
      ...["operational", "executive"].flatMap((k) => [`complaints.line.logged.${k}`, `complaints.line.kindWord.${k}`]),
      ...["phone", "email", "letter", "in_person", "social_media", "web_form", "regulator"].map((k) => `complaints.line.via.${k}`),
      ...["regulator", "litigation", "udap", "discrimination", "consumer_harm", "legal"].map((k) => `complaints.line.groundWord.${k}`),
      ...["upheld", "partially_upheld", "not_upheld", "withdrawn"].map((k) => `complaints.line.outcomeWord.${k}`),
      ...["standard", "express", "priority"].map((k) => `complaints.line.cardShipped.${k}`),
      ...["hotel", "airline", "car_rental", "other_merchant"].map((k) => `complaints.line.merchantWord.${k}`),
      ...["reorder_card", "authorization_expires", "ach_return_window"].map((k) => `complaints.explain.timerTitle.${k}`),
      ...["met", "missed", "pending"].map((k) => `reports.verdict.${k}`),
      ...["new", "carried_over"].map((k) => `reports.section.${k}`),
      ...["regulator", "litigation", "udap", "discrimination", "consumer_harm", "legal"].map((k) => `reports.groundShort.${k}`),
      ...["total", "new", "carried_over", "resolved_in_month", "open_at_end", "overdue_at_end"].flatMap((k) => [`reports.summary.counts.${k}.label`, `reports.summary.counts.${k}.hint`]),
      ...["acknowledge", "resolve", "notify_stripe"].flatMap((k) => [`reports.summary.within.${k}`, `reports.summary.inTime.${k}`]),
      ...["kind", "product", "topic", "channel"].map((k) => `reports.tally.${k}`),
      ...["export", "saveSubmitted"].map((k) => `reports.failed.${k}`),
      ...["id", "section", "received_on", "channel", "product", "topic", "issue_type", "kind", "grounds", "complainant_name", "account", "summary", "status", "overdue", "stripe_reviewed_on", "resolved_on", "outcome", "resolution_summary", "compensation_minor", "compensation_currency"].map((k) => `reports.field.${k}`),
      ...["acknowledge", "notify_stripe", "resolve"].flatMap((c) => ["done_on", "state", "business_days", "due"].map((k) => `reports.field.${c}.${k}`)),
      ...["application", "set_limit", "period_approval", "schedule_period"].flatMap((k) => ["title", "submit", "done"].map((w) => `accounts.terms.${w}.${k}`)),
      ...["officer", "approver", "auditor", "admin"].map((k) => `team.role.${k}`),
      ...["keychain", "session"].map((k) => `team.kept.${k}`),
      ...["underwriting_record", "set_limit", "request_capability", "reopen_policy", "schedule_period"].map((k) => `accounts.requests.step.${k}`),
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
