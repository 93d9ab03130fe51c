// SLA countdown for a conversation: the next target that is due (first response, then resolution),
// amber in its last ten minutes, red once overdue, and a mark when a target was ever breached.

import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { now } from "../models/clock.ts";
import { duration, t } from "./conversation-strings.ts";

const WARN_MS = 10 * 60_000;

export function SlaCountdown({ c }: { c: ConversationSummary }) {
  const target = c.slaFirstResponseDue
    ? { name: t("firstResponse"), due: c.slaFirstResponseDue }
    : c.slaResolutionDue
      ? { name: t("resolution"), due: c.slaResolutionDue }
      : null;
  if (!target && !c.slaBreached) return null;
  const left = target ? target.due - now.value : 0;
  const level = !target ? "breached" : left < 0 ? "overdue" : left < WARN_MS ? "soon" : "ok";
  return (
    <span class={`conv-sla conv-sla-${level}`} data-testid="sla" title={target ? new Date(target.due).toLocaleString() : undefined}>
      {target
        ? left < 0
          ? t("overdue", { target: target.name, left: duration(left) })
          : t("dueIn", { target: target.name, left: duration(left) })
        : t("breached")}
    </span>
  );
}
