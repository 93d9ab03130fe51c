// The panel's template: header, connection/queue status, the message log, and below it the composer
// (with quick replies, typing, hand-off and CSAT) or one of the forms.

import { html, nothing, type TemplateResult } from "lit/html.js";
import { pick } from "../i18n/locale.ts";
import { messageItems } from "./message-view.ts";
import type { PanelView } from "./panel.ts";
import { safely } from "./safely.ts";

function statusLine(v: PanelView): TemplateResult | typeof nothing {
  const c = v.conn;
  let kind: string = c.status;
  let text = "";
  if (c.slowDown && c.slowDown.until > Date.now()) {
    kind = "limited";
    text = v.t("rateLimited", { n: c.slowDown.seconds });
  } else if (c.status === "connecting") text = v.t("connecting");
  else if (c.status === "offline") text = v.t("offline");
  else if (v.forms.offlineEmail) {
    kind = "email";
    text = v.t("offlineThanks", { email: v.forms.offlineEmail });
  } else if (c.status === "online" && c.conversation?.status === "queued") {
    kind = "waiting";
    text = c.conversation.queuePosition ? v.t("waiting", { n: c.conversation.queuePosition }) : v.t("waitingNoPos");
  }
  if (!text) return html`<div part="status" class="status" data-kind=${kind} role="status"></div>`;
  return html`<div part="status" class="status visible" data-kind=${kind} role="status">${text}</div>`;
}

function composer(v: PanelView): TemplateResult {
  const policy = v.uploads.policy;
  return html`<form
    part="composer"
    class="composer"
    @submit=${safely((e: Event) => {
      e.preventDefault();
      v.submit(e.currentTarget as HTMLFormElement);
    })}
  >
    ${
      policy
        ? html`<button
              part="attach"
              class="attach"
              type="button"
              aria-label=${v.t("attach")}
              title=${v.t("attach")}
              @click=${safely((e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement | null)?.click())}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M16.5 6.5 8.6 14.4a1.5 1.5 0 0 0 2.1 2.1l8-8a3.5 3.5 0 0 0-5-5l-8 8a5.5 5.5 0 0 0 7.8 7.8l6.4-6.4" />
              </svg></button
            ><input
              class="file-input"
              type="file"
              multiple
              tabindex="-1"
              aria-hidden="true"
              accept=${policy.types.join(",")}
              @change=${safely((e: Event) => {
                const input = e.currentTarget as HTMLInputElement;
                v.uploads.addFiles(input.files);
                input.value = "";
              })}
            />`
        : nothing
    }
    <label class="sr-only" for="parley-input">${v.t("placeholder")}</label>
    <textarea
      id="parley-input"
      part="input"
      class="input"
      rows="1"
      maxlength="4000"
      data-autofocus
      placeholder=${v.t("placeholder")}
      @input=${safely((e: Event) => v.typing((e.currentTarget as HTMLTextAreaElement).value.trim().length > 0))}
      @keydown=${safely((e: KeyboardEvent) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          v.submit((e.currentTarget as HTMLTextAreaElement).form!);
        }
      })}
      @paste=${safely((e: ClipboardEvent) => {
        if (policy && e.clipboardData?.files.length) {
          e.preventDefault();
          v.uploads.addFiles(e.clipboardData.files);
        }
      })}
    ></textarea>
    <button part="send" class="send" type="submit">${v.t("send")}</button>
  </form>`;
}

function chatFooter(v: PanelView): TemplateResult {
  const c = v.conn;
  const last = c.messages.at(-1);
  const quick = last?.author === "bot" && last.quickReplies?.length && !c.outbox.pending().length ? last.quickReplies : null;
  const botInCharge = !c.conversation || c.conversation.status === "bot";
  return html`${
      quick
        ? html`<div part="quick-replies" class="quick-replies" role="group" aria-label=${v.t("quickReplies")}>
            ${quick.map((q) => html`<button part="quick-reply" class="chip" type="button" @click=${safely(() => v.quickReply(q.label, q.payload))}>${q.label}</button>`)}
          </div>`
        : nothing
    }
    <div part="typing" class="typing" aria-live="polite">${c.agentTyping !== null ? v.t("typing", { name: c.agentTyping || v.t("someone") }) : nothing}</div>
    ${botInCharge ? html`<div class="handoff-row"><button part="handoff" class="chip" type="button" @click=${safely(() => v.talkToPerson())}>${v.t("talkToPerson")}</button></div>` : nothing}
    ${v.forms.csatWanted() || v.forms.csatDone ? (v.formsView()?.csatForm(v) ?? nothing) : nothing}
    ${v.uploads.notice ? html`<p class="notice" role="alert">${v.uploads.notice}</p>` : nothing} ${composer(v)}`;
}

export function renderPanel(v: PanelView): TemplateResult | typeof nothing {
  if (!v.host.isOpen()) return nothing;
  const c = v.conn;
  const cfg = v.host.config;
  const title = pick(cfg.title, v.locale) ?? v.t("title");
  const greeting = pick(cfg.greeting, v.locale);
  const mode = v.forms.mode();
  const avatar = cfg.avatar ? c.api.resolve(cfg.avatar) : "";
  return html`<section
    part="panel"
    class="panel"
    role="dialog"
    aria-modal="false"
    aria-labelledby="parley-title"
    lang=${v.locale}
    @dragover=${safely((e: DragEvent) => v.uploads.policy && e.preventDefault())}
    @drop=${safely((e: DragEvent) => {
      if (!v.uploads.policy || !e.dataTransfer?.files.length) return;
      e.preventDefault();
      v.uploads.addFiles(e.dataTransfer.files);
    })}
  >
    <div part="header" class="header">
      ${avatar ? html`<img class="logo" src=${avatar} alt="" />` : nothing}
      <h2 id="parley-title">${title}</h2>
      <button part="close" class="close" type="button" aria-label=${v.t("close")} @click=${safely(() => v.close())}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6 6 18" /></svg>
      </button>
    </div>
    ${statusLine(v)}
    <div part="messages" class="messages" role="log" aria-live="polite" aria-label=${v.t("messages")} tabindex="0">
      <ol class="log">
        ${greeting ? html`<li class="greeting">${greeting}</li>` : nothing} ${messageItems(v, c.messages)}
        ${c.outbox.items
          // Another tab's message can arrive here before its ack empties the shared outbox: show it once.
          .filter((o) => !c.messages.some((m) => m.clientId === o.clientId))
          .map(
            (o) =>
              html`<li part="message message-visitor" class="message visitor ${o.error ? "failed" : "pending"}">
                <div class="bubble">${o.text}</div>
                <span class="meta">${o.error ? v.t("failed", { reason: o.error }) : v.t("sending")}</span>
              </li>`,
          )}
        ${v.uploads.items.map((u) => html`<li class="message visitor pending"><div class="bubble">${v.t("uploading", { name: u.name })}</div></li>`)}
      </ol>
    </div>
    ${
      mode === "problem"
        ? html`<p class="notice problem" role="alert">${c.problem?.code === "identity_required" ? v.t("signInRequired") : v.t("unavailable")}</p>`
        : mode === "chat"
          ? chatFooter(v)
          : (v.formsView()?.[mode === "offline" ? "offlineForm" : "prechatForm"](v) ?? html`<p class="notice loading" role="status">${v.t("connecting")}</p>`)
    }
  </section>`;
}
