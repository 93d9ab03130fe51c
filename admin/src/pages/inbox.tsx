// The agent's inbox: views with counts, the live list in queue order, and the open conversation.

import { useEffect, useMemo } from "preact/hooks";
import { ConversationView } from "../components/conversation-view.tsx";
import { defineStrings } from "../i18n.ts";
import { createInboxModel, type View } from "../models/inbox.ts";
import { navigate } from "../router.ts";
import type { PageProps } from "../routes.tsx";

const VIEWS: View[] = ["unassigned", "mine", "all", "resolved"];

const t = defineStrings(
  {
    inbox: "Inbox",
    unassigned: "Unassigned",
    mine: "Mine",
    all: "All",
    resolved: "Resolved",
    live: "Live",
    offline: "Reconnecting…",
    noConversations: "Nothing here. New hand-offs appear in real time.",
    pickConversation: "Pick a conversation on the left.",
  },
  {
    inbox: "收件箱",
    unassigned: "未分配",
    mine: "我的",
    all: "全部",
    resolved: "已解决",
    live: "实时",
    offline: "正在重新连接…",
    noConversations: "暂无会话。新的转人工会话会实时出现。",
    pickConversation: "请在左侧选择一个会话。",
  },
);

export function InboxPage({ siteId, myId, params }: PageProps) {
  const openId = params.id ?? null;
  const inbox = useMemo(() => createInboxModel(siteId, myId), [siteId, myId]);
  useEffect(() => () => inbox.dispose(), [inbox]);
  const counts = inbox.counts.value;
  return (
    <div class="inbox">
      <nav class="list" aria-label={t("inbox")}>
        <div class="views" role="tablist">
          {VIEWS.map((v) => (
            <button key={v} type="button" role="tab" aria-selected={inbox.view.value === v} onClick={() => (inbox.view.value = v)}>
              {t(v)} <span class="count">{counts[v]}</span>
            </button>
          ))}
        </div>
        <p class={`live ${inbox.live.value ? "up" : "down"}`}>{inbox.live.value ? t("live") : t("offline")}</p>
        {inbox.visible.value.length === 0 ? (
          <p class="empty">{t("noConversations")}</p>
        ) : (
          <ul class="items">
            {inbox.visible.value.map((c) => (
              <li key={c.id}>
                <a
                  href={`/admin/conversations/${c.id}`}
                  class={`item prio-${c.priority}${c.id === openId ? " current" : ""}`}
                  data-conversation={c.id}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/admin/conversations/${c.id}`);
                  }}
                >
                  <span class="line1">
                    <span class="prio">{c.priority}</span> <span class="state">{c.status}</span>
                    {c.team && <span class="team">{c.team}</span>}
                  </span>
                  <span class="preview">{c.lastMessageText ?? "…"}</span>
                  {c.labels.length > 0 && <span class="labels">{c.labels.join(" · ")}</span>}
                </a>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {openId ? <ConversationView key={openId} id={openId} /> : <p class="placeholder">{t("pickConversation")}</p>}
    </div>
  );
}
