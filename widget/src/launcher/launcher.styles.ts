// Styles of the launcher bundle. `:host` resets everything the page could leak in (its `!important`
// wins over the page's own `!important`, by the shadow cascade). Public tokens (--parley-*) feed
// private ones (--_*). The root sits in the top layer (popover) where supported, so no z-index or
// transformed ancestor of the page can cover or trap it.

export const launcherStyles = `
:host {
  all: initial !important;
  display: contents !important;
  --_accent: var(--parley-accent, var(--_site-accent, #4f46e5));
  --_accent-contrast: var(--parley-accent-contrast, #fff);
  --_font: var(--parley-font, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif);
  --_radius: var(--parley-radius, 14px);
  --_z: var(--parley-z-index, 2147483647);
  --_width: var(--parley-panel-width, 370px);
  --_height: var(--parley-panel-height, 580px);
}
* { box-sizing: border-box; }
.root {
  position: fixed; inset: auto 20px 20px auto; z-index: var(--_z);
  margin: 0; padding: 0; border: 0; background: none; overflow: visible; width: auto; height: auto;
  max-width: none; max-height: none; color: #111827; font: 15px/1.45 var(--_font);
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
  pointer-events: none; text-align: start; letter-spacing: normal; text-transform: none;
}
.root > * { pointer-events: auto; }
.root[hidden] { display: none; }
.slot { display: contents; }
.root.left { inset: auto auto 20px 20px; align-items: flex-start; }
.launcher {
  position: relative; width: 56px; height: 56px; min-width: 56px; border-radius: 50%; border: 0; margin: 0; padding: 0;
  cursor: pointer; background: var(--_accent); color: var(--_accent-contrast);
  box-shadow: 0 6px 20px rgb(0 0 0 / .22); display: grid; place-items: center; font: inherit;
  transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.05); }
.launcher[aria-busy="true"] { cursor: progress; }
.launcher svg { width: 26px; height: 26px; fill: currentColor; display: block; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: #dc2626; color: #fff; font: 700 12px/22px var(--_font); text-align: center;
}
.badge[hidden] { display: none; }
@media (max-width: 520px) {
  .root.open { inset: var(--_vvt, 0px) 0 auto 0; height: var(--_vvh, 100%); width: 100%; gap: 0; }
  .root.open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
