// A webhook's delivery log: each event sent, its status, every attempt's response code, the next
// retry, and "send again" for deliveries that gave up.

import { useEffect, useMemo } from "preact/hooks";
import { createRemote } from "../models/remote.ts";
import { wt } from "../pages/channel-strings.ts";
import { ErrorNote, when } from "./ui.tsx";

interface Delivery {
  id: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  attemptLog: { attempt: number; at: number; status: number | null; error: string | null; durationMs: number }[];
}

export function WebhookDeliveries({ siteId, webhookId }: { siteId: string; webhookId: string }) {
  const base = `/sites/${siteId}/webhooks/${webhookId}`;
  const log = useMemo(() => createRemote<{ items: Delivery[] }>(`${base}/deliveries`), [base]);
  useEffect(() => void log.load(), [log]);
  const items = log.value.value?.items ?? [];
  return (
    <div class="webhooks-log">
      <ErrorNote error={log.error.value} />
      {items.length === 0 ? (
        <p class="muted">{wt("noDeliveries")}</p>
      ) : (
        <table class="table">
          <caption class="muted">{wt("log")}</caption>
          <thead>
            <tr>
              <th>{wt("when")}</th>
              <th>{wt("event")}</th>
              <th>{wt("status")}</th>
              <th>{wt("codes")}</th>
              <th>{wt("next")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-delivery={d.status}>
                <td>{when(d.createdAt)}</td>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td class={`webhooks-status ${d.status}`}>{wt(d.status)}</td>
                <td class="webhooks-codes">{d.attemptLog.map((a) => (a.status === null ? (a.error ?? "—") : String(a.status))).join(" → ")}</td>
                <td>{d.status === "pending" && d.nextAttemptAt ? when(d.nextAttemptAt) : "—"}</td>
                <td>
                  {d.status === "failed" && (
                    <button type="button" onClick={() => void log.run("POST", `${base}/deliveries/${d.id}/retry`)}>
                      {wt("retry")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
