// Budgets (bench/budgets.json) and the --check verdicts: a figure over its budget fails, a budgeted
// figure that a section which did run failed to produce fails too (a silent pass would hide a broken
// integration), and a figure whose section did not run is reported as skipped.

import { readFileSync } from "node:fs";

export interface Budget {
  metric: string;
  max?: number;
  min?: number;
  unit: string;
  ci: boolean;
  why: string;
}

export interface Verdict {
  budget: Budget;
  status: "ok" | "over" | "missing" | "skipped";
  value?: number;
  /** The metric that matched, when it is not the budget's own name. */
  matched?: string;
  note?: string;
}

export function loadBudgets(file: string): Budget[] {
  return (JSON.parse(readFileSync(file, "utf8")) as { budgets: Budget[] }).budgets;
}

/** The metric a budget refers to: exact name, else the one metric of its section containing its segments in order. */
export function findMetric(metrics: Record<string, number>, name: string): { key: string; value: number } | { ambiguous: string[] } | null {
  if (name in metrics) return { key: name, value: metrics[name]! };
  const want = name.split(".");
  const hits = Object.keys(metrics).filter((k) => {
    const parts = k.split(".");
    if (parts[0] !== want[0]) return false;
    let i = 1;
    for (const p of parts.slice(1)) if (p === want[i]) i++;
    return i === want.length;
  });
  if (hits.length === 1) return { key: hits[0]!, value: metrics[hits[0]!]! };
  return hits.length > 1 ? { ambiguous: hits } : null;
}

/** Checks every budget against the metrics; `ran(section)` tells whether a section was measured in this run. */
export function check(budgets: Budget[], metrics: Record<string, number>, ran: (section: string) => boolean): Verdict[] {
  return budgets.map((budget) => {
    const section = budget.metric.split(".")[0]!;
    const found = findMetric(metrics, budget.metric);
    if (!found)
      return ran(section) ? { budget, status: "missing", note: `the ${section} benchmark ran but produced no such figure` } : { budget, status: "skipped" };
    if ("ambiguous" in found) return { budget, status: "missing", note: `ambiguous: ${found.ambiguous.join(", ")}` };
    const { key, value } = found;
    const over = !Number.isFinite(value) || (budget.max !== undefined && value > budget.max) || (budget.min !== undefined && value < budget.min);
    return { budget, status: over ? "over" : "ok", value, ...(key !== budget.metric ? { matched: key } : {}) };
  });
}

/** One line per verdict, for the console. */
export function formatVerdicts(verdicts: Verdict[]): string[] {
  return verdicts.map((v) => {
    const limit = [v.budget.min !== undefined ? `≥ ${v.budget.min}` : "", v.budget.max !== undefined ? `≤ ${v.budget.max}` : ""].filter(Boolean).join(" ");
    const mark = { ok: "ok  ", over: "FAIL", missing: "FAIL", skipped: "skip" }[v.status];
    const value = v.value === undefined ? "—" : `${+v.value.toPrecision(4)} ${v.budget.unit}`;
    return `${mark} ${v.budget.metric} = ${value} (budget ${limit} ${v.budget.unit}${v.matched ? `, from ${v.matched}` : ""})${v.note ? ` — ${v.note}` : ""}`;
  });
}
