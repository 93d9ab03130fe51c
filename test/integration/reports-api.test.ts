// The reports API around the figures: CSV downloads, the default window, bad input (400 naming the
// field), who may read reports, an always-open site, and a real conversation flowing into the report.

import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "./admin-helpers.ts";
import { conversation, post, read } from "./conversation-fixtures.ts";
import { call, login, seedSite } from "./helpers.ts";
import { at, seedReportSite, type ReportSite } from "./report-fixtures.ts";
import { widgetCall } from "./widget-helpers.ts";

const MIN = 60_000;
const WEEK = "from=2026-03-02&to=2026-03-08";

let f: ReportSite;
let owner: string;

beforeAll(async () => {
  f = await seedReportSite();
  owner = await login(f.owner);
});

/** CSV lines split into cells (the fixture has no quoted cells; text() has already dropped the BOM). */
function lines(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((l) => l.split(","));
}

describe("report CSV", () => {
  it("downloads the summary as one figure per line", async () => {
    const r = await api<string>(`/sites/${f.site}/reports/summary?${WEEK}&format=csv`, { cookie: owner });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe(`attachment; filename="parley-summary-${f.site}-2026-03-02-to-2026-03-08.csv"`);
    const rows = lines(r.body);
    expect(rows[0]).toEqual(["section", "key", "name", "metric", "value"]);
    expect(rows).toContainEqual(["window", "", "", "timezone", "Asia/Shanghai"]);
    expect(rows).toContainEqual(["window", "", "", "from", new Date(at("2026-03-02 00:00")).toISOString()]);
    expect(rows).toContainEqual(["total", "", "", "conversations", "9"]);
    expect(rows).toContainEqual(["total", "", "", "first_response_p50_ms", String(30 * MIN)]);
    expect(rows).toContainEqual(["total", "", "", "first_response_business_p90_ms", String(30 * MIN)]);
    expect(rows).toContainEqual(["total", "", "", "csat_5", "2"]);
    expect(rows).toContainEqual(["total", "", "", "sla_rate", "0.5"]);
    expect(rows).toContainEqual(["total", "", "", "complaint_sla_resolution_pending", "1"]);
    expect(rows).toContainEqual(["channel", "sms", "", "conversations", "1"]);
    expect(rows).toContainEqual(["team", "complaints", "Complaints", "conversations", "2"]);
    expect(rows).toContainEqual(["agent", f.sam, "Sam Agent", "csat_average", "3.75"]);
    expect(rows).toContainEqual(["agent", f.ada, "Ada Admin", "sla_rate", "0"]);
    expect(rows.every((row) => row.length === 5)).toBe(true);
    // UTF-8 with a byte-order mark, so spreadsheet programs read Chinese names right.
    const raw = await call(`/api/v1/sites/${f.site}/reports/summary?${WEEK}&format=csv`, { cookie: owner });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("downloads a breakdown and the daily series as tables", async () => {
    const b = await api<string>(`/sites/${f.site}/reports/breakdown?${WEEK}&by=label&format=csv`, { cookie: owner });
    expect(b.headers.get("content-disposition")).toContain(`parley-by-label-${f.site}-2026-03-02-to-2026-03-08.csv`);
    const rows = lines(b.body);
    expect(rows[0]!.slice(0, 5)).toEqual(["label", "name", "conversations", "handed_off", "bot_resolved"]);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["complaint", "3"],
      ["billing", "2"],
      ["shipping", "1"],
    ]);
    const s = lines((await api<string>(`/sites/${f.site}/reports/timeseries?${WEEK}&format=csv`, { cookie: owner })).body);
    expect(s).toHaveLength(8);
    expect(s[1]).toEqual(["2026-03-02", "2", "2", "0", String(10 * MIN), String(15.25 * 60 * MIN), String(10 * MIN), String(60 * MIN), "3.5", "2"]);
  });
});

describe("report input and access", () => {
  it("refuses bad input with the field named, and changes nothing", async () => {
    const bad: [string, string][] = [
      ["from=2026-02-30", "from"],
      ["from=yesterday", "from"],
      ["to=2026-13-01", "to"],
      ["from=2026-03-08&to=2026-03-02", "to"],
      ["from=2025-03-06&to=2026-03-08", "from"],
      ["channel=fax", "channel"],
      ["team=Not a team", "team"],
      ["format=xml", "format"],
    ];
    for (const [q, field] of bad) {
      const r = await api(`/sites/${f.site}/reports/summary?${q}`, { cookie: owner });
      expect([q, r.status, r.body.error?.field]).toEqual([q, 400, field]);
    }
    const by = await api(`/sites/${f.site}/reports/breakdown?${WEEK}&by=colour`, { cookie: owner });
    expect([by.status, by.body.error.field]).toEqual([400, "by"]);
    const missing = await api(`/sites/${f.site}/reports/breakdown?${WEEK}`, { cookie: owner });
    expect([missing.status, missing.body.error.field]).toEqual([400, "by"]);
    const channel = await api(`/sites/${f.site}/reports/summary?channel=fax`, { cookie: owner });
    expect(channel.body.error.message).toBe("channel: must be one of web, email, telegram, whatsapp, sms, api");
    // Empty filters (as a form sends them) mean "all".
    const empty = await api(`/sites/${f.site}/reports/summary?${WEEK}&team=&channel=&from=2026-03-02`, { cookie: owner });
    expect([empty.status, empty.body.conversations, empty.body.window.team, empty.body.window.channel]).toEqual([200, 9, null, null]);
  });

  it("defaults to the last 30 local days, today included", async () => {
    const r = await api(`/sites/${f.site}/reports/summary`, { cookie: owner });
    expect(r.status).toBe(200);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(r.body.window.lastDay).toBe(today);
    expect(r.body.window.to - r.body.window.from).toBe(30 * 24 * 60 * MIN);
    expect(r.body.conversations).toBe(0);
  });

  it("is for the site's admins (and their API tokens) only", async () => {
    expect((await api(`/sites/${f.site}/reports/summary`)).status).toBe(401);
    const agent = await login(f.owner.replace("admin+", "agent+"));
    for (const path of ["summary", "breakdown?by=agent", "timeseries", "summary?format=csv"]) {
      expect((await api(`/sites/${f.site}/reports/${path}`, { cookie: agent })).status).toBe(403);
    }
    const stranger = await login((await seedSite()).owner);
    expect((await api(`/sites/${f.site}/reports/summary`, { cookie: stranger })).status).toBe(403);
    const token = await api("/tokens", { method: "POST", cookie: owner, body: { site: f.site, name: "BI export", role: "admin" } });
    const viaToken = await api(`/sites/${f.site}/reports/summary?${WEEK}`, { token: token.body.secret, origin: null });
    expect(viaToken.status).toBe(200);
    expect(viaToken.body.conversations).toBe(9);
  });
});

describe("reports on real data", () => {
  it("counts business time as calendar time for a site that is always open", async () => {
    const s = await seedSite();
    const night = Date.parse("2026-03-07T03:00:00+08:00");
    await env.DB.prepare(
      "INSERT INTO conversations (id, site_id, contact_id, channel, status, labels, handoff_at, first_response_at, created_at, updated_at) VALUES (?, ?, 'k', 'web', 'assigned', '[]', ?, ?, ?, ?)",
    )
      .bind(`${s.site}-n1`, s.site, night, night + 7 * MIN, night, night)
      .run();
    const r = await api(`/sites/${s.site}/reports/summary?from=2026-03-07&to=2026-03-07`, { cookie: await login(s.owner) });
    expect(r.body.firstResponse).toEqual({ count: 1, p50Ms: 7 * MIN, p90Ms: 7 * MIN });
    expect(r.body.firstResponseBusiness).toEqual(r.body.firstResponse);
  });

  it("reads the timestamps a real conversation records: hand-off, first agent reply, resolution, rating", async () => {
    const c = await conversation();
    await c.stub.advanceClockForTests(7 * MIN);
    expect((await post(`/api/v1/conversations/${c.conversationId}/messages`, c.agentCookie, { text: "Hi, I'm on it." })).status).toBe(201);
    await c.stub.advanceClockForTests(3 * MIN);
    expect((await post(`/api/v1/conversations/${c.conversationId}/status`, c.agentCookie, { status: "resolved" })).status).toBe(200);
    expect((await widgetCall(c.site, `/conversations/${c.conversationId}/csat`, { token: c.token, body: { rating: 4 } })).status).toBe(201);
    const { conversation: conv } = await read(c);
    const [handoffAt, firstResponseAt, resolvedAt, createdAt] = [conv.handoffAt, conv.firstResponseAt, conv.resolvedAt, conv.createdAt] as number[];
    expect(firstResponseAt! - handoffAt!).toBeGreaterThanOrEqual(7 * MIN);

    const r = await api(`/sites/${c.site}/reports/summary`, { cookie: c.ownerCookie });
    expect(r.body).toMatchObject({
      conversations: 1,
      handedOff: 1,
      resolved: 1,
      botResolved: 0,
      firstResponse: { count: 1, p50Ms: firstResponseAt! - handoffAt! },
      firstResponseBusiness: { count: 1, p50Ms: firstResponseAt! - handoffAt! },
      resolution: { count: 1, p50Ms: resolvedAt! - createdAt! },
      csat: { count: 1, average: 4, distribution: { "4": 1 } },
      sla: { overall: { met: 1, missed: 0, pending: 0, rate: 1 } },
      agents: [{ agentId: c.agentId, conversations: 1, csat: { count: 1, average: 4 } }],
    });
  });
});
