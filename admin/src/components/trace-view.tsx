// Shows agents why the bot did what it did, in words: "rule complaint-severe matched: text contains
// 投诉; visitor.tier = vip", built-in decisions, rules that matched in part, and how many others were tried.

import { describeHits } from "../../../protocol/src/trace-words.ts";
import type { RuleTrace, TriageTrace } from "../../../protocol/src/types.ts";
import { t, traceWords } from "./trace-strings.ts";

function conditionsOf(r: RuleTrace): string {
  return r.hits?.length ? describeHits(r.hits, traceWords()) : r.conditions.join("; ");
}

function builtinOf(trace: TriageTrace): string | null {
  if (!trace.builtin) return null;
  return `${t(`builtin_${trace.builtin.kind}` as never)} — ${trace.builtin.detail}`;
}

export function TraceView({ trace, open = false }: { trace: TriageTrace; open?: boolean }) {
  const matched = trace.rules.filter((r) => r.matched);
  const partly = trace.rules.filter((r) => !r.matched && (r.hits?.length || r.conditions.length));
  const others = trace.rules.length - matched.length - partly.length;
  const headline = matched.length ? matched.map((r) => `${t("ruleMatched", { id: r.id })}: ${conditionsOf(r)}`).join(" · ") : (builtinOf(trace) ?? t("noRule"));
  return (
    <details class="trace" open={open}>
      <summary>
        {t("why")} <span class="headline">{headline}</span>
      </summary>
      <ul>
        {matched.map((r) => (
          <li key={r.id} class="hit">
            ✓ <code>{r.id}</code>
            {r.name && <span class="muted"> ({r.name})</span>}: {conditionsOf(r)}
          </li>
        ))}
        {matched.length > 0 && trace.builtin && <li class="hit">⚙ {builtinOf(trace)}</li>}
        {partly.map((r) => (
          <li key={r.id} class="miss">
            ◐ <code>{r.id}</code> {t("partly")}: {conditionsOf(r)}
          </li>
        ))}
        {others > 0 && <li class="miss">✗ {t("otherRules", { n: others })}</li>}
        <li class="miss">{t("version", { version: trace.rulesetVersion })}</li>
      </ul>
    </details>
  );
}
