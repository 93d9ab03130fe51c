// Reports on a hand-checked data set (report-fixtures.ts): every figure of the summary, the
// breakdowns and the daily series, the filters, the CSV, and bad input and access.

import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./admin-helpers.ts";
import { login } from "./helpers.ts";
import { at, seedReportSite, type ReportSite } from "./report-fixtures.ts";

const MIN = 60_000;
const H = 60 * MIN;
const WEEK = "from=2026-03-02&to=2026-03-08";

let f: ReportSite;
let owner: string;

beforeAll(async () => {
  f = await seedReportSite();
  owner = await login(f.owner);
});

const get = <T = Record<string, any>>(path: string, cookie = owner) => api<T>(`/sites/${f.site}/reports/${path}`, { cookie });
const sla = (met: number, missed: number, pending: number) => ({ met, missed, pending, rate: met + missed ? met / (met + missed) : null });

describe("reports summary", () => {
  it("computes every figure of the week exactly", async () => {
    const r = await get(`summary?${WEEK}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    expect(r.body).toEqual({
      window: {
        from: at("2026-03-02 00:00"),
        to: at("2026-03-09 00:00"),
        timezone: "Asia/Shanghai",
        firstDay: "2026-03-02",
        lastDay: "2026-03-08",
        team: null,
        channel: null,
      },
      conversations: 9,
      handedOff: 7,
      botResolved: 1,
      resolved: 6,
      containmentRate: 1 / 9,
      handoffRate: 7 / 9,
      // 10 min, 15 h 15 min, 37 h 30 min, 60 min, 30 min, 20 min → sorted 10, 20, 30, 60 min, 15.25 h, 37.5 h.
      firstResponse: { count: 6, p50Ms: 30 * MIN, p90Ms: 37.5 * H },
      // Only open hours: 10, 15, 30, 30, 0, 20 min → 0, 10, 15, 20, 30, 30.
      firstResponseBusiness: { count: 6, p50Ms: 15 * MIN, p90Ms: 30 * MIN },
      // 60 min, 18 h 10 min, 39 h, 5 min, 8 h, 40 min → 5, 40, 60 min, 8 h, 18 h 10 min, 39 h.
      resolution: { count: 6, p50Ms: 60 * MIN, p90Ms: 39 * H },
      csat: { count: 6, average: 20 / 6, distribution: { "1": 1, "2": 1, "3": 1, "4": 1, "5": 2 } },
      sla: { overall: sla(3, 3, 1), firstResponse: sla(4, 3, 0), resolution: sla(4, 1, 2) },
      complaints: { conversations: 3, sla: { overall: sla(1, 2, 0), firstResponse: sla(1, 2, 0), resolution: sla(1, 1, 1) } },
      byChannel: [
        { channel: "web", conversations: 6 },
        { channel: "email", conversations: 2 },
        { channel: "sms", conversations: 1 },
      ],
      byTeam: [
        { team: "support", name: "Support", conversations: 5 },
        { team: null, name: null, conversations: 2 },
        { team: "complaints", name: "Complaints", conversations: 2 },
      ],
      agents: [
        {
          agentId: f.sam,
          name: "Sam Agent",
          conversations: 5,
          firstResponseP50Ms: 30 * MIN,
          resolutionP50Ms: 60 * MIN,
          csat: { count: 4, average: 15 / 4 },
          sla: sla(3, 1, 1),
        },
        {
          agentId: f.ada,
          name: "Ada Admin",
          conversations: 2,
          firstResponseP50Ms: 37.5 * H,
          resolutionP50Ms: 39 * H,
          csat: { count: 1, average: 1 },
          sla: sla(0, 2, 0),
        },
      ],
    });
  });

  it("filters by team and by channel", async () => {
    const support = (await get(`summary?${WEEK}&team=support`)).body;
    expect(support.window).toMatchObject({ team: "support", channel: null });
    expect(support).toMatchObject({
      conversations: 5,
      handedOff: 5,
      // 10 min, 15 h 15 min, 37 h 30 min, 30 min, 20 min → 10, 20, 30 min, 15.25 h, 37.5 h.
      firstResponse: { count: 5, p50Ms: 30 * MIN, p90Ms: 37.5 * H },
      csat: { count: 5, average: 16 / 5 },
      byTeam: [{ team: "support", conversations: 5 }],
    });
    const email = (await get(`summary?${WEEK}&channel=email`)).body;
    expect(email).toMatchObject({
      conversations: 2,
      byChannel: [{ channel: "email", conversations: 2 }],
      firstResponse: { count: 1, p50Ms: 37.5 * H, p90Ms: 37.5 * H },
      complaints: { conversations: 2, sla: { overall: sla(0, 2, 0) } },
      agents: [{ agentId: f.ada, conversations: 2 }],
    });
    const none = (await get(`summary?${WEEK}&team=support&channel=sms`)).body;
    expect(none).toMatchObject({
      conversations: 0,
      containmentRate: null,
      firstResponse: { count: 0, p50Ms: null },
      csat: { count: 0, average: null },
      agents: [],
    });
  });

  it("counts a whole local day at the window's edges, and nothing of the next", async () => {
    // Sunday alone holds c8 only (created 23:00 local); c10 at Monday 00:00 belongs to the next week.
    const sunday = (await get("summary?from=2026-03-08&to=2026-03-08")).body;
    expect(sunday).toMatchObject({ conversations: 1, handedOff: 1, window: { from: at("2026-03-08 00:00"), to: at("2026-03-09 00:00") } });
    // Instants are exact, `to` excluded: [Mon 09:00, Mon 17:50) holds c1 but not c2.
    const q = new URLSearchParams({ from: "2026-03-02T09:00:00+08:00", to: String(at("2026-03-02 17:50")) });
    expect((await get(`summary?${q}`)).body).toMatchObject({ conversations: 1, firstResponse: { p50Ms: 10 * MIN } });
  });
});

describe("reports breakdown and series", () => {
  it("breaks every figure down by label (a conversation counts under each of its labels)", async () => {
    const r = await get(`breakdown?${WEEK}&by=label`);
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: { key: string; conversations: number }) => [x.key, x.conversations])).toEqual([
      ["complaint", 3],
      ["billing", 2],
      ["shipping", 1],
    ]);
    // complaint: c3, c6, c8 — every figure.
    expect(r.body.rows[0]).toEqual({
      key: "complaint",
      name: null,
      conversations: 3,
      handedOff: 3,
      botResolved: 0,
      resolved: 2,
      containmentRate: 0,
      handoffRate: 1,
      firstResponse: { count: 2, p50Ms: 60 * MIN, p90Ms: 37.5 * H },
      firstResponseBusiness: { count: 2, p50Ms: 30 * MIN, p90Ms: 30 * MIN },
      resolution: { count: 2, p50Ms: 8 * H, p90Ms: 39 * H },
      csat: { count: 1, average: 1, distribution: { "1": 1, "2": 0, "3": 0, "4": 0, "5": 0 } },
      sla: { overall: sla(1, 2, 0), firstResponse: sla(1, 2, 0), resolution: sla(1, 1, 1) },
      complaints: { conversations: 3, sla: { overall: sla(1, 2, 0), firstResponse: sla(1, 2, 0), resolution: sla(1, 1, 1) } },
    });
    expect(r.body.rows[1]).toMatchObject({
      key: "billing",
      handedOff: 2,
      firstResponse: { count: 1, p50Ms: 37.5 * H },
      firstResponseBusiness: { count: 1, p50Ms: 30 * MIN },
      resolution: { count: 1, p50Ms: 39 * H },
      csat: { count: 1, average: 1 },
      sla: { overall: sla(0, 2, 0) },
    });
    expect(r.body.rows[2]).toMatchObject({
      key: "shipping",
      botResolved: 1,
      containmentRate: 1,
      resolution: { p50Ms: 5 * MIN },
      csat: { count: 1, average: 4 },
    });
  });

  it("breaks down by channel, team and agent", async () => {
    const byTeam = (await get(`breakdown?${WEEK}&by=team`)).body.rows;
    expect(byTeam.map((x: { key: string | null; name: string | null }) => [x.key, x.name])).toEqual([
      ["support", "Support"],
      [null, null],
      ["complaints", "Complaints"],
    ]);
    expect(byTeam[2]).toMatchObject({ conversations: 2, firstResponse: { count: 1, p50Ms: 60 * MIN }, firstResponseBusiness: { p50Ms: 30 * MIN } });
    const byChannel = (await get(`breakdown?${WEEK}&by=channel`)).body.rows;
    expect(byChannel[0]).toMatchObject({ key: "web", conversations: 6, handedOff: 4, botResolved: 1, csat: { count: 5, average: 19 / 5 } });
    const byAgent = (await get(`breakdown?${WEEK}&by=agent`)).body.rows;
    type Row = { key: string; name: string; conversations: number; firstResponseBusiness: { p50Ms: number } };
    expect(byAgent.map((x: Row) => [x.key, x.name, x.conversations, x.firstResponseBusiness.p50Ms])).toEqual([
      [f.sam, "Sam Agent", 5, 15 * MIN],
      [f.ada, "Ada Admin", 2, 30 * MIN],
    ]);
  });

  it("gives every local day of the window, empty days included", async () => {
    const r = await get(`timeseries?${WEEK}`);
    expect(r.status).toBe(200);
    const day = (date: string, o: Record<string, unknown>) => ({
      date,
      conversations: 0,
      handedOff: 0,
      botResolved: 0,
      firstResponseP50Ms: null,
      firstResponseP90Ms: null,
      firstResponseBusinessP50Ms: null,
      resolutionP50Ms: null,
      csatAverage: null,
      csatCount: 0,
      ...o,
    });
    expect(r.body.days).toEqual([
      day("2026-03-02", {
        conversations: 2,
        handedOff: 2,
        firstResponseP50Ms: 10 * MIN,
        firstResponseP90Ms: 15.25 * H,
        firstResponseBusinessP50Ms: 10 * MIN,
        resolutionP50Ms: 60 * MIN,
        csatAverage: 3.5,
        csatCount: 2,
      }),
      day("2026-03-03", {
        conversations: 2,
        handedOff: 2,
        firstResponseP50Ms: 20 * MIN,
        firstResponseP90Ms: 37.5 * H,
        firstResponseBusinessP50Ms: 20 * MIN,
        resolutionP50Ms: 40 * MIN,
        csatAverage: 3,
        csatCount: 3,
      }),
      day("2026-03-04", { conversations: 1, botResolved: 1, resolutionP50Ms: 5 * MIN, csatAverage: 4, csatCount: 1 }),
      day("2026-03-05", { conversations: 1 }),
      day("2026-03-06", {
        conversations: 1,
        handedOff: 1,
        firstResponseP50Ms: H,
        firstResponseP90Ms: H,
        firstResponseBusinessP50Ms: 30 * MIN,
        resolutionP50Ms: 8 * H,
      }),
      day("2026-03-07", { conversations: 1, handedOff: 1, firstResponseP50Ms: 30 * MIN, firstResponseP90Ms: 30 * MIN, firstResponseBusinessP50Ms: 0 }),
      day("2026-03-08", { conversations: 1, handedOff: 1 }),
    ]);
  });
});
