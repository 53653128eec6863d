// Arrow keys in ISO date and time text fields: ↑/↓ move a day (or 15 minutes), with Shift a
// week (or an hour). The new value is announced with an `input` event so bindings follow.
import { addDays, parseLocalDate, parseLocalTime } from "./datetime";

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** `date` moved by `days`; null when it is not a date. */
export function stepDate(date: string, days: number): string | null {
  return parseLocalDate(date) ? addDays(date.trim(), days) : null;
}

/** `time` (HH:MM) moved by `minutes`, wrapping around midnight; null when it is not a time. */
export function stepTime(time: string, minutes: number): string | null {
  const t = parseLocalTime(time);
  if (!t) return null;
  const total = (((t.hour * 60 + t.minute + minutes) % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(total / 60))}:${pad2(total % 60)}`;
}

function stepper(node: HTMLInputElement, step: (value: string, direction: number, big: boolean) => string | null) {
  function onkeydown(e: KeyboardEvent) {
    if ((e.key !== "ArrowUp" && e.key !== "ArrowDown") || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = step(node.value, e.key === "ArrowUp" ? 1 : -1, e.shiftKey);
    if (next === null) return;
    e.preventDefault();
    node.value = next;
    node.dispatchEvent(new Event("input", { bubbles: true }));
  }
  node.addEventListener("keydown", onkeydown);
  return {
    destroy() {
      node.removeEventListener("keydown", onkeydown);
    },
  };
}

/** Svelte action for a `YYYY-MM-DD` text field. */
export function dateKeys(node: HTMLInputElement) {
  return stepper(node, (v, dir, big) => stepDate(v, dir * (big ? 7 : 1)));
}

/** Svelte action for an `HH:MM` text field. */
export function timeKeys(node: HTMLInputElement) {
  return stepper(node, (v, dir, big) => stepTime(v, dir * (big ? 60 : 15)));
}
