// Tooltips drawn by the app (not the browser's `title`) stay inside the window: one opens below
// its anchor, or above it when there is no room below; it lines up with one edge of the anchor,
// or with the other when that would leave the window, and is pushed back inside if it is still
// wider than the room it has.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Which edge of the anchor the tooltip lines up with: `start` opens to the right, `end` to the left. */
export type TipAlign = "start" | "end";

export interface TipPlacement {
  left: number;
  top: number;
  /** Opened above the anchor (there was no room below). */
  above: boolean;
  /** The edge it ended up lined up with. */
  align: TipAlign;
}

/** Space kept between the tooltip and the anchor. */
export const TIP_GAP = 4;
/** Space kept between the tooltip and the window's edges. */
export const TIP_MARGIN = 8;

/** `value` within `min`…`max`; `min` when the range is empty. */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** Where a tooltip of `tip`'s size goes next to `anchor` in a window of `view`'s size (in window coordinates). */
export function tipPlacement(anchor: Rect, tip: Size, view: Size, prefer: TipAlign = "start", gap = TIP_GAP, margin = TIP_MARGIN): TipPlacement {
  const roomBelow = view.height - margin - (anchor.bottom + gap);
  const roomAbove = anchor.top - gap - margin;
  const above = tip.height > roomBelow && roomAbove > roomBelow;
  const top = above ? anchor.top - gap - tip.height : anchor.bottom + gap;

  const at = (align: TipAlign) => (align === "start" ? anchor.left : anchor.right - tip.width);
  const fits = (left: number) => left >= margin && left + tip.width <= view.width - margin;
  const other: TipAlign = prefer === "start" ? "end" : "start";
  const align = fits(at(prefer)) || !fits(at(other)) ? prefer : other;
  // Neither edge fits: push it inside, keeping its left edge (where reading starts) in view when
  // the window is narrower than it; likewise its top when it fits neither below nor above.
  const left = clamp(at(align), margin, view.width - margin - tip.width);

  return { left, top: clamp(top, margin, view.height - margin - tip.height), above, align };
}

export interface TipOptions {
  /** The edge of the anchor to line up with when both fit. */
  align?: TipAlign;
}

/**
 * Svelte action for a tooltip element shown while its parent (the anchor) is hovered or holds
 * the focus. The element is placed `position: fixed` in window coordinates, so no scrolling
 * container clips it, and moved again while it shows when the page scrolls or the window
 * changes size. Showing and hiding stay with the component's CSS (`:hover`, `:focus-within`).
 */
export function keepInView(node: HTMLElement, options: TipOptions = {}) {
  let prefer: TipAlign = options.align ?? "start";
  const anchor = node.parentElement;
  if (!anchor) return {};
  let hovered = false;
  let focused = false;
  let listening = false;

  function measure(): Size {
    const rect = node.getBoundingClientRect();
    if (rect.width > 0 || rect.height > 0) return { width: rect.width, height: rect.height };
    // Not shown yet (the CSS has not applied): measure it laid out but unseen.
    const { display, visibility } = node.style;
    node.style.visibility = "hidden";
    node.style.display = "block";
    const shown = node.getBoundingClientRect();
    node.style.display = display;
    node.style.visibility = visibility;
    return { width: shown.width, height: shown.height };
  }

  function place() {
    if (!anchor) return;
    node.style.position = "fixed";
    node.style.right = "auto";
    node.style.bottom = "auto";
    const size = measure();
    const p = tipPlacement(anchor.getBoundingClientRect(), size, { width: window.innerWidth, height: window.innerHeight }, prefer);
    node.style.left = `${p.left}px`;
    node.style.top = `${p.top}px`;
    node.dataset.side = p.above ? "above" : "below";
    node.dataset.align = p.align;
  }

  function update() {
    const open = hovered || focused;
    if (open) place();
    if (open && !listening) {
      window.addEventListener("scroll", place, { capture: true, passive: true });
      window.addEventListener("resize", place);
      listening = true;
    } else if (!open && listening) {
      window.removeEventListener("scroll", place, { capture: true });
      window.removeEventListener("resize", place);
      listening = false;
    }
  }

  const onenter = () => {
    hovered = true;
    update();
  };
  const onleave = () => {
    hovered = false;
    update();
  };
  const onfocusin = () => {
    focused = true;
    update();
  };
  const onfocusout = (e: FocusEvent) => {
    if (e.relatedTarget instanceof Node && anchor.contains(e.relatedTarget)) return;
    focused = false;
    update();
  };

  anchor.addEventListener("pointerenter", onenter);
  anchor.addEventListener("pointerleave", onleave);
  anchor.addEventListener("focusin", onfocusin);
  anchor.addEventListener("focusout", onfocusout);

  return {
    update(next: TipOptions = {}) {
      prefer = next.align ?? "start";
    },
    destroy() {
      hovered = false;
      focused = false;
      update();
      anchor.removeEventListener("pointerenter", onenter);
      anchor.removeEventListener("pointerleave", onleave);
      anchor.removeEventListener("focusin", onfocusin);
      anchor.removeEventListener("focusout", onfocusout);
    },
  };
}
