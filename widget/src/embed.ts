// embed.js: the tiny loader site owners paste. It defines the window.Parley command queue at once,
// adds <parley-chat site="…"> and loads the widget module from the same origin as this script.
// Running it twice does nothing the second time. If the module cannot load (network, CSP), the
// element is removed again — nothing stays over the page — and an `error` event is reported.

(() => {
  type Queue = ((...a: unknown[]) => void) & { q?: unknown[][]; e?: 1 };
  try {
    const w = window as unknown as { Parley?: Queue };
    const queue: unknown[][] = w.Parley?.q ?? [];
    if (!w.Parley) {
      const fn: Queue = (...args: unknown[]) => void queue.push(args);
      fn.q = queue;
      w.Parley = fn;
    }
    const script = document.currentScript as HTMLScriptElement | null;
    if (w.Parley.e || !script || document.querySelector("parley-chat")) return;
    w.Parley.e = 1;
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
      const detail = { code: "load", message: "The chat widget could not be loaded." };
      // The widget never loaded, so nothing else will call the handlers queued with Parley("on", "error", fn).
      for (const [cmd, name, fn] of queue)
        if (cmd === "on" && name === "error" && typeof fn === "function")
          try {
            fn(detail);
          } catch (e) {
            console.warn("[parley]", e);
          }
      document.dispatchEvent(new CustomEvent("parley:error", { detail }));
    };
    document.head.appendChild(mod);
  } catch (e) {
    console.warn("[parley]", e);
  }
})();
