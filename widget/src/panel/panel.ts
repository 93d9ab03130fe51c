// The open panel (loaded on first interaction): renders into the launcher's shadow root with
// lit-html, owns the connection (a ReactiveController) and carries out what the visitor does.
// A tiny reactive host instead of LitElement: one shadow root, the same ::part names, a smaller chunk.

import { render, nothing } from "lit/html.js";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { HANDOFF_PAYLOAD } from "../../../protocol/src/ruleset.ts";
import { ChatConnection } from "../connection/chat-connection.ts";
import type { Panel, PanelHost } from "../host.ts";
import type { Locale } from "../i18n/locale.ts";
import { t, type StringKey } from "../i18n/strings.ts";
import { adopt } from "../launcher/sheet.ts";
import { FormsController } from "./forms.ts";
import type * as FormsView from "./forms-view.ts";
import { renderPanel } from "./panel-view.ts";
import { panelStyles } from "./panel.styles.ts";
import { Uploads } from "./uploads.ts";
import { trackViewport } from "./viewport.ts";

const TYPING_IDLE_MS = 4000;

export class PanelView implements ReactiveControllerHost, Panel {
  readonly host: PanelHost;
  readonly conn: ChatConnection;
  readonly forms: FormsController;
  readonly uploads: Uploads;
  updateComplete: Promise<boolean> = Promise.resolve(true);
  private readonly controllers = new Set<ReactiveController>();
  private scheduled = false;
  private typingOn = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private focusOnRender = false;
  private formsChunk: typeof FormsView | null = null;
  private formsLoad: Promise<unknown> | null = null;
  private stopViewport: () => void = () => undefined;

  constructor(host: PanelHost) {
    this.host = host;
    adopt(host.shadow, panelStyles);
    this.conn = new ChatConnection({
      apiBase: host.apiBase,
      site: host.site,
      locale: () => host.locale(),
      reading: () => host.isOpen() && document.visibilityState === "visible",
      emit: (name, detail) => host.emit(name, detail),
      unread: (count) => host.setUnread(count),
      changed: () => this.requestUpdate(),
    });
    this.forms = new FormsController(this);
    this.uploads = new Uploads(this);
    this.addController(this.conn);
    this.stopViewport = trackViewport(host.shadow.host as HTMLElement);
    // A site whose first screen is a form fetches the forms chunk right away, with the panel.
    if (this.forms.mode() !== "chat") this.formsView();
    this.conn.resume().catch((e: unknown) => console.warn("[parley]", e));
  }

  get locale(): Locale {
    return this.host.locale();
  }

  t(key: StringKey, vars?: Record<string, string | number>): string {
    return t(this.locale, key, vars);
  }

  // ---- ReactiveControllerHost -----------------------------------------------------------------

  addController(c: ReactiveController): void {
    this.controllers.add(c);
    c.hostConnected?.();
  }

  removeController(c: ReactiveController): void {
    this.controllers.delete(c);
  }

  requestUpdate(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.updateComplete = new Promise((resolve) =>
      queueMicrotask(() => {
        this.scheduled = false;
        this.update();
        resolve(true);
      }),
    );
  }

  private update(): void {
    try {
      const list = this.host.shadow.querySelector(".messages");
      const stick = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 60;
      render(renderPanel(this), this.host.container);
      const after = this.host.shadow.querySelector(".messages");
      if (after && stick) after.scrollTop = after.scrollHeight;
      const target = this.focusOnRender && this.host.isOpen() ? this.host.shadow.querySelector<HTMLElement>("[data-autofocus]") : null;
      if (target) {
        this.focusOnRender = false;
        target.focus();
      }
    } catch (e) {
      console.warn("[parley] render failed", e);
    }
  }

  /** The forms' templates (pre-chat, offline, CSAT): a lazy chunk; null until it has loaded. */
  formsView(): typeof FormsView | null {
    this.formsLoad ??= import("./forms-view.ts").then(
      (m) => {
        this.formsChunk = m;
        this.requestUpdate();
      },
      () => {
        this.formsLoad = null;
        this.host.emit("error", { code: "load", message: "Part of the chat could not be loaded." });
      },
    );
    return this.formsChunk;
  }

  // ---- Panel (called by the launcher) ---------------------------------------------------------

  visibility(open: boolean): void {
    this.focusOnRender = open;
    if (open) this.conn.markSeen();
    this.requestUpdate();
  }

  localeChanged(): void {
    this.requestUpdate();
  }

  identify(input: unknown): void {
    this.conn.identify(input);
  }

  setAttributes(input: unknown): void {
    this.conn.setAttributes(input);
  }

  reset(): void {
    this.conn.reset();
    this.forms.reset();
    this.uploads.reset();
  }

  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
    this.stopViewport();
    render(nothing, this.host.container);
  }

  // ---- what the visitor does ------------------------------------------------------------------

  /** Sends the composer's text (Enter or the send button). */
  submit(form: HTMLFormElement): void {
    const input = form.querySelector("textarea");
    const text = input?.value.trim() ?? "";
    if (!text || !input) return;
    input.value = "";
    this.typing(false);
    this.conn.send(text);
  }

  /** A suggested reply; the chips disappear with it, so focus goes back to the composer. */
  quickReply(label: string, payload: string): void {
    this.focusOnRender = true;
    this.conn.send(label, payload);
  }

  talkToPerson(): void {
    this.focusOnRender = true;
    this.conn.send(this.t("talkToPerson"), HANDOFF_PAYLOAD);
  }

  close(): void {
    this.host.setOpen(false);
  }

  /** Typing on while the visitor types, off after a pause or when sent. */
  typing(on: boolean): void {
    clearTimeout(this.typingTimer);
    if (on) this.typingTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    if (on === this.typingOn) return;
    this.typingOn = on;
    this.conn.typing(on);
  }
}

/** Entry point of the panel chunk, called by the launcher once the code has loaded. */
export function mountPanel(host: PanelHost): Panel {
  const view = new PanelView(host);
  view.requestUpdate();
  return view;
}
