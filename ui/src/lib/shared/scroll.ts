// The views share one scrolling container (the app's <main>), so a view opened after a scrolled
// one would otherwise start where that one was.

/** Scrolls every scrolled container around `el` (the app's <main>, the document) back to the top. */
export function scrollToTop(el: Element | null | undefined): void {
  for (let node = el?.parentElement ?? null; node; node = node.parentElement) {
    if (node.scrollTop !== 0) node.scrollTop = 0;
  }
}
