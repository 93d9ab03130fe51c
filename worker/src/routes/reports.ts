// Reports (/api/v1/sites/:site/reports/…): the summary (CONTRACT §4), a breakdown by channel, team,
// label or agent, and a per-day time series — JSON, or CSV with `?format=csv`. Admins only.

import { Hono, type Context } from "hono";
import { getSite } from "../db/sites.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { breakdownCsv, seriesCsv, summaryCsv } from "../reports/csv.ts";
import { breakdownReport, seriesReport, summaryReport, type ReportRequest } from "../reports/service.ts";
import { parseWindow } from "../reports/window.ts";
import { BreakdownQuery, ReportBreakdownSchema, ReportQuery, ReportSeriesSchema, ReportSummarySchema } from "../schemas/report.ts";

export const reportRoutes = new Hono<AppEnv>();

const CSV_NOTE = "With `format=csv` the same report comes as a CSV download (`text/csv`, UTF-8 with a BOM).";
const DEFINITIONS = "Every figure is defined in the README (Reports); all of them are about the conversations *created* in the window.";

/** The site, the window read in its zone, and the filters; bad dates are a 400 naming the field. */
async function requestOf(
  c: Context<AppEnv>,
  q: { from?: string | undefined; to?: string | undefined; team?: string | undefined; channel?: string | undefined },
) {
  const site = await getSite(c.env.DB, c.req.param("site")!);
  if (!site) throw new AppError(404, "not_found", "No such site.");
  const window = parseWindow(q, site.timezone, Date.now());
  if (!window.ok) throw new AppError(400, "invalid", window.message, { field: window.field });
  return { site, window, team: q.team || null, channel: q.channel || null } satisfies ReportRequest;
}

/** Reports hold per-agent figures: never cached by anything between us and the admin. */
const PRIVATE = { "Cache-Control": "private, no-store" };

function csv(r: ReportRequest, kind: string, body: string): Response {
  const name = `parley-${kind}-${r.site.id.replace(/[^\w-]/g, "_")}-${r.window.firstDay}-to-${r.window.lastDay}.csv`;
  return new Response(body, { headers: { ...PRIVATE, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
}

endpoint(
  reportRoutes,
  {
    method: "get",
    path: "/sites/:site/reports/summary",
    tag: "Reports",
    summary: "Service quality in numbers: volume, first response, resolution, CSAT, bot containment, SLA, per agent",
    description: `${DEFINITIONS} ${CSV_NOTE}`,
    access: "user",
    role: "admin",
    query: ReportQuery,
    responses: { 200: { description: "The summary", schema: ReportSummarySchema } },
  },
  async (c, { query }) => {
    const r = await requestOf(c, query);
    const report = await summaryReport(c.env.DB, r);
    return query.format === "csv" ? csv(r, "summary", summaryCsv(report)) : c.json(report, 200, PRIVATE);
  },
);

endpoint(
  reportRoutes,
  {
    method: "get",
    path: "/sites/:site/reports/breakdown",
    tag: "Reports",
    summary: "Every figure per channel, team, label or agent",
    description: `${DEFINITIONS} A conversation with several labels counts under each; one without a team is the row with key null. ${CSV_NOTE}`,
    access: "user",
    role: "admin",
    query: BreakdownQuery,
    responses: { 200: { description: "One row per group, largest first", schema: ReportBreakdownSchema } },
  },
  async (c, { query }) => {
    const r = await requestOf(c, query);
    const report = await breakdownReport(c.env.DB, r, query.by);
    return query.format === "csv" ? csv(r, `by-${query.by}`, breakdownCsv(report)) : c.json(report, 200, PRIVATE);
  },
);

endpoint(
  reportRoutes,
  {
    method: "get",
    path: "/sites/:site/reports/timeseries",
    tag: "Reports",
    summary: "The figures per local day of the window (conversations, hand-offs, first response, CSAT)",
    description: `${DEFINITIONS} Days are the site's local dates; days without conversations are included. ${CSV_NOTE}`,
    access: "user",
    role: "admin",
    query: ReportQuery,
    responses: { 200: { description: "One entry per day", schema: ReportSeriesSchema } },
  },
  async (c, { query }) => {
    const r = await requestOf(c, query);
    const report = await seriesReport(c.env.DB, r);
    return query.format === "csv" ? csv(r, "daily", seriesCsv(report)) : c.json(report, 200, PRIVATE);
  },
);
