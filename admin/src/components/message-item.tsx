// One message in the agent's view of a conversation: author, text (always as text), trace, note badge.

import type { ChatMessage } from "../../../protocol/src/types.ts";
import { t } from "./conversation-strings.ts";
import { TraceView } from "./trace-view.tsx";

export function MessageItem({ m }: { m: ChatMessage }) {
  const who = m.author === "agent" ? (m.authorName ?? "Agent") : m.author === "visitor" ? t("visitor") : m.author === "bot" ? t("bot") : t("system");
  return (
    <li class={`msg msg-${m.author}${m.private ? " msg-note" : ""}`} data-seq={m.seq}>
      <div class="meta">
        <strong>{who}</strong>
        {m.private && <span class="badge">{t("noteBadge")}</span>}
        <time dateTime={new Date(m.createdAt).toISOString()}>{new Date(m.createdAt).toLocaleTimeString()}</time>
      </div>
      <div class="text">{m.text}</div>
      {m.quickReplies && m.quickReplies.length > 0 && (
        <div class="qr">
          {m.quickReplies.map((q) => (
            <span key={q.payload}>{q.label}</span>
          ))}
        </div>
      )}
      {m.trace && <TraceView trace={m.trace} />}
    </li>
  );
}
