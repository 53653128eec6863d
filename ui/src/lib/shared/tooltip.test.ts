import { afterEach, describe, expect, it } from "vitest";
import { keepInView, tipPlacement, type Rect } from "./tooltip";

const VIEW = { width: 1200, height: 800 };
const TIP = { width: 280, height: 60 };

function rect(left: number, top: number, width = 60, height = 26): Rect {
  return { left, top, right: left + width, bottom: top + height };
}

describe("tooltip placement", () => {
  it("opens below its anchor, lined up with the edge asked for, when there is room", () => {
    expect(tipPlacement(rect(400, 100), TIP, VIEW, "start")).toEqual({ left: 400, top: 130, above: false, align: "start" });
    expect(tipPlacement(rect(400, 100), TIP, VIEW, "end")).toEqual({ left: 460 - 280, top: 130, above: false, align: "end" });
  });

  it("opens upward near the bottom of the window", () => {
    const p = tipPlacement(rect(400, 760), TIP, VIEW);
    expect(p.above).toBe(true);
    expect(p.top).toBe(760 - 4 - 60);
    expect(p.top + TIP.height).toBeLessThanOrEqual(760);
  });

  it("opens to the left near the right edge, and to the right near the left edge", () => {
    const right = tipPlacement(rect(1130, 100), TIP, VIEW, "start");
    expect(right.align).toBe("end");
    expect(right.left).toBe(1190 - 280);
    expect(right.left + TIP.width).toBeLessThanOrEqual(VIEW.width - 8);
    const left = tipPlacement(rect(20, 100), TIP, VIEW, "end");
    expect(left.align).toBe("start");
    expect(left.left).toBe(20);
  });

  it("is pushed inside when neither edge fits, and keeps its left and top edges in a window smaller than itself", () => {
    const narrow = { width: 320, height: 800 };
    const p = tipPlacement(rect(120, 100, 80), TIP, narrow, "end");
    expect(p.left).toBeGreaterThanOrEqual(8);
    expect(p.left + TIP.width).toBeLessThanOrEqual(narrow.width - 8);
    expect(tipPlacement(rect(100, 100), { width: 400, height: 60 }, narrow).left).toBe(8);
    const short = { width: 1200, height: 90 };
    const q = tipPlacement(rect(400, 30), TIP, short);
    expect(q.top).toBeGreaterThanOrEqual(8);
    expect(tipPlacement(rect(400, 30), { width: 280, height: 200 }, short).top).toBe(8);
  });
});

describe("keepInView", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  function mount(anchorAt: Rect) {
    const anchor = document.createElement("span");
    const tip = document.createElement("span");
    anchor.appendChild(tip);
    document.body.appendChild(anchor);
    anchor.getBoundingClientRect = () => ({ ...anchorAt, x: anchorAt.left, y: anchorAt.top, width: anchorAt.right - anchorAt.left, height: anchorAt.bottom - anchorAt.top, toJSON: () => ({}) });
    tip.getBoundingClientRect = () => ({ left: 0, top: 0, right: 280, bottom: 60, x: 0, y: 0, width: 280, height: 60, toJSON: () => ({}) });
    return { anchor, tip, action: keepInView(tip, { align: "end" }) };
  }

  it("places the tooltip in the window when its anchor is hovered or focused", () => {
    window.innerWidth = 1200;
    window.innerHeight = 800;
    const { anchor, tip } = mount(rect(1130, 760));
    anchor.dispatchEvent(new Event("pointerenter"));
    expect(tip.style.position).toBe("fixed");
    expect(tip.style.left).toBe(`${1190 - 280}px`);
    expect(tip.style.top).toBe(`${760 - 4 - 60}px`);
    expect(tip.dataset.side).toBe("above");
    expect(tip.dataset.align).toBe("end");

    const other = mount(rect(20, 100));
    other.anchor.dispatchEvent(new FocusEvent("focusin"));
    expect(other.tip.style.left).toBe("20px");
    expect(other.tip.style.top).toBe("130px");
    expect(other.tip.dataset.side).toBe("below");
    expect(other.tip.dataset.align).toBe("start");
  });

  it("follows a scroll while it shows, and stops when it is hidden", () => {
    window.innerWidth = 1200;
    window.innerHeight = 800;
    let top = 100;
    const { anchor, tip, action } = mount(rect(400, top));
    anchor.getBoundingClientRect = () => ({ ...rect(400, top), x: 400, y: top, width: 60, height: 26, toJSON: () => ({}) });
    anchor.dispatchEvent(new Event("pointerenter"));
    expect(tip.style.top).toBe("130px");
    top = 60;
    window.dispatchEvent(new Event("scroll"));
    expect(tip.style.top).toBe("90px");
    anchor.dispatchEvent(new Event("pointerleave"));
    top = 20;
    window.dispatchEvent(new Event("scroll"));
    expect(tip.style.top).toBe("90px");
    action.destroy?.();
  });
});
