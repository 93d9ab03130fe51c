// Prints a run's results: a heading naming the profile and machine, then the one table.

import type { Verdict } from "./budgets.ts";
import { rowsOf, type Results } from "./results.ts";
import { renderTable } from "./table.ts";

const MARK = { ok: "✓", over: "✗", missing: "✗", skipped: "" } as const;

/** The budget cell for a metric: its limit and whether this run kept it. */
function budgetText(verdicts: Verdict[], metric: string): string | undefined {
  const v = verdicts.find((x) => x.budget.metric === metric);
  if (!v) return undefined;
  const limit = v.budget.max !== undefined ? `≤ ${v.budget.max}` : `≥ ${v.budget.min}`;
  return `${limit}${v.budget.unit === "×" ? "× floor" : ` ${v.budget.unit}`} ${MARK[v.status]}`.trim();
}

export function printReport(results: Results): void {
  const m = results.machine;
  const note = m.pinned ? ", server and load generator on separate cores" : "";
  console.log(`\nParley benchmarks — ${results.profile} profile, ${results.startedAt.slice(0, 10)}, ${m.cpus} × ${m.model}, ${results.durationS} s${note}\n`);
  console.log(renderTable(rowsOf(results, (metric) => budgetText(results.budgets, metric))));
}
