// Reports benchmark: how long the summary takes for a site with 100,000 conversations in the window.
// A fresh local installation (wrangler dev, new state folder) gets 30 days of generated history for
// the demo site (with business hours, the heavier path), then GET …/reports/summary is timed over HTTP
// as the admin page calls it (session cookie, D1 under workerd). The breakdown and daily series the
// page also loads are timed too. Run: `npm run bench:reports`; importable as benchReports().

import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SITE, toSqlScript } from "../worker/src/db/seed.ts";
import { demoHistory } from "../worker/src/db/demo-history.ts";
import { addDays, localDate } from "../worker/src/reports/calendar.ts";
import { ensureDevVars, executeSql, prepareLocalState, startDevServer } from "../scripts/lib/dev-server.ts";
import { cpuByRole, scratchDir } from "./lib/proc.ts";
import { workerdProcesses } from "./targets/relay-target.ts";
import { percentile, round } from "./lib/stats.ts";

/** The budget: the summary for 100,000 conversations answers in under a second locally. */
export const REPORTS_BUDGET_MS = 1000;
const TZ = "Asia/Shanghai";
const HOURS = {
  weekly: { "1": [["09:00", "18:00"]], "2": [["09:00", "18:00"]], "3": [["09:00", "18:00"]], "4": [["09:00", "18:00"]], "5": [["09:00", "18:00"]] },
  holidays: [] as string[],
};

export interface ReportsBenchResult {
  conversations: number;
  csatAnswers: number;
  requests: number;
  seedMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** workerd runtime CPU per summary request: steadier than wall time on a busy machine. */
  serverCpuMs: number;
  breakdownP50Ms: number;
  timeseriesP50Ms: number;
  withinBudget: boolean;
}

async function timed(url: string, cookie: string, n: number): Promise<{ samples: number[]; last: Record<string, any> }> {
  const samples: number[] = [];
  let last: Record<string, any> = {};
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = (await res.json()) as Record<string, any>;
    samples.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    last = body;
  }
  return { samples, last };
}

/** Seeds 100,000 conversations, starts wrangler dev, times the reports; cleans up after itself. */
export async function benchReports(ctx: { quick?: boolean } = {}): Promise<ReportsBenchResult> {
  const state = scratchDir("parley-reports-");
  const now = Date.now();
  const today = localDate(now, TZ);
  ensureDevVars();
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined;
  try {
    const t0 = performance.now();
    await prepareLocalState(state);
    // 30 days × ~3,700 a weekday (weekends less) ≈ 100,000 conversations, all in the window below.
    const statements = demoHistory({
      site: DEMO_SITE,
      timezone: TZ,
      days: 30,
      perDay: 3980,
      agents: DEMO_LOGINS.map((u) => u.id).reverse(),
      contacts: 20_000,
      now,
    });
    const hours = { ...HOURS, holidays: [addDays(today, -10)] };
    statements.push({ sql: "UPDATE sites SET business_hours = ? WHERE id = ?", params: [JSON.stringify(hours), DEMO_SITE] });
    executeSql(state, toSqlScript(statements), "reports-bench.sql");
    const seedMs = performance.now() - t0;
    server = await startDevServer({ persistTo: state, quiet: true });
    const owner = DEMO_LOGINS.find((u) => u.role === "owner")!;
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith("parley_session="))
      ?.split(";")[0];
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    const q = `from=${addDays(today, -30)}&to=${addDays(today, -1)}`;
    const base = `${server.url}/api/v1/sites/${DEMO_SITE}/reports`;
    const runs = ctx.quick ? 5 : 15;
    await timed(`${base}/summary?${q}`, cookie, 2); // warm-up: isolate, D1 page cache
    const procs = workerdProcesses(server.process.pid, server.port).filter((p) => p.role === "runtime");
    const cpuBefore = cpuByRole(procs).runtime ?? Number.NaN;
    const summary = await timed(`${base}/summary?${q}`, cookie, runs);
    const serverCpuMs = ((cpuByRole(procs).runtime ?? Number.NaN) - cpuBefore) / runs;
    const breakdown = await timed(`${base}/breakdown?${q}&by=label`, cookie, Math.ceil(runs / 3));
    const series = await timed(`${base}/timeseries?${q}`, cookie, Math.ceil(runs / 3));
    const p50 = round(percentile(summary.samples, 50), 1);
    return {
      conversations: summary.last.conversations,
      csatAnswers: summary.last.csat.count,
      requests: runs,
      seedMs: Math.round(seedMs),
      p50Ms: p50,
      p99Ms: round(percentile(summary.samples, 99), 1),
      maxMs: round(Math.max(...summary.samples), 1),
      serverCpuMs: round(serverCpuMs, 1),
      breakdownP50Ms: round(percentile(breakdown.samples, 50), 1),
      timeseriesP50Ms: round(percentile(series.samples, 50), 1),
      withinBudget: p50 < REPORTS_BUDGET_MS,
    };
  } finally {
    await server?.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchReports({ quick: process.argv.includes("--quick") });
  console.log(JSON.stringify(r, null, 2));
  console.log(
    `\nsummary for ${r.conversations.toLocaleString("en")} conversations: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, server CPU ${r.serverCpuMs} ms a request (budget < ${REPORTS_BUDGET_MS} ms)`,
  );
  if (process.argv.includes("--check") && !r.withinBudget) process.exit(1);
}
