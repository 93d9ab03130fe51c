// <parley-chat>: the visitor's chat widget (launcher, panel, messages, composer) in a shadow root.

import { html, LitElement, nothing, type PropertyValues } from "lit";
import { HANDOFF_PAYLOAD } from "../../../protocol/src/ruleset.ts";
import type { ChatMessage } from "../../../protocol/src/types.ts";
import { ChatConnection } from "../connection/chat-connection.ts";
import { storage } from "../connection/storage.ts";
import { browserLocale, pick, resolveLocale, t, type Locale, type StringKey } from "../i18n/strings.ts";
import { richText } from "../render/rich-text.ts";
import { styles } from "./parley-chat.styles.ts";

interface SiteConfig {
  title: string | Record<string, string> | null;
  greeting: string | Record<string, string> | null;
  accent: string | null;
  position: "left" | "right";
  avatar: string | null;
  locale: string | null;
}

/**
 * The Parley chat widget.
 *
 * @fires parley:ready - the widget has loaded its site settings
 * @fires parley:open - the panel opened
 * @fires parley:close - the panel closed
 * @fires parley:message - a message arrived: `{ author, text }`
 * @fires parley:unread - the unread count changed: `{ count }`
 * @fires parley:handoff - a person is taking over: `{ agentName?, team? }`
 * @fires parley:resolved - the conversation was resolved
 * @fires parley:error - something failed: `{ code, message }`
 * @csspart launcher @csspart badge @csspart panel @csspart header @csspart close @csspart messages
 * @csspart message @csspart message-visitor @csspart message-bot @csspart message-agent @csspart message-system
 * @csspart quick-replies @csspart quick-reply @csspart typing @csspart composer @csspart input @csspart send
 * @csspart handoff @csspart status
 * @cssproperty --parley-accent @cssproperty --parley-accent-contrast @cssproperty --parley-font
 * @cssproperty --parley-radius @cssproperty --parley-z-index @cssproperty --parley-panel-width
 * @cssproperty --parley-panel-height
 */
export class ParleyChat extends LitElement {
  static override styles = styles;
  static override properties = {
    site: { type: String },
    locale: { type: String },
    position: { type: String },
    open: { type: Boolean, reflect: true },
    apiBase: { type: String, attribute: "api-base" },
    config: { state: true },
    unread: { state: true },
  };

  declare site: string;
  declare locale: string | undefined;
  declare position: "left" | "right" | undefined;
  declare open: boolean;
  declare apiBase: string | undefined;
  declare config: SiteConfig | null;
  declare unread: number;

  private connection: ChatConnection | null = null;
  private draft = "";
  private typingSent = false;

  constructor() {
    super();
    this.site = "";
    this.open = false;
    this.config = null;
    this.unread = 0;
  }

  /** The UI language: the attribute / setLocale, else the site's forced locale, else the browser's. */
  get uiLocale(): Locale {
    return this.locale ? resolveLocale(this.locale) : this.config?.locale ? resolveLocale(this.config.locale) : browserLocale();
  }

  private tr(key: StringKey, vars?: Record<string, string | number>): string {
    return t(this.uiLocale, key, vars);
  }

  private get base(): string {
    return (this.apiBase ?? "").replace(/\/$/, "") || location.origin;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.site) return this.emit("error", { code: "no_site", message: "<parley-chat> needs a site attribute." });
    this.connection ??= new ChatConnection(this, {
      apiBase: this.base,
      site: this.site,
      locale: () => this.uiLocale,
      emit: (name, detail) => this.onConnectionEvent(name, detail),
    });
    if (storage.get(`parley:${this.site}:open`) === "1") this.open = true;
    void this.loadConfig();
  }

  private async loadConfig(): Promise<void> {
    try {
      const res = await fetch(`${this.base}/widget/v1/sites/${encodeURIComponent(this.site)}/config`);
      if (!res.ok) throw new Error(String(res.status));
      this.config = (await res.json()) as SiteConfig;
      // Set through the CSSOM, not a style attribute, so a strict style-src CSP allows it.
      if (this.config.accent && /^#[0-9a-f]{3,8}$/i.test(this.config.accent)) this.style.setProperty("--_site-accent", this.config.accent);
      this.emit("ready", {});
      if (this.connection?.hasSession) await this.connection.resume();
    } catch {
      this.emit("error", { code: "config", message: "The chat settings could not be loaded." });
    }
  }

  private onConnectionEvent(name: string, detail: unknown): void {
    if (name === "state") return;
    if (name === "message") {
      const m = detail as ChatMessage;
      this.emit("message", { author: m.author, text: m.text });
      if (!this.open && m.author !== "visitor") {
        this.unread++;
        this.emit("unread", { count: this.unread });
      }
      return;
    }
    this.emit(name, detail);
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(`parley:${name}`, { detail, bubbles: true, composed: true }));
  }

  /** Opens the panel (JS API `open`). */
  show(): void {
    if (this.open) return;
    this.open = true;
  }

  /** Closes the panel (JS API `close`). */
  hide(): void {
    if (!this.open) return;
    this.open = false;
  }

  toggle(): void {
    this.open = !this.open;
  }

  /** Forgets the visitor on this device (JS API `reset`). */
  reset(): void {
    this.connection?.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("open") && changed.get("open") !== undefined) {
      storage.set(`parley:${this.site}:open`, this.open ? "1" : "0");
      if (this.open) {
        this.unread = 0;
        this.emit("unread", { count: 0 });
        this.emit("open", {});
        this.renderRoot.querySelector<HTMLTextAreaElement>("textarea")?.focus();
      } else {
        this.emit("close", {});
        this.renderRoot.querySelector<HTMLButtonElement>(".launcher")?.focus();
      }
    }
    const list = this.renderRoot.querySelector(".messages");
    if (list) list.scrollTop = list.scrollHeight;
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key === "Escape" && this.open) {
      e.stopPropagation();
      this.hide();
    }
  };

  private onInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    const typing = this.draft.trim().length > 0;
    if (typing !== this.typingSent) {
      this.typingSent = typing;
      this.connection?.typing(typing);
    }
  }

  private onComposerKey(e: KeyboardEvent): void {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  private submit(e?: Event): void {
    e?.preventDefault();
    const text = this.draft.trim();
    if (!text) return;
    this.draft = "";
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>("textarea");
    if (input) input.value = "";
    this.typingSent = false;
    this.connection?.typing(false);
    void this.connection?.send(text);
  }

  private authorLabel(m: ChatMessage): string {
    if (m.author === "agent") return m.authorName ?? this.tr("someone");
    if (m.author === "bot") return this.tr("bot");
    return "";
  }

  private systemText(m: ChatMessage): string {
    if (m.event === "handoff") return this.tr("handoffEvent");
    if (m.event === "assigned" && this.connection?.conversation?.agent) return this.tr("joined", { name: this.connection.conversation.agent.name });
    if (m.event === "resolved") return this.tr("resolved");
    if (m.event === "reopened") return this.tr("reopenedEvent");
    return m.text;
  }

  private renderMessage(m: ChatMessage, showAuthor: boolean) {
    const text = m.author === "system" ? this.systemText(m) : m.text;
    return html`<li part="message message-${m.author}" class="message message-${m.author}" data-seq=${m.seq}>
      ${showAuthor && m.author !== "visitor" && m.author !== "system" ? html`<span class="author">${this.authorLabel(m)}</span>` : nothing}
      ${m.author === "system" ? text : richText(text)}
    </li>`;
  }

  private statusLine() {
    const c = this.connection;
    if (!c || c.status === "idle") return nothing;
    let kind = c.status === "online" ? "online" : c.status === "offline" ? "offline" : "connecting";
    let text = this.tr(c.status === "online" ? "online" : c.status === "offline" ? "offline" : "connecting");
    const conv = c.conversation;
    if (c.status === "online" && conv?.status === "queued") {
      kind = "waiting";
      text = conv.queuePosition ? this.tr("waiting", { n: conv.queuePosition }) : this.tr("waitingNoPos");
    }
    return html`<div part="status" class="status" data-kind=${kind} role="status">${text}</div>`;
  }

  private renderPanel() {
    const c = this.connection;
    const title = pick(this.config?.title, this.uiLocale) ?? this.tr("title");
    const greeting = pick(this.config?.greeting, this.uiLocale);
    const messages = c?.messages ?? [];
    const last = messages[messages.length - 1];
    const quick = last?.author === "bot" && last.quickReplies?.length && !c?.outbox.length ? last.quickReplies : null;
    const botInCharge = !c?.conversation || c.conversation.status === "bot";
    return html`<section part="panel" class="panel" role="dialog" aria-modal="false" aria-label=${title} @keydown=${this.onKeydown}>
      <header part="header" class="header">
        ${this.config?.avatar ? html`<img src=${this.config.avatar} alt="" />` : nothing}
        <h2>${title}</h2>
        <button part="close" class="close" type="button" aria-label=${this.tr("close")} @click=${() => this.hide()}>×</button>
      </header>
      ${this.statusLine()}
      <ol part="messages" class="messages" role="log" aria-live="polite" aria-relevant="additions">
        ${greeting ? html`<li class="greeting">${greeting}</li>` : nothing}
        ${messages.map((m, i) => this.renderMessage(m, i === 0 || messages[i - 1]!.author !== m.author || messages[i - 1]!.authorName !== m.authorName))}
        ${(c?.outbox ?? []).map(
          (o) =>
            html`<li
              part="message message-visitor"
              class="message message-visitor ${o.error ? "failed" : "pending"}"
              aria-label=${o.error ? this.tr("failed", { reason: o.error }) : this.tr("sending")}
            >
              ${o.text}
            </li>`,
        )}
      </ol>
      ${
        quick
          ? html`<div part="quick-replies" class="quick-replies" role="group">
              ${quick.map((q) => html`<button part="quick-reply" class="quick-reply" type="button" @click=${() => this.connection?.send(q.label, q.payload)}>${q.label}</button>`)}
            </div>`
          : nothing
      }
      <div part="typing" class="typing" aria-live="polite">
        ${c?.agentTyping !== null && c?.agentTyping !== undefined ? this.tr("typing", { name: c.agentTyping || this.tr("someone") }) : nothing}
      </div>
      ${
        botInCharge
          ? html`<div class="handoff-row">
              <button part="handoff" class="handoff" type="button" @click=${() => this.connection?.send(this.tr("talkToPerson"), HANDOFF_PAYLOAD)}>
                ${this.tr("talkToPerson")}
              </button>
            </div>`
          : nothing
      }
      <form part="composer" class="composer" @submit=${(e: Event) => this.submit(e)}>
        <label class="sr-only" for="parley-input">${this.tr("placeholder")}</label>
        <textarea
          id="parley-input"
          part="input"
          class="input"
          rows="1"
          maxlength="4000"
          placeholder=${this.tr("placeholder")}
          @input=${this.onInput}
          @keydown=${this.onComposerKey}
        ></textarea>
        <button part="send" class="send" type="submit">${this.tr("send")}</button>
      </form>
    </section>`;
  }

  override render() {
    const position = this.position ?? this.config?.position ?? "right";
    return html`<div class="root ${position === "left" ? "left" : ""}" lang=${this.uiLocale}>
      ${this.open ? this.renderPanel() : nothing}
      <button
        part="launcher"
        class="launcher"
        type="button"
        aria-expanded=${this.open ? "true" : "false"}
        aria-label=${this.open ? this.tr("close") : this.tr("open")}
        @click=${() => this.toggle()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" /></svg>
        ${this.unread > 0 ? html`<span part="badge" class="badge" aria-label=${this.tr("unread", { n: this.unread })}>${this.unread}</span>` : nothing}
      </button>
    </div>`;
  }
}
