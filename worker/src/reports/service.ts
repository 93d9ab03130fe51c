// Builds the reports: the window's step tables (business hours, local days) from the site's zone,
// then the grouped figures from D1, shaped for the API (summary, breakdown, time series).

import type { BreakdownRow, ReportBreakdown, ReportDimension, ReportSeries, ReportSummary, ReportWindow } from "../../../protocol/src/reports.ts";
import { countByChannelAndTeam, groupStats, lastFirstResponse, type GroupRow, type ReportScope, type ReportTables } from "../db/reports.ts";
import type { Site } from "../db/sites.ts";
import { alwaysOpen, businessCalendar, datesBetween, dayTable, DAY_MS } from "./calendar.ts";
import { agentRowOf, figuresOf, seriesDayOf } from "./figures.ts";
import type { Window } from "./window.ts";

/** Business time is counted up to two years after the window; a first response later than that has none. */
const CALENDAR_REACH_MS = 731 * DAY_MS;

export interface ReportRequest {
  site: Pick<Site, "id" | "timezone" | "businessHours">;
  window: Window;
  team: string | null;
  channel: string | null;
}

function scopeOf(r: ReportRequest): ReportScope {
  return { siteId: r.site.id, from: r.window.from, to: r.window.to, team: r.team, channel: r.channel };
}

/** The report window as the API describes it. */
export function windowOf(r: ReportRequest): ReportWindow {
  return {
    from: r.window.from,
    to: r.window.to,
    timezone: r.site.timezone,
    firstDay: r.window.firstDay,
    lastDay: r.window.lastDay,
    team: r.team,
    channel: r.channel,
  };
}

/** The step tables the SQL needs: the business calendar up to the last first response, local days if asked. */
async function tablesFor(db: D1Database, r: ReportRequest, days: boolean): Promise<ReportTables> {
  const scope = scopeOf(r);
  let calendar: ReportTables["calendar"] = null;
  if (!alwaysOpen(r.site.businessHours)) {
    const last = await lastFirstResponse(db, scope);
    const end = Math.min(Math.max(scope.to, (last ?? 0) + 1), scope.to + CALENDAR_REACH_MS);
    calendar = businessCalendar(scope.from, end, r.site.timezone, r.site.businessHours);
  }
  return { calendar, days: days ? dayTable(scope.from, scope.to, r.site.timezone) : [] };
}

/** A group with nothing in it (an empty window has no rows at all). */
function emptyRow(dim: GroupRow["dim"], k: string | null): GroupRow {
  const zero = { n: 0, handed: 0, resolved: 0, contained: 0, cx: 0, cx_handed: 0, frt_n: 0, frtb_n: 0, res_n: 0, csat_n: 0, csat_sum: 0 };
  const sla = Object.fromEntries(
    ["met", "missed", "fr_met", "fr_missed", "res_met", "res_missed"].flatMap((s) => [
      [s, 0],
      [`cx_${s}`, 0],
    ]),
  );
  const none = { frt_p50: null, frt_p90: null, frtb_p50: null, frtb_p90: null, res_p50: null, res_p90: null };
  return { dim, k, name: null, ...zero, ...sla, ...none, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0 } as GroupRow;
}

const byVolume = (a: { conversations: number; name?: string | null }, b: { conversations: number; name?: string | null }) =>
  b.conversations - a.conversations || (a.name ?? "").localeCompare(b.name ?? "");

/**
 * GET …/reports/summary: the headline figures, volume by channel and team, and one row per agent
 * (the agent breakdown has every other figure per agent; the summary leaves them out: less sorting).
 */
export async function summaryReport(db: D1Database, r: ReportRequest): Promise<ReportSummary> {
  const tables = await tablesFor(db, r, false);
  const [rows, counts] = await Promise.all([
    groupStats(db, scopeOf(r), ["total", "agent"], tables, { businessDims: ["total"], liteDims: ["agent"] }),
    countByChannelAndTeam(db, scopeOf(r)),
  ]);
  const total = rows.find((x) => x.dim === "total") ?? emptyRow("total", "");
  return {
    window: windowOf(r),
    ...figuresOf(total),
    byChannel: counts.filter((c) => c.dim === "channel").map((c) => ({ channel: c.k ?? "", conversations: c.n })),
    byTeam: counts.filter((c) => c.dim === "team").map((c) => ({ team: c.k, name: c.name, conversations: c.n })),
    agents: rows
      .filter((x) => x.dim === "agent")
      .map(agentRowOf)
      .sort(byVolume),
  };
}

/** GET …/reports/breakdown?by=: every figure per channel, team, label or agent, largest first. */
export async function breakdownReport(db: D1Database, r: ReportRequest, by: ReportDimension): Promise<ReportBreakdown> {
  const tables = await tablesFor(db, r, false);
  const rows: BreakdownRow[] = (await groupStats(db, scopeOf(r), [by], tables)).map((x) => ({
    key: x.k === "" && by === "team" ? null : x.k,
    name: x.name,
    ...figuresOf(x),
  }));
  return { window: windowOf(r), by, rows: rows.sort(byVolume) };
}

/** GET …/reports/timeseries: the figures per local day of the window, days without conversations included. */
export async function seriesReport(db: D1Database, r: ReportRequest): Promise<ReportSeries> {
  const tables = await tablesFor(db, r, true);
  const rows = new Map((await groupStats(db, scopeOf(r), ["day"], tables)).map((x) => [x.k, x]));
  return { window: windowOf(r), days: datesBetween(r.window.firstDay, r.window.lastDay).map((d) => seriesDayOf(d, rows.get(d))) };
}
