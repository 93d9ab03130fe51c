// The agent's view of one conversation: header with actions, the whole history (bot part and traces
// included), the reply box, and the customer sidebar. Commands from keyboard shortcuts arrive as a signal.

import { useSignal, type Signal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { createConversationModel } from "../models/conversation.ts";
import type { InboxModel } from "../models/inbox.ts";
import { me } from "../models/session.ts";
import { ui } from "./ui-strings.ts";
import { Composer } from "./conversation-composer.tsx";
import { ConversationHeader } from "./conversation-header.tsx";
import { ConversationSidebar } from "./conversation-sidebar.tsx";
import { t } from "./conversation-strings.ts";
import { MessageItem } from "./message-item.tsx";

export type Command = { kind: "reply" | "note" | "resolve" | "claim"; at: number } | null;

export function ConversationView({ id, siteId, inbox, command }: { id: string; siteId: string; inbox: InboxModel; command: Signal<Command> }) {
  const model = useMemo(() => createConversationModel(id), [id]);
  useEffect(() => () => model.dispose(), [model]);
  const mode = useSignal<"reply" | "note">("reply");
  const list = useRef<HTMLOListElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  const myId = me.value?.user.id ?? "";
  const d = model.detail.value;
  const count = model.messages.value.length;
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [count]);
  // Changes made elsewhere (another agent, auto-assignment) arrive through the inbox's live stream.
  const live = inbox.items.value.get(id);
  useEffect(() => {
    if (live && d && live.updatedAt > d.conversation.updatedAt) void model.reload();
  }, [live?.updatedAt]);

  const cmd = command.value;
  useEffect(() => {
    if (!cmd || !d) return;
    if (cmd.kind === "reply" || cmd.kind === "note") {
      mode.value = cmd.kind;
      text.current?.focus();
    } else if (cmd.kind === "resolve" && d.conversation.status !== "resolved" && d.conversation.status !== "closed") void model.setStatus("resolved");
    else if (cmd.kind === "claim" && d.conversation.assignee?.id !== myId) void model.claim();
  }, [cmd?.at]);

  const contact = d?.contact ?? null;
  const title = contact?.name || contact?.email || contact?.phone || `${t("visitor")} ${id.slice(-6)}`;
  const siteName = me.value?.sites.find((s) => s.id === siteId)?.name ?? "";
  return (
    <div class="conv-wrap">
      <section class="conversation" aria-label={title}>
        <ConversationHeader model={model} inbox={inbox} myId={myId} title={title} />
        {model.error.value ? (
          <p class="error" role="alert">
            {ui.apiError(model.error.value)}
          </p>
        ) : (
          <span />
        )}
        <ol class="history" ref={list} aria-live="polite">
          {model.messages.value.map((m) => (
            <MessageItem key={m.seq} m={m} />
          ))}
        </ol>
        {model.visitorTyping.value ? <p class="typing">{t("typing", { name: contact?.name || t("visitor") })}</p> : <span />}
        <Composer
          model={model}
          siteId={siteId}
          mode={mode.value}
          setMode={(m) => (mode.value = m)}
          textRef={text}
          vars={{ agentName: me.value?.user.name ?? "", siteName, contact }}
          disabled={d?.conversation.status === "closed"}
        />
      </section>
      <ConversationSidebar model={model} />
    </div>
  );
}
