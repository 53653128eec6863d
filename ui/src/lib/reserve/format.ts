// How the reserve reads: amounts, days, action and mark names, and the geometry of its chart.
// Everything here presents what the backend computed; nothing is judged again. The words are in
// the interface language (`reserve.json`); call these from markup so that they follow it.
import type { ReserveActionKind } from "../bindings/ReserveActionKind";
import type { ReserveMark } from "../bindings/ReserveMark";
import type { ReservePoint } from "../bindings/ReservePoint";
import type { ReserveStatus } from "../bindings/ReserveStatus";
import { t } from "../i18n";
import { formatMoney } from "../shared/money";

/** Minor units of a lower-case currency as people read them: `-125.50 USD`. */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney({ amount_minor: amount, currency });
}

/** What an action's button says. */
export function actionLabel(action: ReserveActionKind, amount: number | null = null, currency: string | null = null): string {
  if (action === "transfer_funds" && amount !== null && currency) return t("reserve.action.transferAmount", { amount: formatAmount(amount, currency) });
  return t(`reserve.action.button.${action}`);
}

/** The name of an action where it cannot be taken (beside its reason). */
export function actionName(action: ReserveActionKind): string {
  return t(`reserve.action.name.${action}`);
}

export const MARKS: ReadonlyArray<ReserveMark> = ["reading", "debit", "release", "sweep"];

/** Why the reserve changed at a point of the chart (its legend). */
export function markLabel(mark: ReserveMark): string {
  return t(`reserve.mark.${mark}`);
}

/** Days an account has been negative: `12 days`. The binding says bigint; JSON gives a number. */
export function daysNegativeText(days: number | bigint): string {
  return t("reserve.days.negative", { count: Number(days) });
}

/** Days to a sweep as people say it: `12 days left`, `today`, `3 days ago`. */
export function daysLeftText(days: number | bigint): string {
  const n = Number(days);
  if (n === 0) return t("reserve.days.today");
  if (n < 0) return t("reserve.days.ago", { count: -n });
  return t("reserve.days.left", { count: n });
}

/** True when nothing has been recorded that the monitor could show. */
export function nothingRecorded(status: ReserveStatus, history: ReadonlyArray<ReservePoint>): boolean {
  return (
    history.length === 0 &&
    status.reserve.length === 0 &&
    status.accounts.length === 0 &&
    status.rejected.length === 0 &&
    status.holds.length === 0 &&
    status.platform.length === 0
  );
}

/** The currencies the view shows, in the order they first appear (reserve, then platform). */
export function currenciesOf(status: ReserveStatus, history: ReadonlyArray<ReservePoint>): string[] {
  const out: string[] = [];
  const add = (c: string) => {
    if (!out.includes(c)) out.push(c);
  };
  status.reserve.forEach((r) => add(r.currency));
  status.shortfall.forEach((s) => add(s.currency));
  status.platform.forEach((p) => add(p.currency));
  history.forEach((p) => add(p.currency));
  return out;
}

// ---------------------------------------------------------------- chart

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels: left, right, top, bottom. */
  pad: { left: number; right: number; top: number; bottom: number };
}

export interface ChartMark {
  x: number;
  y: number;
  point: ReservePoint;
}

export interface StepChart {
  currency: string;
  /** The reserve as a step line, and the area under it. */
  line: string;
  area: string;
  marks: ChartMark[];
  from: number;
  to: number;
  /** The top of the scale (minor units) and its zero line's y. */
  max: number;
  zeroY: number;
  y: (amount: number) => number;
}

/**
 * A step chart of the reserve in one currency from its history (oldest first): flat between
 * changes, a vertical step at each, drawn on to `until` (the status instant). Null when the
 * currency has no history.
 */
export function stepChart(history: ReadonlyArray<ReservePoint>, currency: string, until: string, box: ChartBox): StepChart | null {
  const points = history.filter((p) => p.currency === currency && !Number.isNaN(Date.parse(p.at)));
  if (points.length === 0) return null;
  const from = Date.parse(points[0].at);
  const last = Date.parse(points[points.length - 1].at);
  const end = Date.parse(until);
  let to = Number.isNaN(end) ? last : Math.max(end, last);
  if (to <= from) to = from + 86_400_000;
  const start = points[0].amount - points[0].change;
  const amounts = [start, ...points.map((p) => p.amount)];
  const max = Math.max(1, ...amounts);
  const min = Math.min(0, ...amounts);
  const { width, height, pad } = box;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (ms: number) => round(pad.left + ((ms - from) / (to - from)) * plotW);
  const y = (a: number) => round(pad.top + (1 - (a - min) / (max - min)) * plotH);
  let line = `M${x(from)} ${y(start)}`;
  for (const p of points) line += ` H${x(Date.parse(p.at))} V${y(p.amount)}`;
  line += ` H${x(to)}`;
  const zeroY = y(0);
  const area = `${line} V${zeroY} H${x(from)} Z`;
  const marks = points.map((p) => ({ x: x(Date.parse(p.at)), y: y(p.amount), point: p }));
  return { currency, line, area, marks, from, to, max, zeroY, y };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
