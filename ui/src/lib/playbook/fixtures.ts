// Playbook data for tests.
import type { Guide } from "../bindings/Guide";
import type { Lang } from "../bindings/Lang";

const TEXT: Record<Lang, { topic: string; issue: string; steps: string[]; facts: string[] }> = {
  en: {
    topic: "Card ordering and reissue",
    issue: "Physical card delayed",
    steps: ["Check the cardholder's `requirements`.", "Read how the card was sent in `shipping.service`.", "Standard shipping: cancel and reorder when the timer falls."],
    facts: ["Standard shipping has no tracking number."],
  },
  de: {
    topic: "Kartenbestellung und Neuausstellung",
    issue: "Physische Karte verspätet",
    steps: ["Prüfen Sie die `requirements` des Karteninhabers.", "Lesen Sie die Versandart in `shipping.service`.", "Standardversand: nach Ablauf der Frist sperren und neu bestellen."],
    facts: ["Standardversand hat keine Sendungsnummer."],
  },
  ja: {
    topic: "カードの注文と再発行",
    issue: "物理カードが届かない",
    steps: ["カード利用者の `requirements` を確認します。", "`shipping.service` で発送方法を確認します。", "通常発送の場合、期日が来たらカードを停止して再注文します。"],
    facts: ["通常発送には追跡番号がありません。"],
  },
};

export function guide(lang: Lang = "en", patch: Partial<Guide> = {}): Guide {
  const t = TEXT[lang];
  return {
    topic: "card_ordering",
    topic_label: t.topic,
    issue_type: "physical_card_delayed",
    issue_type_label: t.issue,
    lang,
    steps: t.steps,
    facts: t.facts,
    where: ["Issuing Card (`shipping.service`, `shipping.tracking_number`)", "Dashboard: Issuing cards"],
    timers: ["reorder_card"],
    ...patch,
  };
}

/** A second path, for lists. */
export function achGuide(lang: Lang = "en"): Guide {
  return guide(lang, {
    topic: "treasury_money_movement",
    topic_label: lang === "en" ? "Treasury money movement" : lang === "de" ? "Treasury-Zahlungsverkehr" : "Treasury の資金移動",
    issue_type: "wrong_debit",
    issue_type_label: lang === "en" ? "Wrong debit or reversal" : lang === "de" ? "Fehlerhafte Lastschrift" : "誤った引き落とし",
    steps: ["Find the ReceivedDebit."],
    facts: [],
    where: ["Treasury ReceivedDebit"],
    timers: ["ach_return_window"],
  });
}
