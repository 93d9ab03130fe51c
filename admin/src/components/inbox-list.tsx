// The inbox's left column: the views with their counts (and how many are unread), and the list of the
// current view in queue order, each with the customer, priority, status, team, who has it, SLA timer.

import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { VIEWS, type InboxModel } from "../models/inbox.ts";
import { navigate } from "../router.ts";
import { channelLabel, priorityLabel, statusLabel, t as ct } from "./conversation-strings.ts";
import { SlaCountdown } from "./conversation-sla.tsx";
import { t } from "./inbox-strings.ts";

function Item({ c, inbox, current }: { c: ConversationSummary; inbox: InboxModel; current: boolean }) {
  const unread = inbox.unread(c);
  const who = c.contactName || `${ct("visitor")} ${c.id.slice(-6)}`;
  const assignee = inbox.nameOf(c.assigneeId);
  return (
    <li>
      <a
        href={`/admin/conversations/${c.id}`}
        class={`item prio-${c.priority}${current ? " current" : ""}${unread ? " inbox-unread" : ""}`}
        data-conversation={c.id}
        aria-current={current ? "true" : undefined}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/admin/conversations/${c.id}`);
        }}
      >
        <span class="line1">
          <strong class="inbox-who">{who}</strong>
          {c.contactTier === "vip" && <span class="tag">VIP</span>}
          {unread && <span class="inbox-dot" aria-label={t("unreadMark")} />}
        </span>
        <span class="line2">
          <span class="prio">{priorityLabel(c.priority)}</span> <span class="state">{statusLabel(c.status)}</span>
          {c.team && <span class="team">{inbox.teamName(c.team)}</span>}
          {c.channel !== "web" && <span class="team">{channelLabel(c.channel)}</span>}
          {assignee && <span class="team">→ {assignee}</span>}
        </span>
        <span class="preview">{c.lastMessageText ?? "…"}</span>
        {c.labels.length > 0 && <span class="labels">{c.labels.join(" · ")}</span>}
        {c.status !== "resolved" && c.status !== "closed" && <SlaCountdown c={c} />}
      </a>
    </li>
  );
}

export function InboxList({ inbox, openId }: { inbox: InboxModel; openId: string | null }) {
  const counts = inbox.counts.value;
  const unread = inbox.unreadIn.value;
  const list = inbox.visible.value;
  return (
    <>
      <div class="views" role="tablist" aria-label={t("inbox")}>
        {VIEWS.map((v, i) => (
          <button
            key={v}
            type="button"
            role="tab"
            data-view={v}
            aria-selected={inbox.view.value === v}
            onClick={() => (inbox.view.value = v)}
            title={`${i + 1}`}
          >
            {t(v)} <span class="count">{counts[v]}</span>
            {unread[v] > 0 && <span class="inbox-badge">{unread[v]}</span>}
          </button>
        ))}
      </div>
      <p class={`live ${inbox.live.value ? "up" : "down"}`}>{inbox.live.value ? t("live") : t("offline")}</p>
      {list.length === 0 ? (
        <p class="empty">{t("noConversations")}</p>
      ) : (
        <ul class="items">
          {list.map((c) => (
            <Item key={c.id} c={c} inbox={inbox} current={c.id === openId} />
          ))}
        </ul>
      )}
    </>
  );
}
