// CSV downloads of the reports (RFC 4180: quoted where needed, CRLF, UTF-8 with a BOM so spreadsheet
// programs read Chinese names right). Text that a spreadsheet would run as a formula is defused.

import type { ReportBreakdown, ReportFigures, ReportSeries, ReportSummary, SlaCompliance } from "../../../protocol/src/reports.ts";

type Cell = string | number | null;

/** One cell: numbers as they are, text quoted when it holds a comma, quote or line break. */
export function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  // =, +, -, @ (and tab / CR) at the start make spreadsheets evaluate the cell (CSV injection).
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document. */
export function toCsv(rows: Cell[][]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function slaPairs(prefix: string, s: SlaCompliance): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const [part, f] of [
    ["", s.overall],
    ["first_response_", s.firstResponse],
    ["resolution_", s.resolution],
  ] as const) {
    out.push([`${prefix}${part}met`, f.met], [`${prefix}${part}missed`, f.missed], [`${prefix}${part}pending`, f.pending], [`${prefix}${part}rate`, f.rate]);
  }
  return out;
}

/** Every figure of a group as (metric, value) pairs, in a fixed order. */
export function figurePairs(f: ReportFigures): [string, Cell][] {
  return [
    ["conversations", f.conversations],
    ["handed_off", f.handedOff],
    ["bot_resolved", f.botResolved],
    ["resolved", f.resolved],
    ["containment_rate", f.containmentRate],
    ["handoff_rate", f.handoffRate],
    ["first_response_count", f.firstResponse.count],
    ["first_response_p50_ms", f.firstResponse.p50Ms],
    ["first_response_p90_ms", f.firstResponse.p90Ms],
    ["first_response_business_count", f.firstResponseBusiness.count],
    ["first_response_business_p50_ms", f.firstResponseBusiness.p50Ms],
    ["first_response_business_p90_ms", f.firstResponseBusiness.p90Ms],
    ["resolution_count", f.resolution.count],
    ["resolution_p50_ms", f.resolution.p50Ms],
    ["resolution_p90_ms", f.resolution.p90Ms],
    ["csat_count", f.csat.count],
    ["csat_average", f.csat.average],
    ...([1, 2, 3, 4, 5] as const).map((n): [string, Cell] => [`csat_${n}`, f.csat.distribution[n]]),
    ...slaPairs("sla_", f.sla),
    ["complaints", f.complaints.conversations],
    ...slaPairs("complaint_sla_", f.complaints.sla),
  ];
}

const iso = (t: number) => new Date(t).toISOString();

/** The summary as a long table: section, key, name, metric, value — one figure per line. */
export function summaryCsv(s: ReportSummary): string {
  const w = s.window;
  const rows: Cell[][] = [["section", "key", "name", "metric", "value"]];
  const windowPairs: [string, Cell][] = [
    ["from", iso(w.from)],
    ["to", iso(w.to)],
    ["timezone", w.timezone],
    ["first_day", w.firstDay],
    ["last_day", w.lastDay],
    ["team", w.team],
    ["channel", w.channel],
  ];
  for (const [m, v] of windowPairs) rows.push(["window", null, null, m, v]);
  for (const [m, v] of figurePairs(s)) rows.push(["total", null, null, m, v]);
  for (const c of s.byChannel) rows.push(["channel", c.channel, null, "conversations", c.conversations]);
  for (const t of s.byTeam) rows.push(["team", t.team, t.name, "conversations", t.conversations]);
  for (const a of s.agents) {
    const pairs: [string, Cell][] = [
      ["conversations", a.conversations],
      ["first_response_p50_ms", a.firstResponseP50Ms],
      ["resolution_p50_ms", a.resolutionP50Ms],
      ["csat_count", a.csat.count],
      ["csat_average", a.csat.average],
      ["sla_met", a.sla.met],
      ["sla_missed", a.sla.missed],
      ["sla_pending", a.sla.pending],
      ["sla_rate", a.sla.rate],
    ];
    for (const [m, v] of pairs) rows.push(["agent", a.agentId, a.name, m, v]);
  }
  return toCsv(rows);
}

const NO_SLA = { met: 0, missed: 0, pending: 0, rate: null };
const NO_COMPLIANCE = { overall: NO_SLA, firstResponse: NO_SLA, resolution: NO_SLA };
const NO_TIMES = { count: 0, p50Ms: null, p90Ms: null };
/** Figures of nothing: where the column names come from. */
const NO_FIGURES: ReportFigures = {
  conversations: 0,
  handedOff: 0,
  botResolved: 0,
  resolved: 0,
  containmentRate: null,
  handoffRate: null,
  firstResponse: NO_TIMES,
  firstResponseBusiness: NO_TIMES,
  resolution: NO_TIMES,
  csat: { count: 0, average: null, distribution: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 } },
  sla: NO_COMPLIANCE,
  complaints: { conversations: 0, sla: NO_COMPLIANCE },
};

/** A breakdown as a wide table: one line per channel / team / label / agent. */
export function breakdownCsv(b: ReportBreakdown): string {
  const metrics = figurePairs(NO_FIGURES).map(([m]) => m);
  return toCsv([[b.by, "name", ...metrics], ...b.rows.map((r) => [r.key, r.name, ...figurePairs(r).map(([, v]) => v)])]);
}

/** The time series as a wide table: one line per local day. */
export function seriesCsv(s: ReportSeries): string {
  const header = [
    "date",
    "conversations",
    "handed_off",
    "bot_resolved",
    "first_response_p50_ms",
    "first_response_p90_ms",
    "first_response_business_p50_ms",
    "resolution_p50_ms",
    "csat_average",
    "csat_count",
  ];
  return toCsv([
    header,
    ...s.days.map((d) => [
      d.date,
      d.conversations,
      d.handedOff,
      d.botResolved,
      d.firstResponseP50Ms,
      d.firstResponseP90Ms,
      d.firstResponseBusinessP50Ms,
      d.resolutionP50Ms,
      d.csatAverage,
      d.csatCount,
    ]),
  ]);
}
