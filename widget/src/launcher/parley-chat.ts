// <parley-chat>: the element site owners embed. It is the small first bundle: shadow root, launcher
// button with unread badge, site config and theme, open/closed memory. The panel's code (Lit, the
// connection, forms) loads on first interaction or when a conversation is already under way.

import type { WidgetConfig } from "../../../protocol/src/widget-config.ts";
import { storageKeys } from "../connection/keys.ts";
import { storage } from "../connection/storage.ts";
import type { EventName, Panel, PanelHost } from "../host.ts";
import { LAUNCHER_STRINGS } from "../i18n/launcher-strings.ts";
import { browserLocale, fill, resolveLocale, type Locale } from "../i18n/locale.ts";
import { fetchConfig } from "./config.ts";
import { launcherStyles } from "./launcher.styles.ts";
import { adopt } from "./sheet.ts";

/** Where this module was loaded from: the default `api-base`. */
const SCRIPT_ORIGIN = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return "";
  }
})();

/** The speech-bubble icon, built node by node (no markup parsing anywhere in the widget). */
function icon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z");
  svg.append(path);
  return svg;
}

/** Runs host-page-facing code so that nothing we do can throw into the page. */
function safe(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.warn("[parley]", e);
  }
}

/**
 * The Parley chat widget.
 *
 * @fires parley:ready @fires parley:open @fires parley:close @fires parley:message @fires parley:unread
 * @fires parley:handoff @fires parley:resolved @fires parley:error
 * @csspart launcher @csspart badge — and, once the panel loads: panel header close messages message
 * message-visitor message-bot message-agent message-system quick-replies quick-reply typing composer
 * input send attach handoff prechat-form offline-form csat status
 * @cssproperty --parley-accent @cssproperty --parley-accent-contrast @cssproperty --parley-font
 * @cssproperty --parley-radius @cssproperty --parley-z-index @cssproperty --parley-panel-width
 * @cssproperty --parley-panel-height
 */
export class ParleyChat extends HTMLElement {
  static observedAttributes = ["locale", "position", "open"];

  /** The site's public configuration, once loaded. */
  config: WidgetConfig | null = null;
  private shadow: ShadowRoot | null = null;
  private root!: HTMLDivElement;
  private button!: HTMLButtonElement;
  private badge!: HTMLSpanElement;
  private slotEl!: HTMLDivElement;
  private panel: Panel | null = null;
  private panelLoad: Promise<Panel | null> | null = null;
  private opened = false;
  private unread = 0;
  private reflecting = false;
  private pending: { identify: unknown[]; attributes: unknown[] } = { identify: [], attributes: [] };

  get site(): string {
    return this.getAttribute("site") ?? "";
  }
  get apiBase(): string {
    return (this.getAttribute("api-base") || SCRIPT_ORIGIN || location.origin).replace(/\/+$/, "");
  }
  /** The `locale` attribute (also set by the JS API `setLocale`). */
  get locale(): string | null {
    return this.getAttribute("locale");
  }
  set locale(v: string | null) {
    if (v) this.setAttribute("locale", v);
    else this.removeAttribute("locale");
  }
  get open(): boolean {
    return this.opened;
  }
  set open(v: boolean) {
    this.setOpen(Boolean(v), false);
  }

  /** The UI language: the attribute / setLocale, else the site's forced locale, else the browser's. */
  uiLocale(): Locale {
    const forced = this.locale ?? this.config?.locale;
    return forced ? resolveLocale(forced) : browserLocale();
  }

  connectedCallback(): void {
    safe(() => {
      if (this.shadow) return this.reattach();
      this.shadow = this.attachShadow({ mode: "open" });
      adopt(this.shadow, launcherStyles);
      const root = (this.root = document.createElement("div"));
      root.className = "root";
      root.hidden = true;
      // The top layer keeps the widget above any z-index and out of transformed ancestors — unless
      // the page asks for it to stay in its container (`contained`: an inline preview, a demo frame).
      if ("popover" in root && !this.hasAttribute("contained")) root.setAttribute("popover", "manual");
      this.slotEl = document.createElement("div");
      this.slotEl.className = "slot";
      const button = (this.button = document.createElement("button"));
      button.type = "button";
      button.className = "launcher";
      button.setAttribute("part", "launcher");
      button.append(icon());
      const badge = (this.badge = document.createElement("span"));
      badge.className = "badge";
      badge.setAttribute("part", "badge");
      badge.hidden = true;
      button.append(badge);
      root.append(this.slotEl, button);
      this.shadow.append(root);
      // Hover, focus or touch fetch the panel's code ahead of the click.
      const preload = () => void this.loadPanel();
      for (const type of ["pointerenter", "focus", "touchstart"]) button.addEventListener(type, preload, { passive: true, once: true });
      button.addEventListener("click", () => safe(() => this.setOpen(!this.opened, true)));
      root.addEventListener("keydown", (e) =>
        safe(() => {
          if (e.key === "Escape" && this.opened) {
            e.stopPropagation();
            this.setOpen(false, true);
          }
        }),
      );
      void this.boot();
    });
  }

  disconnectedCallback(): void {
    safe(() => {
      this.panel?.disconnect();
      this.panel = null;
      this.panelLoad = null;
    });
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    safe(() => {
      if (!this.shadow || before === after) return;
      if (name === "open" && !this.reflecting) this.setOpen(after !== null, false);
      if (name === "locale") this.relabel();
      if (name === "position") this.place();
    });
  }

  // ---- the JavaScript API (api.ts) -------------------------------------------------------------

  show(): void {
    this.setOpen(true, false);
  }
  hide(): void {
    this.setOpen(false, false);
  }
  toggle(): void {
    this.setOpen(!this.opened, false);
  }
  identify(input: unknown): void {
    if (this.refusedIdentity(input)) return;
    if (this.panel) this.panel.identify(input);
    else this.pending.identify.push(input);
  }
  setAttributes(input: unknown): void {
    if (this.panel) this.panel.setAttributes(input);
    else this.pending.attributes.push(input);
  }
  /** Forgets this device's visitor and conversation (log-out). */
  reset(): void {
    this.pending = { identify: [], attributes: [] };
    if (this.panel) this.panel.reset();
    else for (const key of Object.values(storageKeys(this.site))) storage.remove(key);
    this.setUnread(0);
  }

  // ---- internals -------------------------------------------------------------------------------

  /** A site that requires verification refuses identify() without proof at once (the server would too). */
  private refusedIdentity(input: unknown): boolean {
    if (!this.config?.identityRequired || (typeof input === "object" && input && ("userHash" in input || "token" in input))) return false;
    this.emit("error", { code: "identity_unverified", message: "This site only accepts identify() with a userHash or a token." });
    return true;
  }

  private async boot(): Promise<void> {
    if (!this.site) return this.emit("error", { code: "no_site", message: "<parley-chat> needs a site attribute." });
    const result = await fetchConfig(this.apiBase, this.site);
    // A failed load shows nothing at all: no launcher, no invisible box over the page.
    if (!result.ok) return this.emit("error", result.error);
    safe(() => {
      const cfg = (this.config = result.config);
      // Through the CSSOM, not a style attribute, so a strict style-src CSP allows it.
      if (cfg.accent) this.style.setProperty("--_site-accent", cfg.accent);
      this.place();
      this.relabel();
      this.reattach();
      this.emit("ready", {});
      this.pending.identify = this.pending.identify.filter((input) => !this.refusedIdentity(input));
      const keys = storageKeys(this.site);
      const underway = storage.get(keys.token) !== null || storage.get(keys.outbox) !== null;
      if (this.hasAttribute("open") || storage.get(keys.open) === "1") this.setOpen(true, false);
      else if (underway) void this.loadPanel();
      // Another tab starting a conversation brings this one along (socket, unread badge).
      window.addEventListener("storage", (e) => safe(() => void (e.key === keys.token && e.newValue && !this.panel && this.loadPanel())));
    });
  }

  private reattach(): void {
    if (!this.config) return;
    this.root.hidden = false;
    try {
      if (this.root.hasAttribute("popover") && !this.root.matches(":popover-open")) this.root.showPopover();
    } catch {
      // Not in a document that allows it: the fixed position and z-index still apply.
    }
    if (storage.get(storageKeys(this.site).token) !== null) void this.loadPanel();
  }

  private place(): void {
    const position = this.getAttribute("position") ?? this.config?.position;
    this.root.classList.toggle("left", position === "left");
  }

  private relabel(): void {
    const s = LAUNCHER_STRINGS[this.uiLocale()];
    this.root.lang = this.uiLocale();
    this.button.setAttribute("aria-label", this.opened ? s.close : s.open);
    this.button.setAttribute("aria-expanded", String(this.opened));
    this.badge.textContent = this.unread > 99 ? "99+" : String(this.unread);
    this.badge.setAttribute("aria-label", fill(s.unread, { n: this.unread }));
    this.badge.hidden = this.unread === 0 || this.opened;
    this.panel?.localeChanged();
  }

  private setOpen(open: boolean, byVisitor: boolean): void {
    this.reflecting = true;
    this.toggleAttribute("open", open);
    this.reflecting = false;
    // Before the config arrives the attribute remembers the wish; boot() honours it.
    if (!this.config || open === this.opened) return;
    this.opened = open;
    if (byVisitor) storage.set(storageKeys(this.site).open, open ? "1" : "0");
    this.root.classList.toggle("open", open);
    this.relabel();
    this.emit(open ? "open" : "close", {});
    if (!open) {
      this.panel?.visibility(false);
      if (byVisitor) this.button.focus();
      return;
    }
    this.button.setAttribute("aria-busy", "true");
    void this.loadPanel().then((panel) =>
      safe(() => {
        this.button.removeAttribute("aria-busy");
        if (panel) panel.visibility(this.opened);
        else if (this.opened) this.setOpen(false, false);
      }),
    );
  }

  private loadPanel(): Promise<Panel | null> {
    if (!this.config) return Promise.resolve(null);
    return (this.panelLoad ??= import("../panel/panel.ts").then(
      (m) => {
        if (!this.isConnected) return null;
        try {
          this.panel = m.mountPanel(this.host());
        } catch (e) {
          console.warn("[parley]", e);
          this.emit("error", { code: "load", message: "The chat could not be started." });
          return null;
        }
        for (const input of this.pending.identify.splice(0)) this.panel.identify(input);
        for (const input of this.pending.attributes.splice(0)) this.panel.setAttributes(input);
        return this.panel;
      },
      () => {
        this.panelLoad = null;
        this.emit("error", { code: "load", message: "The chat could not be loaded." });
        return null;
      },
    ));
  }

  private host(): PanelHost {
    return {
      site: this.site,
      apiBase: this.apiBase,
      config: this.config!,
      shadow: this.shadow!,
      container: this.slotEl,
      locale: () => this.uiLocale(),
      isOpen: () => this.opened,
      setOpen: (open) => this.setOpen(open, true),
      emit: (name, detail) => this.emit(name, detail),
      setUnread: (n) => this.setUnread(n),
    };
  }

  private setUnread(count: number): void {
    if (count === this.unread) return;
    this.unread = count;
    this.relabel();
    this.emit("unread", { count });
  }

  private emit(name: EventName, detail: unknown): void {
    safe(() => void this.dispatchEvent(new CustomEvent(`parley:${name}`, { detail, bubbles: true, composed: true })));
  }
}
