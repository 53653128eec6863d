// ============================================================================================
// DEVELOPMENT ONLY — SAMPLE DATA. NOT THE REAL BACKEND.
//
// The support playbook of the browser preview (`npm run dev`, see devmock.ts): a few paths
// written out in English, German and Japanese, and a placeholder for every other topic and
// issue type of the sample taxonomy. The desktop app shows the reviewed playbook.
// ============================================================================================
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Guide } from "../bindings/Guide";
import type { Lang } from "../bindings/Lang";
import type { PlaybookInput } from "../bindings/PlaybookInput";
import type { PlaybookSearchInput } from "../bindings/PlaybookSearchInput";
import type { Taxonomy } from "../bindings/Taxonomy";
import type { TimerKind } from "../bindings/TimerKind";

type Text = { steps: string[]; facts: string[] };
type Labels = Record<Lang, string>;

interface Path {
  topic: string;
  issue_type: string;
  where: string[];
  timers: TimerKind[];
  text: Record<Lang, Text>;
}

const TOPIC_LABEL: Record<string, Labels> = {
  card_ordering: { en: "Card ordering and reissue", de: "Kartenbestellung und Ersatzkarten", ja: "カードの発行と再発行" },
  cardholder_experience: { en: "Cardholder experience", de: "Anliegen von Karteninhabern", ja: "カード利用者の体験" },
  fraud_management: { en: "Fraud management", de: "Betrugsabwehr", ja: "不正対策" },
  issuing_balance: { en: "Issuing balance", de: "Issuing-Guthaben", ja: "Issuing の残高" },
  treasury_accounts: { en: "Treasury financial accounts", de: "Treasury-Finanzkonten", ja: "Treasury の金融口座" },
  treasury_money_movement: { en: "Treasury money movement", de: "Treasury-Zahlungen", ja: "Treasury の送金" },
  complaints: { en: "Complaints", de: "Beschwerden", ja: "苦情" },
  other: { en: "Other", de: "Sonstiges", ja: "その他" },
};

const ISSUE_LABEL: Record<string, Labels> = {
  physical_card_delayed: { en: "Physical card delayed", de: "Physische Karte kommt nicht an", ja: "カードが届かない" },
  cancel_pending_authorization: { en: "Cancel a pending authorization", de: "Offene Autorisierung aufheben", ja: "保留中のオーソリを取り消したい" },
  wrong_debit: { en: "Wrong debit or reversal", de: "Falsche Abbuchung oder Rückbuchung", ja: "誤った引き落とし・取消" },
  government_complaint: { en: "Government or regulator complaint", de: "Beschwerde über eine Behörde", ja: "行政機関からの苦情" },
  other: { en: "Other", de: "Sonstiges", ja: "その他" },
};

const PATHS: Path[] = [
  {
    topic: "card_ordering",
    issue_type: "physical_card_delayed",
    where: ["Issuing Card (`shipping.service`, `shipping.status`)", "Issuing Cardholder (`requirements`)", "Dashboard: Issuing, Cards"],
    timers: ["reorder_card"],
    text: {
      en: {
        steps: [
          "Check the cardholder's `requirements`: an open verification can hold the card back.",
          "Read how the card was sent in `shipping.service`.",
          "Tracked shipping (express, priority): give the cardholder the tracking number.",
          "Standard shipping: track the shipment on the complaint; when the reorder timer falls, cancel the card and order another.",
        ],
        facts: ["Standard shipping has no tracking number.", "A card reordered after a lost shipment is made and sent again at no cost to the platform."],
      },
      de: {
        steps: [
          "Prüfen Sie die `requirements` des Karteninhabers: Eine offene Prüfung kann die Karte zurückhalten.",
          "Lesen Sie die Versandart in `shipping.service`.",
          "Versand mit Sendungsverfolgung (Express, Priority): Geben Sie dem Karteninhaber die Sendungsnummer.",
          "Standardversand: Erfassen Sie den Versand an der Beschwerde; wenn die Frist abläuft, sperren Sie die Karte und bestellen Sie eine neue.",
        ],
        facts: ["Standardversand hat keine Sendungsnummer.", "Eine nach verlorenem Versand neu bestellte Karte wird für die Plattform kostenlos erneut hergestellt und verschickt."],
      },
      ja: {
        steps: [
          "カード利用者の `requirements` を確認します。未完了の確認があるとカードが発送されないことがあります。",
          "`shipping.service` で発送方法を確認します。",
          "追跡可能な発送（速達・優先）の場合は、追跡番号をカード利用者に伝えます。",
          "通常発送の場合は、苦情に発送を記録します。再発行タイマーの期日が来たら、カードを停止して新しいカードを注文します。",
        ],
        facts: ["通常発送には追跡番号がありません。", "紛失した発送のあとに再注文したカードは、プラットフォームの負担なしで再作成・再発送されます。"],
      },
    },
  },
  {
    topic: "cardholder_experience",
    issue_type: "cancel_pending_authorization",
    where: ["Issuing Authorization (`status`, `created`, `merchant_data.category`)"],
    timers: ["authorization_expires"],
    text: {
      en: {
        steps: [
          "Find the pending authorization; note when it was `created` and the merchant's category.",
          "Explain that the card issuer cannot cancel it; the merchant can release it through its acquirer.",
          "Track the authorization on the complaint: its timer shows when the hold ends by itself.",
        ],
        facts: ["Hotels, airlines and car rental companies hold authorizations longer than other merchants."],
      },
      de: {
        steps: [
          "Suchen Sie die offene Autorisierung; notieren Sie, wann sie erstellt wurde (`created`), und die Händlerkategorie.",
          "Erklären Sie, dass der Kartenherausgeber sie nicht aufheben kann; der Händler kann sie über seinen Acquirer freigeben.",
          "Erfassen Sie die Autorisierung an der Beschwerde: Ihre Frist zeigt, wann die Reservierung von selbst endet.",
        ],
        facts: ["Hotels, Fluggesellschaften und Autovermietungen halten Autorisierungen länger als andere Händler."],
      },
      ja: {
        steps: [
          "保留中のオーソリを探し、作成日時（`created`）と加盟店の業種を確認します。",
          "カード発行者は取り消せないこと、加盟店がアクワイアラー経由で解除できることを説明します。",
          "苦情にオーソリを記録します。タイマーで保留が自動的に終わる日時がわかります。",
        ],
        facts: ["ホテル・航空会社・レンタカー会社のオーソリは、他の加盟店より長く保留されます。"],
      },
    },
  },
  {
    topic: "treasury_money_movement",
    issue_type: "wrong_debit",
    where: ["Treasury ReceivedDebit (`status`, `network`)", "Treasury DebitReversal", "Dashboard: Treasury, Money movement"],
    timers: ["ach_return_window"],
    text: {
      en: {
        steps: [
          "Find the ReceivedDebit and confirm with the customer that it was not authorised.",
          "Track the ACH debit on the complaint: its timer shows until when it can be returned through the API.",
          "Within the window, create a DebitReversal; after it, ask Stripe support to try.",
        ],
        facts: ["After the return window a return is possible only on a best-effort basis."],
      },
      de: {
        steps: [
          "Suchen Sie die ReceivedDebit und bestätigen Sie mit dem Kunden, dass sie nicht genehmigt war.",
          "Erfassen Sie die ACH-Lastschrift an der Beschwerde: Ihre Frist zeigt, bis wann sie über die API zurückgegeben werden kann.",
          "Innerhalb der Frist legen Sie eine DebitReversal an; danach bitten Sie den Stripe-Support um einen Versuch.",
        ],
        facts: ["Nach Ablauf der Frist ist eine Rückgabe nur noch ohne Gewähr möglich."],
      },
      ja: {
        steps: [
          "ReceivedDebit を探し、顧客が承認していないことを確認します。",
          "苦情に ACH 引き落としを記録します。タイマーで API から返却できる期限がわかります。",
          "期限内なら DebitReversal を作成します。期限を過ぎたら Stripe サポートに依頼します。",
        ],
        facts: ["返却期限を過ぎると、返却はベストエフォートになります。"],
      },
    },
  },
  {
    topic: "complaints",
    issue_type: "government_complaint",
    where: ["Compliance Desk: executive complaint, ground Regulator", "Stripe: the compliance contact of the platform"],
    timers: [],
    text: {
      en: {
        steps: [
          "Log it as an executive complaint with the ground Regulator.",
          "Send it to Stripe by the next business day and record the notification.",
          "Do not contact the customer until Stripe's review is recorded.",
        ],
        facts: ["A complaint sent by a regulator stays executive."],
      },
      de: {
        steps: [
          "Erfassen Sie sie als Executive-Beschwerde mit dem Grund Aufsichtsbehörde.",
          "Senden Sie sie bis zum nächsten Geschäftstag an Stripe und erfassen Sie die Meldung.",
          "Nehmen Sie keinen Kontakt mit dem Kunden auf, bevor Stripes Prüfung erfasst ist.",
        ],
        facts: ["Eine von einer Behörde übermittelte Beschwerde bleibt eine Executive-Beschwerde."],
      },
      ja: {
        steps: [
          "根拠「規制当局」を付けてエグゼクティブ苦情として登録します。",
          "翌営業日までに Stripe に送り、通知を記録します。",
          "Stripe の確認が記録されるまで、顧客には連絡しません。",
        ],
        facts: ["規制当局から届いた苦情はエグゼクティブ苦情のままです。"],
      },
    },
  },
];

const PLACEHOLDER: Record<Lang, Text> = {
  en: {
    steps: ["Confirm who the customer is and which Stripe objects the complaint is about.", "Look the objects up in the Dashboard or the API.", "Explain what you found and record the answer on the complaint."],
    facts: ["Sample text of the browser preview: the desktop app shows the reviewed path."],
  },
  de: {
    steps: ["Klären Sie, wer der Kunde ist und welche Stripe-Objekte die Beschwerde betrifft.", "Sehen Sie die Objekte im Dashboard oder über die API nach.", "Erklären Sie das Ergebnis und erfassen Sie die Antwort an der Beschwerde."],
    facts: ["Beispieltext der Browser-Vorschau: Die Desktop-App zeigt den geprüften Ablauf."],
  },
  ja: {
    steps: ["顧客が誰か、苦情がどの Stripe オブジェクトに関するものかを確認します。", "ダッシュボードまたは API でオブジェクトを確認します。", "確認した内容を説明し、回答を苦情に記録します。"],
    facts: ["ブラウザプレビューのサンプルです。デスクトップアプリでは確認済みの手順が表示されます。"],
  },
};

function fail(code: ErrorBody["code"], message: string, field: string | null = null): never {
  const body: ErrorBody = { code, message, field, rule: null };
  throw body;
}

function lang(text: string | null): Lang {
  const l = (text ?? "").trim().toLowerCase() || "en";
  if (l !== "en" && l !== "de" && l !== "ja") return fail("invalid_input", `"${text}" is not one of en, de, ja`, "lang");
  return l;
}

function label(labels: Record<string, Labels>, code: string, fallback: string, l: Lang): string {
  return labels[code]?.[l] ?? fallback;
}

function guideOf(taxonomy: Taxonomy, topic: string, issueType: string, l: Lang): Guide {
  const t = taxonomy.topic.find((x) => x.code === topic);
  const issueLabel = t?.issue_types.find((i) => i.code === issueType)?.label ?? (issueType === "other" ? "Other" : issueType);
  const path = PATHS.find((p) => p.topic === topic && p.issue_type === issueType);
  const text = path ? path.text[l] : PLACEHOLDER[l];
  return {
    topic,
    topic_label: label(TOPIC_LABEL, topic, t?.label ?? topic, l),
    issue_type: issueType,
    issue_type_label: label(ISSUE_LABEL, issueType, issueLabel, l),
    lang: l,
    steps: text.steps,
    facts: text.facts,
    where: path?.where ?? ["Dashboard"],
    timers: path?.timers ?? [],
  };
}

/** `playbook_guide`. */
export function playbookGuide(taxonomy: Taxonomy, input: PlaybookInput): Guide {
  const l = lang(input.lang);
  const topic = taxonomy.topic.find((t) => t.code === input.topic.trim());
  if (!topic) return fail("invalid_input", `unknown topic "${input.topic}"`, "topic");
  const issueType = input.issue_type?.trim() || "other";
  if (issueType !== "other" && !topic.issue_types.some((i) => i.code === issueType)) {
    return fail("invalid_input", `"${issueType}" is not an issue type of topic ${topic.code}`, "issue_type");
  }
  return guideOf(taxonomy, topic.code, issueType, l);
}

/** `playbook_search`: every path holding each word of the query, in taxonomy order. */
export function playbookSearch(taxonomy: Taxonomy, input: PlaybookSearchInput): Guide[] {
  const l = lang(input.lang);
  const words = input.query.toLowerCase().split(/\s+/).filter(Boolean);
  const all = taxonomy.topic.flatMap((t) => [...t.issue_types.map((i) => i.code).filter((c) => c !== "other"), "other"].map((i) => guideOf(taxonomy, t.code, i, l)));
  return all.filter((g) => {
    const text = [g.topic, g.issue_type, g.topic_label, g.issue_type_label, ...g.steps, ...g.facts, ...g.where].join("\n").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
