// The shape of bench/results.json, the flat metric names budgets refer to, and the table rows.

import type { ChatResult } from "../scenarios/chat.ts";
import type { FanoutResult } from "../scenarios/fanout.ts";
import type { IdleResult } from "../scenarios/idle.ts";
import type { Verdict } from "./budgets.ts";
import type { OptionalResult } from "./optional.ts";
import { fmt, type Row } from "./table.ts";
import { findMetric } from "./budgets.ts";

export type TargetKey = "parley" | "doRelay" | "nodeRelay";
export type Failed = { error: string };

export interface Results {
  version: 1;
  profile: "full" | "quick";
  mode: "all" | "deterministic";
  startedAt: string;
  durationS: number;
  machine: { cpus: number; model: string; loadAvg: number[]; node: string; pinned: boolean };
  widget?: OptionalResult;
  triage?: OptionalResult;
  reports?: OptionalResult;
  chat: Partial<Record<TargetKey, ChatResult | Failed>>;
  idle: Partial<Record<TargetKey, IdleResult | Failed>>;
  fanout?: FanoutResult | Failed;
  metrics: Record<string, number>;
  budgets: Verdict[];
}

const ok = <T extends object>(v: T | Failed | undefined): T | undefined => (v && !("error" in v) ? v : undefined);

/** Plain flattening of our own results into dotted metric names (numbers only). */
function flat(v: unknown, prefix: string, out: Record<string, number>): void {
  if (typeof v === "number") out[prefix] = v;
  else if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) flat(x, `${prefix}.${k}`, out);
}

/** Every figure of the run as `section.path` → number, ratios included. */
export function metricsOf(r: Results): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of [r.widget, r.triage, r.reports]) if (o?.status === "ok") Object.assign(out, o.metrics);
  flat(r.chat, "chat", out);
  flat(r.idle, "idle", out);
  flat(r.fanout, "fanout", out);
  const p = ok(r.chat.parley)?.many;
  const f = ok(r.chat.doRelay)?.many;
  const n = ok(r.chat.nodeRelay)?.many;
  if (p && f) out["ratio.cpuPerMsgParleyToFloor"] = p.cpuUsPerMsg / f.cpuUsPerMsg;
  if (p && n) out["ratio.cpuPerMsgParleyToRef"] = p.cpuUsPerMsg / n.cpuUsPerMsg;
  if (p && f) out["ratio.v2aP50ParleyToFloor"] = p.v2aP50 / f.v2aP50;
  return out;
}

function optionalRows(o: OptionalResult | undefined, title: string, owner: string, wanted: [string, string, string, number][]): Row[] {
  if (!o) return [];
  if (o.status === "missing") return [{ label: title }, { label: `bench/${o.file} not yet available (${owner})`, unit: "", parley: "—" }];
  if (o.status === "error") return [{ label: title }, { label: `bench/${o.file} failed: ${o.error.slice(0, 80)}`, unit: "", parley: "error" }];
  const rows: Row[] = [{ label: title }];
  for (const [metric, label, unit, scale] of wanted) {
    const m = findMetric(o.metrics, metric);
    if (m && !("ambiguous" in m)) rows.push({ label, unit, parley: m.value * scale });
  }
  if (rows.length === 1) for (const [k, v] of Object.entries(o.metrics)) rows.push({ label: k, unit: "", parley: v });
  return rows;
}

/** The table's rows, in the issue's order. */
export function rowsOf(r: Results, budgetOf: (metric: string) => string | undefined): Row[] {
  const rows: Row[] = [];
  rows.push(
    ...optionalRows(r.widget, "Widget weight", "widget issue 3", [
      ["widget.embed.raw", "embed.js, raw", "KB", 1 / 1024],
      ["widget.embed.gzip", "embed.js, gzip", "KB", 1 / 1024],
      ["widget.launcher.raw", "JS at page load, raw", "KB", 1 / 1024],
      ["widget.launcher.gzip", "JS at page load, gzip", "KB", 1 / 1024],
      ["widget.panel.raw", "JS to open the panel and chat, raw", "KB", 1 / 1024],
      ["widget.panel.gzip", "JS to open the panel and chat, gzip", "KB", 1 / 1024],
    ]).map((row) => withBudget(row, budgetOf)),
  );
  const c = { parley: ok(r.chat.parley), floor: ok(r.chat.doRelay), ref: ok(r.chat.nodeRelay) };
  if (c.parley || c.floor || c.ref) {
    const one = (f: (x: ChatResult) => number) => ({ parley: c.parley && f(c.parley), floor: c.floor && f(c.floor), ref: c.ref && f(c.ref), ratio: true });
    const conv = c.parley?.many.conversations ?? c.floor?.many.conversations ?? c.ref?.many.conversations;
    const rate = c.parley?.many.rate ?? c.floor?.many.rate ?? c.ref?.many.rate;
    const drain = c.parley?.many.drainS ?? c.floor?.many.drainS ?? c.ref?.many.drainS;
    rows.push(
      { label: "Messages, 1 conversation" },
      { label: "visitor → agent p50", unit: "ms", ...one((x) => x.one.v2aP50) },
      { label: "visitor → agent p99", unit: "ms", ...one((x) => x.one.v2aP99) },
      { label: "agent → visitor p50", unit: "ms", ...one((x) => x.one.a2vP50) },
      { label: "agent → visitor p99", unit: "ms", ...one((x) => x.one.a2vP99) },
      { label: `Messages, ${conv} conversations at ${rate} msg/s` },
      { label: "visitor → agent p50", unit: "ms", ...one((x) => x.many.v2aP50), budget: budgetOf("chat.parley.many.v2aP50") },
      { label: "visitor → agent p99", unit: "ms", ...one((x) => x.many.v2aP99) },
      { label: "agent → visitor p50", unit: "ms", ...one((x) => x.many.a2vP50), budget: budgetOf("chat.parley.many.a2vP50") },
      { label: "agent → visitor p99", unit: "ms", ...one((x) => x.many.a2vP99) },
      {
        label: `dropped (not there ${drain} s after the run)`,
        unit: "msgs",
        ...one((x) => x.many.dropped),
        ratio: false,
        budget: budgetOf("chat.parley.many.dropped"),
      },
      { label: "server CPU per message", unit: "µs", ...one((x) => x.many.cpuUsPerMsg), budget: budgetOf("ratio.cpuPerMsgParleyToFloor") },
      { label: "… with the dev proxy", unit: "µs", ...one((x) => x.many.cpuUsPerMsgWithProxy) },
      { label: "idle server CPU", unit: "%", ...one((x) => x.idleCpuPct), ratio: false },
      {
        label: "highest rate sustained, nothing dropped",
        unit: "msg/s",
        ...one((x) => x.maxRate.sustained),
        // "≥": the ramp ended (or the load generator ran out of core) before this server did.
        ...Object.fromEntries(
          (["parley", "floor", "ref"] as const).flatMap((k) => {
            const x = c[k];
            return x && x.maxRate.limitedBy !== "server" ? [[k, `≥ ${fmt(x.maxRate.sustained)}`]] : [];
          }),
        ),
      },
    );
  }
  const i = { parley: ok(r.idle.parley), floor: ok(r.idle.doRelay), ref: ok(r.idle.nodeRelay) };
  if (i.parley || i.floor || i.ref) {
    const one = (f: (x: IdleResult) => number, ratio = true) => ({
      parley: i.parley && f(i.parley),
      floor: i.floor && f(i.floor),
      ref: i.ref && f(i.ref),
      ratio,
    });
    const n = i.parley?.connections ?? i.floor?.connections ?? i.ref?.connections;
    rows.push(
      { label: `Idle, ${n} visitor connections (local workerd: see docs/scaling.md)` },
      { label: "server memory (RSS)", unit: "MB", ...one((x) => x.rssIdleMb) },
      { label: "memory per connection", unit: "KB", ...one((x) => x.perConnectionKb) },
      { label: "idle server CPU", unit: "%", ...one((x) => x.idleCpuPct, false) },
    );
  }
  rows.push(
    ...optionalRows(r.triage, "Triage, 1,000 rules / 10,000 keywords", "triage issue 4", [
      ["triage.compile.first", "compile (cold, first in the process)", "ms", 1],
      ["triage.p50", "evaluation p50", "ms", 1],
      ["triage.p99", "evaluation p99", "ms", 1],
      ["triage.rules", "rules", "", 1],
      ["triage.keywords", "keywords", "", 1],
    ]).map((row) => withBudget(row, budgetOf)),
  );
  const fo = ok(r.fanout);
  if (fo)
    rows.push(
      {
        label: `Fan-out to ${fo.consoles} agent consoles${fo.agents ? ` (${fo.agents} agents)` : ""}, ${fo.openConversations} open conversations, ${fo.queued} handed off`,
      },
      { label: "visitor message → a console p50", unit: "ms", parley: fo.p50 },
      { label: "visitor message → a console p99", unit: "ms", parley: fo.p99 },
      { label: "visitor message → last console p99", unit: "ms", parley: fo.allP99 },
      { label: "deliveries missing", unit: "", parley: fo.missing },
      ...(fo.assigned !== undefined
        ? [
            { label: "hand-offs auto-assigned (the rest queued at capacity)", unit: "", parley: fo.assigned },
            { label: "hand-off → agent assigned p50, one at a time (as the visitor sees it)", unit: "ms", parley: fo.assignQuietP50 },
            { label: "hand-off → agent assigned p50, 16 hand-offs at a time", unit: "ms", parley: fo.assignP50 },
            { label: "hand-off → agent assigned p99, 16 hand-offs at a time", unit: "ms", parley: fo.assignP99 },
          ]
        : []),
      { label: `burst of ${fo.burstRate} msg/s → a console p50`, unit: "ms", parley: fo.burstP50 },
      { label: `burst of ${fo.burstRate} msg/s → a console p99`, unit: "ms", parley: fo.burstP99 },
      { label: "burst: console frames delivered", unit: "/s", parley: fo.burstFramesPerS },
      { label: "burst: deliveries missing", unit: "", parley: fo.burstMissing },
      { label: "burst: runtime CPU per event (all consoles)", unit: "µs", parley: fo.burstCpuUsPerEvent.runtime ?? Number.NaN },
      { label: "burst: dev proxy CPU per event", unit: "µs", parley: fo.burstCpuUsPerEvent.proxy ?? Number.NaN },
    );
  rows.push(
    ...optionalRows(r.reports, "Reports, 100,000 conversations", "reports issue 8", [
      ["reports.p50", "summary query p50", "ms", 1],
      ["reports.p99", "summary query p99", "ms", 1],
      ["reports.servercpu", "summary: server CPU per request", "ms", 1],
      ["reports.breakdownp50", "breakdown by label p50", "ms", 1],
      ["reports.timeseriesp50", "daily series p50", "ms", 1],
    ]),
  );
  return rows;
}

const BUDGET_OF_ROW: Record<string, string> = {
  "embed.js, gzip": "widget.embed.gzip",
  "JS to open the panel and chat, gzip": "widget.panel.gzip",
  "compile (cold, first in the process)": "triage.compile.first",
  "evaluation p99": "triage.p99",
  "summary query p50": "reports.p50",
};

function withBudget(row: Row, budgetOf: (metric: string) => string | undefined): Row {
  const m = BUDGET_OF_ROW[row.label];
  const b = m ? budgetOf(m) : undefined;
  return b ? { ...row, budget: b } : row;
}
