// Keeps the full-screen panel inside the visible part of the screen on phones: when the on-screen
// keyboard opens, the visual viewport shrinks (and may scroll) while the layout viewport does not.

/** Mirrors the visual viewport into --_vvh / --_vvt on the element; returns the function that stops it. */
export function trackViewport(el: HTMLElement): () => void {
  const vv = window.visualViewport;
  if (!vv) return () => undefined;
  const apply = () => {
    // Through the CSSOM (allowed by a strict style-src CSP), not a style attribute.
    el.style.setProperty("--_vvh", `${Math.round(vv.height)}px`);
    el.style.setProperty("--_vvt", `${Math.round(vv.offsetTop)}px`);
  };
  vv.addEventListener("resize", apply);
  vv.addEventListener("scroll", apply);
  apply();
  return () => {
    vv.removeEventListener("resize", apply);
    vv.removeEventListener("scroll", apply);
  };
}
