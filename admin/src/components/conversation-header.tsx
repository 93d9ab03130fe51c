// The conversation's header: who, status, priority, team, assignee, SLA timer, labels, and the actions
// (claim, transfer, return to the queue, resolve / reopen, pending, snooze).

import { useSignal } from "@preact/signals";
import { PRIORITIES } from "../../../protocol/src/types.ts";
import type { InboxModel } from "../models/inbox.ts";
import type { ConversationModel } from "../models/conversation.ts";
import { priorityLabel, statusLabel, t } from "./conversation-strings.ts";
import { SlaCountdown } from "./conversation-sla.tsx";
import { TransferDialog } from "./conversation-transfer.tsx";

function snoozeTimes(): { label: string; at: number }[] {
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: t("snooze1h"), at: Date.now() + 3_600_000 },
    { label: t("snooze4h"), at: Date.now() + 4 * 3_600_000 },
    { label: t("snoozeTomorrow"), at: tomorrow.getTime() },
  ];
}

function Labels({ labels, onChange }: { labels: string[]; onChange: (next: string[]) => void }) {
  const draft = useSignal("");
  return (
    <div class="conv-labels" aria-label={t("labels")}>
      {labels.map((l) => (
        <span key={l} class="tag">
          {l}
          <button type="button" class="conv-x" aria-label={t("removeLabel", { label: l })} onClick={() => onChange(labels.filter((x) => x !== l))}>
            ×
          </button>
        </span>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const l = draft.value.trim();
          if (l && !labels.includes(l)) onChange([...labels, l]);
          draft.value = "";
        }}
      >
        <input
          name="label"
          aria-label={t("addLabel")}
          placeholder={`+ ${t("addLabel")}`}
          maxLength={64}
          value={draft.value}
          onInput={(e) => (draft.value = e.currentTarget.value)}
        />
      </form>
    </div>
  );
}

export function ConversationHeader({ model, inbox, myId, title }: { model: ConversationModel; inbox: InboxModel; myId: string; title: string }) {
  const transferring = useSignal(false);
  const d = model.detail.value;
  if (!d) return <header class="conv-head" />;
  const c = d.conversation;
  const mine = c.assignee?.id === myId;
  const done = c.status === "resolved" || c.status === "closed";
  return (
    <header class="conv-head">
      <div class="conv-title">
        <h2>{title}</h2>
        <p class="facts">
          <span class={`conv-status conv-status-${c.status}`} data-testid="status">
            {statusLabel(c.status)}
          </span>
          <label>
            {t("priority")}{" "}
            <select name="priority" value={c.priority} onChange={(e) => void model.update({ priority: e.currentTarget.value })}>
              {[...PRIORITIES].reverse().map((p) => (
                <option key={p} value={p}>
                  {priorityLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <span>
            {t("team")}: {inbox.teamName(c.team) ?? "—"}
          </span>
          <span data-testid="assignee">
            {t("assignee")}: {c.assignee?.name ?? t("nobody")}
          </span>
          {c.status === "snoozed" && c.snoozeUntil && <span>{t("snoozedUntil", { time: new Date(c.snoozeUntil).toLocaleString() })}</span>}
          {!done && <SlaCountdown c={c} />}
        </p>
        <Labels labels={c.labels} onChange={(labels) => void model.update({ labels })} />
      </div>
      <div class="actions">
        {!mine && c.status !== "closed" && (
          <button type="button" onClick={() => void model.claim()}>
            {t("claim")}
          </button>
        )}
        {c.status !== "closed" && (
          <button type="button" class="secondary" onClick={() => (transferring.value = true)}>
            {t("transfer")}
          </button>
        )}
        {mine && !done && (
          <button type="button" class="secondary" onClick={() => void model.assign(null)}>
            {t("giveBack")}
          </button>
        )}
        {!done && c.status !== "bot" && c.status !== "pending" && (
          <button type="button" class="secondary" onClick={() => void model.setStatus("pending")}>
            {t("pending")}
          </button>
        )}
        {!done && c.status !== "bot" && (
          <select
            class="conv-snooze"
            aria-label={t("snooze")}
            value=""
            onChange={(e) => {
              const at = Number(e.currentTarget.value);
              e.currentTarget.value = "";
              if (at) void model.setStatus("snoozed", at);
            }}
          >
            <option value="">{t("snoozeFor")}</option>
            {snoozeTimes().map((s) => (
              <option key={s.label} value={s.at}>
                {s.label}
              </option>
            ))}
          </select>
        )}
        {!done ? (
          <button type="button" onClick={() => void model.setStatus("resolved")}>
            {t("resolve")}
          </button>
        ) : c.status === "resolved" ? (
          <button type="button" onClick={() => void model.setStatus("open")}>
            {t("reopen")}
          </button>
        ) : null}
      </div>
      {transferring.value && (
        <TransferDialog
          agents={inbox.agents.value}
          teams={inbox.teams.value}
          currentTeam={c.team}
          myId={myId}
          onTransfer={(agentId, team, note) => model.assign(agentId, team, note)}
          onClose={() => (transferring.value = false)}
        />
      )}
    </header>
  );
}
