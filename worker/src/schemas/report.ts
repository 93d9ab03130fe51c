// Request and response schemas of the reports API (the query is validated with them; the responses
// describe what reports/service.ts returns, for the OpenAPI document).

import { z } from "@hono/zod-openapi";
import { REPORT_DIMENSIONS } from "../../../protocol/src/reports.ts";
import { CHANNELS } from "../../../protocol/src/types.ts";
import { Slug } from "./common.ts";

const Bound = z.string().max(40, "must be at most 40 characters");

export const ReportQuery = z.object({
  from: Bound.optional().openapi({
    description:
      "Start: a date `YYYY-MM-DD` in the site's zone (from its first moment), an ISO time with a zone, or epoch ms. Default: 29 days before `to`'s day.",
  }),
  to: Bound.optional().openapi({
    description: "End: a date `YYYY-MM-DD` (that whole day included), or an ISO time / epoch ms (excluded). Default: the end of today in the site's zone.",
  }),
  team: Slug.or(z.literal("")).optional().openapi({ description: "Only conversations of this team (empty: every team)." }),
  channel: z
    .union([z.enum(CHANNELS), z.literal("")], "must be one of web, email, telegram, whatsapp, sms, api")
    .optional()
    .openapi({ description: "Only conversations on this channel (empty: every channel)." }),
  format: z.enum(["json", "csv"], "must be json or csv").optional().openapi({ description: "`csv` downloads the report as CSV (UTF-8)." }),
});

export const BreakdownQuery = ReportQuery.extend({
  by: z.enum(REPORT_DIMENSIONS, "must be one of channel, team, label, agent").openapi({ description: "The grouping." }),
});

const Ms = z.number().int().nullable().openapi({ description: "Milliseconds; null when nothing was measured." });
const Rate = z.number().nullable().openapi({ description: "A fraction from 0 to 1; null when nothing was counted." });
const Percentiles = z.object({ count: z.number().int(), p50Ms: Ms, p90Ms: Ms }).openapi("ReportPercentiles");
const Sla = z.object({ met: z.number().int(), missed: z.number().int(), pending: z.number().int(), rate: Rate }).openapi("ReportSla");
const Compliance = z.object({ overall: Sla, firstResponse: Sla, resolution: Sla }).openapi("ReportSlaCompliance");
const Csat = z
  .object({
    count: z.number().int(),
    average: z.number().nullable(),
    distribution: z.object({ "1": z.number().int(), "2": z.number().int(), "3": z.number().int(), "4": z.number().int(), "5": z.number().int() }),
  })
  .openapi("ReportCsat");

const Window = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    timezone: z.string(),
    firstDay: z.string(),
    lastDay: z.string(),
    team: z.string().nullable(),
    channel: z.string().nullable(),
  })
  .openapi("ReportWindow");

const Figures = {
  conversations: z.number().int(),
  handedOff: z.number().int(),
  botResolved: z.number().int(),
  resolved: z.number().int(),
  containmentRate: Rate,
  handoffRate: Rate,
  firstResponse: Percentiles,
  firstResponseBusiness: Percentiles,
  resolution: Percentiles,
  csat: Csat,
  sla: Compliance,
  complaints: z.object({ conversations: z.number().int(), sla: Compliance }),
};

export const ReportSummarySchema = z
  .object({
    window: Window,
    ...Figures,
    byChannel: z.array(z.object({ channel: z.string(), conversations: z.number().int() })),
    byTeam: z.array(z.object({ team: z.string().nullable(), name: z.string().nullable(), conversations: z.number().int() })),
    agents: z.array(
      z.object({
        agentId: z.string(),
        name: z.string().nullable(),
        conversations: z.number().int(),
        firstResponseP50Ms: Ms,
        resolutionP50Ms: Ms,
        csat: z.object({ count: z.number().int(), average: z.number().nullable() }),
        sla: Sla,
      }),
    ),
  })
  .openapi("ReportSummary");

export const ReportBreakdownSchema = z
  .object({
    window: Window,
    by: z.enum(REPORT_DIMENSIONS),
    rows: z.array(z.object({ key: z.string().nullable(), name: z.string().nullable(), ...Figures })),
  })
  .openapi("ReportBreakdown");

export const ReportSeriesSchema = z
  .object({
    window: Window,
    days: z.array(
      z.object({
        date: z.string(),
        conversations: z.number().int(),
        handedOff: z.number().int(),
        botResolved: z.number().int(),
        firstResponseP50Ms: Ms,
        firstResponseP90Ms: Ms,
        firstResponseBusinessP50Ms: Ms,
        resolutionP50Ms: Ms,
        csatAverage: z.number().nullable(),
        csatCount: z.number().int(),
      }),
    ),
  })
  .openapi("ReportSeries");
