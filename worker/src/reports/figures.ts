// Turns the report SQL's raw sums into the published figures: rates, averages, SLA outcomes.

import type { AgentReportRow, CsatFigure, ReportFigures, SeriesDay, SlaCompliance, SlaFigure } from "../../../protocol/src/reports.ts";
import type { GroupRow } from "../db/reports.ts";

/** a / b, or null when nothing was counted. */
export function rate(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function sla(handed: number, met: number, missed: number): SlaFigure {
  return { met, missed, pending: handed - met - missed, rate: rate(met, met + missed) };
}

function compliance(r: GroupRow, handed: number, complaint: boolean): SlaCompliance {
  const p = complaint ? "cx_" : "";
  const v = (k: string) => r[`${p}${k}` as keyof GroupRow] as number;
  return {
    overall: sla(handed, v("met"), v("missed")),
    firstResponse: sla(handed, v("fr_met"), v("fr_missed")),
    resolution: sla(handed, v("res_met"), v("res_missed")),
  };
}

function csat(r: GroupRow): CsatFigure {
  return { count: r.csat_n, average: rate(r.csat_sum, r.csat_n), distribution: { "1": r.r1, "2": r.r2, "3": r.r3, "4": r.r4, "5": r.r5 } };
}

/** Every figure of one group. */
export function figuresOf(r: GroupRow): ReportFigures {
  return {
    conversations: r.n,
    handedOff: r.handed,
    botResolved: r.contained,
    resolved: r.resolved,
    containmentRate: rate(r.contained, r.n),
    handoffRate: rate(r.handed, r.n),
    firstResponse: { count: r.frt_n, p50Ms: r.frt_p50, p90Ms: r.frt_p90 },
    firstResponseBusiness: { count: r.frtb_n, p50Ms: r.frtb_p50, p90Ms: r.frtb_p90 },
    resolution: { count: r.res_n, p50Ms: r.res_p50, p90Ms: r.res_p90 },
    csat: csat(r),
    sla: compliance(r, r.handed, false),
    complaints: { conversations: r.cx, sla: compliance(r, r.cx_handed, true) },
  };
}

/** The per-agent row of the summary. */
export function agentRowOf(r: GroupRow): AgentReportRow {
  return {
    agentId: r.k ?? "",
    name: r.name,
    conversations: r.n,
    firstResponseP50Ms: r.frt_p50,
    resolutionP50Ms: r.res_p50,
    csat: { count: r.csat_n, average: rate(r.csat_sum, r.csat_n) },
    sla: sla(r.handed, r.met, r.missed),
  };
}

/** One day of the time series. */
export function seriesDayOf(date: string, r: GroupRow | undefined): SeriesDay {
  return {
    date,
    conversations: r?.n ?? 0,
    handedOff: r?.handed ?? 0,
    botResolved: r?.contained ?? 0,
    firstResponseP50Ms: r?.frt_p50 ?? null,
    firstResponseP90Ms: r?.frt_p90 ?? null,
    firstResponseBusinessP50Ms: r?.frtb_p50 ?? null,
    resolutionP50Ms: r?.res_p50 ?? null,
    csatAverage: r ? rate(r.csat_sum, r.csat_n) : null,
    csatCount: r?.csat_n ?? 0,
  };
}
