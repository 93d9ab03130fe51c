// One message of the log: author and avatar at the start of a group, the text as safe rich text,
// attachments (images inline, files as links), the time at the end of a group, and "seen".

import { html, nothing, type TemplateResult } from "lit/html.js";
import type { Attachment, ChatMessage } from "../../../protocol/src/types.ts";
import { richText } from "../render/rich-text.ts";
import { formatBytes, formatTime } from "./format.ts";
import type { PanelView } from "./panel.ts";

/** Messages from the same author within this time form one group. */
const GROUP_MS = 3 * 60_000;
/** Lifecycle notes that concern agents only. */
const HIDDEN_EVENTS = new Set(["transfer-note"]);

function sameGroup(a: ChatMessage | undefined, b: ChatMessage | undefined): boolean {
  return !!a && !!b && a.author === b.author && a.authorName === b.authorName && a.author !== "system" && Math.abs(b.createdAt - a.createdAt) < GROUP_MS;
}

function systemText(v: PanelView, m: ChatMessage): string {
  const agent = v.conn.conversation?.agent?.name;
  switch (m.event) {
    case "handoff":
      return v.t("handoffEvent");
    case "assigned": {
      // "Sam joined the conversation." — the server's English note names the agent.
      const name = /^(.+) joined the conversation\.$/.exec(m.text)?.[1] ?? agent;
      return name ? v.t("joined", { name }) : m.text;
    }
    case "unassigned":
      return v.t("unassignedEvent");
    case "resolved":
      return v.t("resolved");
    case "reopened":
      return v.t("reopenedEvent");
    case "csat":
      return v.t("csatThanks");
    default:
      return m.text;
  }
}

function attachmentView(v: PanelView, a: Attachment): TemplateResult {
  const url = v.conn.api.resolve(a.url);
  if (/^image\/(png|jpeg|gif|webp)$/.test(a.type))
    return html`<a class="image" href=${url} target="_blank" rel="noopener noreferrer"
      ><img src=${url} alt=${v.t("image", { name: a.name })} loading="lazy"
    /></a>`;
  return html`<a class="file" href=${url} target="_blank" rel="noopener noreferrer" download=${a.name}
    ><span aria-hidden="true">📄</span> ${a.name} <small>${formatBytes(a.size)}</small></a
  >`;
}

function avatar(v: PanelView, m: ChatMessage): TemplateResult {
  const src = m.author === "agent" ? m.authorAvatar : v.host.config.avatar;
  const url = src ? v.conn.api.resolve(src) : "";
  const name = m.author === "agent" ? (m.authorName ?? v.t("someone")) : v.t("bot");
  return url
    ? html`<img class="avatar" src=${url} alt="" />`
    : html`<span class="avatar initial" aria-hidden="true">${Array.from(name)[0]?.toUpperCase() ?? "?"}</span>`;
}

/** The log's items, grouped; `seenSeq` puts "seen" under the last visitor message the agent saw. */
export function messageItems(v: PanelView, all: ChatMessage[]): TemplateResult[] {
  const messages = all.filter((m) => !(m.author === "system" && m.event && HIDDEN_EVENTS.has(m.event)));
  const seenSeq = v.conn.agentSeen;
  const lastSeenVisitor = messages.filter((m) => m.author === "visitor" && m.seq <= seenSeq).at(-1)?.seq;
  return messages.map((m, i) => {
    const first = !sameGroup(messages[i - 1], m);
    const last = !sameGroup(m, messages[i + 1]);
    const who = m.author === "agent" || m.author === "bot";
    const name = m.author === "agent" ? (m.authorName ?? v.t("someone")) : v.t("bot");
    return html`<li part=${`message message-${m.author}`} class="message ${m.author} ${first ? "first" : ""}" data-seq=${m.seq}>
      ${first && who ? html`<div class="who">${avatar(v, m)}<span class="name">${name}</span></div>` : nothing}
      ${
        m.author === "system"
          ? html`<span class="note">${systemText(v, m)}</span>`
          : html`<div class="bubble">${m.text ? richText(m.text) : nothing}${(m.attachments ?? []).map((a) => attachmentView(v, a))}</div>`
      }
      ${
        last && m.author !== "system"
          ? html`<time class="meta" datetime=${new Date(m.createdAt).toISOString()}
              >${formatTime(m.createdAt, v.locale)}${m.seq === lastSeenVisitor ? html` · <span class="seen">${v.t("seen")}</span>` : nothing}</time
            >`
          : m.seq === lastSeenVisitor
            ? html`<span class="meta seen">${v.t("seen")}</span>`
            : nothing
      }
    </li>`;
  });
}
