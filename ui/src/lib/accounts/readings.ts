// An account's Issuing balance as read over time. A step is judged against the balance as it
// stood at its own instant: the latest reading at or before it, or the opening balance (the one
// the account was recorded with) before the first dated reading.
import type { BalanceReading } from "../bindings/BalanceReading";

function ms(r: BalanceReading): number {
  const t = Date.parse(r.at);
  return Number.isNaN(t) ? -Infinity : t;
}

/** The readings, newest first (the opening balance last among equals). */
export function newestFirst(readings: ReadonlyArray<BalanceReading>): BalanceReading[] {
  return [...readings].sort((a, b) => ms(b) - ms(a) || Number(a.opening) - Number(b.opening));
}

/** The reading a step at `instant` is judged against; null when there is none. */
export function readingAt(readings: ReadonlyArray<BalanceReading>, instant: string): BalanceReading | null {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return null;
  const dated = newestFirst(readings.filter((r) => !r.opening && ms(r) <= t));
  return dated[0] ?? readings.find((r) => r.opening) ?? null;
}
