// Adds a stylesheet to a shadow root as a constructed sheet: CSP's style-src governs <style>
// elements and style attributes, not constructed sheets, so this works on strict-CSP pages.

export function adopt(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Browsers without constructable sheets (very old): a <style> element (needs 'unsafe-inline' under CSP).
    const style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }
}
