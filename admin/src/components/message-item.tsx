// One message in the agent's view of a conversation: author, text (always as text), attachments,
// trace, note badge.

import type { Attachment, ChatMessage } from "../../../protocol/src/types.ts";
import { t } from "./conversation-strings.ts";
import { TraceView } from "./trace-view.tsx";

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

function Files({ files }: { files: Attachment[] }) {
  return (
    <ul class="msg-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.url} target="_blank" rel="noopener noreferrer">
            {IMAGE.test(f.type) ? <img src={f.url} alt={f.name} loading="lazy" /> : f.name}
          </a>
          <span class="muted"> {Math.max(1, Math.round(f.size / 1024))} KB</span>
        </li>
      ))}
    </ul>
  );
}

export function MessageItem({ m }: { m: ChatMessage }) {
  const who = m.author === "agent" ? (m.authorName ?? "Agent") : m.author === "visitor" ? t("visitor") : m.author === "bot" ? t("bot") : t("system");
  return (
    <li class={`msg msg-${m.author}${m.private ? " msg-note" : ""}`} data-seq={m.seq}>
      <div class="meta">
        <strong>{who}</strong>
        {m.private && <span class="badge">{t("noteBadge")}</span>}
        <time dateTime={new Date(m.createdAt).toISOString()}>{new Date(m.createdAt).toLocaleTimeString()}</time>
      </div>
      {m.text && <div class="text">{m.text}</div>}
      {m.attachments && m.attachments.length > 0 && <Files files={m.attachments} />}
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
