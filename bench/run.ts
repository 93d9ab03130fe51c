// `npm run bench`: every benchmark in one run — widget weight, message latency and server CPU for
// Parley next to the minimal Durable Object relay (the platform floor) and a minimal Node `ws` relay
// (the reference), idle cost, triage, fan-out to agent consoles, reports — printed as one table and
// written to bench/results.json. Options: --quick (short smoke run), --check (exit 1 when a budget in
// bench/budgets.json is broken), --deterministic (only the in-process figures: what CI checks),
// --sections=chat,idle,… and --targets=parley,doRelay,nodeRelay to run a part, --no-pin, --print
// (print the last run's table again).

import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { buildAll } from "../scripts/build.ts";
import { root } from "../scripts/lib/dev-server.ts";
import { check, formatVerdicts, loadBudgets } from "./lib/budgets.ts";
import { runOptional, type OptionalContext } from "./lib/optional.ts";
import { canPin, pin } from "./lib/proc.ts";
import { FULL, QUICK } from "./lib/profile.ts";
import { metricsOf, type Results, type TargetKey } from "./lib/results.ts";
import { closeAll } from "./lib/sockets.ts";
import { printReport } from "./lib/report.ts";
import { measureChat } from "./scenarios/chat.ts";
import { measureFanout } from "./scenarios/fanout.ts";
import { measureIdle } from "./scenarios/idle.ts";
import { ParleyTarget } from "./targets/parley.ts";
import { DoRelayTarget, NodeRelayTarget } from "./targets/relay-target.ts";
import type { Target } from "./targets/target.ts";

const argv = process.argv.slice(2);
const flag = (f: string) => argv.includes(f);
const list = (f: string) =>
  argv
    .find((a) => a.startsWith(`${f}=`))
    ?.slice(f.length + 1)
    .split(",");
const p = flag("--quick") ? QUICK : FULL;
const deterministic = flag("--deterministic");
const sections = list("--sections");
const targets = list("--targets");
const want = (s: string) => (!sections || sections.includes(s)) && (!deterministic || s === "widget" || s === "triage");
const wantTarget = (t: TargetKey) => !targets || targets.includes(t);
const here = fileURLToPath(new URL(".", import.meta.url));
const pinned = canPin && !flag("--no-pin") && !deterministic;

if (flag("--print")) {
  // Re-prints the table of the last run (bench/results.json) without measuring anything.
  printReport(JSON.parse(readFileSync(`${here}results.json`, "utf8")) as Results);
  process.exit(0);
}

const started = Date.now();
const log = (line: string) => console.log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${line}`);
const active = new Set<Target>();
const stopAll = async () => Promise.all([...active].map((t) => t.stop().catch(() => undefined)));
const watchdog = setTimeout(async () => {
  log(`deadline of ${p.deadlineMs / 60_000} min reached: stopping every server`);
  await stopAll();
  process.exit(2);
}, p.deadlineMs);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stopAll().then(() => process.exit(130)));
// Servers run in process groups of their own: whatever ends this process must not leave them running.
process.on("exit", () => active.forEach((t) => t.kill()));

// The load generator and the server under test each get a core of their own where there are two.
if (pinned) pin([process.pid], 0);
const results: Results = {
  version: 1,
  profile: p.name,
  mode: deterministic ? "deterministic" : "all",
  startedAt: new Date(started).toISOString(),
  durationS: 0,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "?", loadAvg: loadavg().map((l) => +l.toFixed(2)), node: process.version, pinned },
  chat: {},
  idle: {},
  metrics: {},
  budgets: [],
};
const ctx: OptionalContext = { quick: p.name === "quick", root };
const failed: string[] = [];
const error = (what: string, e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  failed.push(`${what}: ${message}`);
  log(`${what} failed: ${message}`);
  return { error: message };
};

log(`profile ${p.name}${deterministic ? " (deterministic only)" : ""}; building the assets`);
await buildAll();

if (want("widget"))
  results.widget = await runOptional("widget-size.ts", "widget", ["measureWidgetSize", "widgetSizes", "widgetSize", "runWidgetSizeBench"], ctx);
if (want("triage")) results.triage = await runOptional("triage.ts", "triage", ["runTriageBench", "benchTriage", "measureTriage"], ctx);
for (const o of [results.widget, results.triage]) if (o) log(`${o.file}: ${o.status}${o.status === "error" ? ` — ${o.error}` : ""}`);

const makers: [TargetKey, () => Target][] = [
  ["nodeRelay", () => new NodeRelayTarget()],
  ["doRelay", () => new DoRelayTarget()],
  ["parley", () => new ParleyTarget()],
];
for (const [key, make] of makers) {
  if (!wantTarget(key) || !(want("chat") || (want("idle") && key !== "parley"))) continue;
  const t = make();
  active.add(t);
  try {
    log(`${t.label}: starting`);
    await t.start();
    if (pinned)
      pin(
        t.processes().map((x) => x.pid),
        1,
      );
    if (want("chat")) {
      try {
        results.chat[key] = await measureChat(t, p, log);
      } catch (e) {
        results.chat[key] = error(`${t.label} chat`, e);
      }
    }
    // Parley's idle cost is measured on a fresh server below (with the fan-out), not after this load.
    if (want("idle") && key !== "parley") {
      try {
        const idle = await measureIdle(t, p.idleConnections, 7_000);
        results.idle[key] = idle.result;
        log(`  idle: ${JSON.stringify(idle.result)}`);
        await closeAll(idle.sockets);
      } catch (e) {
        results.idle[key] = error(`${t.label} idle`, e);
      }
    }
  } catch (e) {
    results.chat[key] ??= error(`${t.label} start`, e);
  } finally {
    await t.stop();
    active.delete(t);
  }
}

if (wantTarget("parley") && (want("idle") || want("fanout"))) {
  const t = new ParleyTarget();
  active.add(t);
  try {
    log("Parley (fresh server): idle connections, then fan-out to consoles");
    await t.start();
    if (pinned)
      pin(
        t.processes().map((x) => x.pid),
        1,
      );
    const idle = await measureIdle(t, Math.max(p.idleConnections, want("fanout") ? p.queued : 0), 7_000);
    if (want("idle")) results.idle.parley = idle.result;
    log(`  idle: ${JSON.stringify(idle.result)}`);
    if (want("fanout")) {
      try {
        results.fanout = await measureFanout(t, idle.sockets, p, await t.agentCookies(p.consoles));
        log(`  fan-out: ${JSON.stringify(results.fanout)}`);
      } catch (e) {
        results.fanout = error("fan-out", e);
      }
    }
    await closeAll(idle.sockets);
  } catch (e) {
    results.idle.parley = error("Parley idle", e);
  } finally {
    await t.stop();
    active.delete(t);
  }
}

if (want("reports")) {
  results.reports = await runOptional("reports.ts", "reports", ["benchReports", "measureReports", "reportsBench"], ctx);
  log(`reports.ts: ${results.reports.status}`);
}
clearTimeout(watchdog);

results.durationS = Math.round((Date.now() - started) / 1000);
results.metrics = metricsOf(results);
const ran = (section: string): boolean => {
  if (section === "widget" || section === "triage" || section === "reports") return !!results[section] && results[section].status !== "missing";
  if (section === "ratio") return "parley" in results.chat && "doRelay" in results.chat;
  if (section === "chat" || section === "idle") return Object.keys(results[section]).length > 0;
  return section === "fanout" && !!results.fanout;
};
const budgets = loadBudgets(`${here}budgets.json`).filter((b) => !deterministic || b.ci);
results.budgets = check(budgets, results.metrics, ran);
for (const o of [results.widget, results.triage, results.reports]) if (o?.status === "error") failed.push(`${o.file}: ${o.error}`);
// The deterministic (CI) mode writes its own file so it never overwrites a full run's figures.
const out = deterministic ? "results-deterministic.json" : "results.json";
writeFileSync(`${here}${out}`, `${JSON.stringify(results, null, 2)}\n`);

printReport(results);
console.log(`\nwritten: bench/${out}`);
const bad = results.budgets.filter((v) => v.status === "over" || v.status === "missing");
if (flag("--check")) {
  console.log(`\nBudgets (bench/budgets.json${deterministic ? ", deterministic ones" : ""}):`);
  for (const line of formatVerdicts(results.budgets)) console.log(`  ${line}`);
}
if (failed.length) console.log(`\nFailed:\n${failed.map((f) => `  ${f}`).join("\n")}`);
process.exit(failed.length || (flag("--check") && bad.length) ? 1 : 0);
