// The agent's view of one conversation: history (bot part and traces included), actions, reply box.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { t } from "./conversation-strings.ts";
import { createConversationModel } from "../models/conversation.ts";
import { me } from "../models/session.ts";
import { MessageItem } from "./message-item.tsx";

export function ConversationView({ id }: { id: string }) {
  const model = useMemo(() => createConversationModel(id), [id]);
  useEffect(() => () => model.dispose(), [model]);
  const mode = useSignal<"reply" | "note">("reply");
  const draft = useSignal("");
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [model.messages.value.length]);

  const d = model.detail.value;
  const myId = me.value?.user.id ?? "";
  const send = async () => {
    const text = draft.value.trim();
    if (!text) return;
    if (await model.send(text, mode.value === "note")) draft.value = "";
  };
  return (
    <section class="conversation" aria-label="Conversation">
      <header class="conv-head">
        <div>
          <h2>{d?.contact?.name ?? d?.contact?.email ?? `${t("visitor")} ${id.slice(-6)}`}</h2>
          {d && (
            <p class="facts">
              <span data-testid="status">{d.conversation.status}</span> · {t("priority")}: {d.conversation.priority} · {t("team")}: {d.conversation.team ?? "—"}{" "}
              · {t("assignee")}: {d.conversation.assignee?.name ?? t("nobody")}
              {d.conversation.labels.length > 0 && <> · {d.conversation.labels.join(", ")}</>}
            </p>
          )}
        </div>
        <div class="actions">
          {d && d.conversation.assignee?.id !== myId && d.conversation.status !== "resolved" && (
            <button type="button" onClick={() => model.claim(myId)}>
              {t("claim")}
            </button>
          )}
          {d && d.conversation.status !== "resolved" && d.conversation.status !== "closed" ? (
            <button type="button" onClick={() => model.setStatus("resolved")}>
              {t("resolve")}
            </button>
          ) : (
            <button type="button" onClick={() => model.setStatus("open")}>
              {t("reopen")}
            </button>
          )}
        </div>
      </header>
      {model.error.value && (
        <p class="error" role="alert">
          {model.error.value}
        </p>
      )}
      <ol class="history" ref={list} aria-live="polite">
        {model.messages.value.map((m) => (
          <MessageItem key={m.seq} m={m} />
        ))}
      </ol>
      {model.visitorTyping.value && <p class="typing">{t("visitor")} …</p>}
      <form
        class={`composer ${mode.value}`}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div class="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode.value === "reply"} onClick={() => (mode.value = "reply")}>
            {t("reply")}
          </button>
          <button type="button" role="tab" aria-selected={mode.value === "note"} onClick={() => (mode.value = "note")}>
            {t("note")}
          </button>
        </div>
        <textarea
          aria-label={mode.value === "note" ? t("note") : t("reply")}
          placeholder={mode.value === "note" ? t("notePlaceholder") : t("replyPlaceholder")}
          value={draft.value}
          onInput={(e) => {
            draft.value = (e.target as HTMLTextAreaElement).value;
            if (mode.value === "reply") model.typing(draft.value.length > 0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <button type="submit">{t("send")}</button>
      </form>
    </section>
  );
}
