// Shows why the bot did what it did: the rules tried, which matched and on which conditions.

import type { TriageTrace } from "../../../protocol/src/types.ts";
import { t } from "./conversation-strings.ts";

export function TraceView({ trace }: { trace: TriageTrace }) {
  const matched = trace.rules.filter((r) => r.matched);
  return (
    <details class="trace">
      <summary>
        {t("why")} {matched.length ? matched.map((r) => r.id).join(", ") : (trace.builtin?.kind ?? "—")}
      </summary>
      <ul>
        {trace.rules.map((r) => (
          <li key={r.id} class={r.matched ? "hit" : "miss"}>
            <code>{r.id}</code> {r.matched ? `✓ ${t("matched")}` : "✗"}
            {r.conditions.length > 0 && <span class="conds">: {r.conditions.join("; ")}</span>}
          </li>
        ))}
        {trace.builtin && (
          <li class="hit">
            {t("builtin")}: <code>{trace.builtin.kind}</code> — {trace.builtin.detail}
          </li>
        )}
      </ul>
    </details>
  );
}
