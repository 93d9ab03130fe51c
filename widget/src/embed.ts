// embed.js: the tiny loader site owners paste. It defines the window.Parley command queue at once,
// adds <parley-chat site="…"> and loads the widget module from the same origin as this script.

(() => {
  try {
    const script = document.currentScript as HTMLScriptElement | null;
    const w = window as unknown as { Parley?: ((...a: unknown[]) => void) & { q?: unknown[][] } };
    if (!w.Parley) {
      const queue: unknown[][] = [];
      const fn = (...args: unknown[]) => void queue.push(args);
      fn.q = queue;
      w.Parley = fn;
    }
    if (!script || document.querySelector("parley-chat")) return;
    const site = script.dataset.site;
    if (!site) return console.warn("[parley] data-site is missing on the embed script");
    const base = new URL(script.src).origin;
    const el = document.createElement("parley-chat");
    el.setAttribute("site", site);
    el.setAttribute("api-base", base);
    for (const attr of ["locale", "position"]) {
      const v = script.dataset[attr];
      if (v) el.setAttribute(attr, v);
    }
    const mount = () => document.body.appendChild(el);
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount, { once: true });
    const mod = document.createElement("script");
    mod.type = "module";
    mod.src = `${base}/widget.js`;
    mod.onerror = () => {
      el.remove();
      document.dispatchEvent(new CustomEvent("parley:error", { detail: { code: "load", message: "The chat widget could not be loaded." } }));
    };
    document.head.appendChild(mod);
  } catch (e) {
    console.warn("[parley]", e);
  }
})();
