// `npm run bench:fanout`: visitor message → agent console latency on one site with 50 agents online
// (50 accounts, one console each) and 500 open conversations, all handed off to people: auto-assignment
// fills every agent to capacity (5 each) and the rest wait in the queue every console shows. Importable:
// `runFanoutBench()` returns the figures; run directly it prints them and writes bench/results-fanout.json.
// Options: --quick (fewer messages, a shorter burst), --no-pin.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildAll } from "../scripts/build.ts";
import { canPin, pin } from "./lib/proc.ts";
import { FULL, QUICK, type Profile } from "./lib/profile.ts";
import { closeAll } from "./lib/sockets.ts";
import { measureFanout, type FanoutResult } from "./scenarios/fanout.ts";
import { ParleyTarget } from "./targets/parley.ts";

export const AGENTS = 50;
export const OPEN_CONVERSATIONS = 500;

/** Measures fan-out with AGENTS agents and OPEN_CONVERSATIONS open conversations on a fresh local Parley. */
export async function runFanoutBench(ctx: { quick?: boolean; pin?: boolean; log?: (line: string) => void } = {}): Promise<FanoutResult> {
  const base = ctx.quick ? QUICK : FULL;
  const p: Profile = { ...base, consoles: AGENTS, queued: OPEN_CONVERSATIONS };
  const log = ctx.log ?? (() => undefined);
  const target = new ParleyTarget();
  const stop = () => target.kill();
  process.once("exit", stop);
  try {
    log("starting a fresh Parley (wrangler dev)");
    await target.start();
    if (ctx.pin && canPin) {
      pin([process.pid], 0);
      pin(
        target.processes().map((x) => x.pid),
        1,
      );
    }
    log(`creating ${AGENTS} agents (invitation links, as an owner would)`);
    const cookies = await target.agentCookies(AGENTS);
    log(`opening ${OPEN_CONVERSATIONS} visitor conversations`);
    const visitors = await target.openIdle(OPEN_CONVERSATIONS);
    log(`${AGENTS} consoles, ${OPEN_CONVERSATIONS} hand-offs, then ${p.fanoutMessages} messages and a ${p.fanoutBurstRate} msg/s burst`);
    const result = await measureFanout(target, visitors, p, cookies);
    await closeAll(visitors);
    return result;
  } finally {
    await target.stop();
    process.off("exit", stop);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const log = (line: string) => console.log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${line}`);
  const watchdog = setTimeout(() => {
    log("deadline of 10 minutes reached");
    process.exit(2);
  }, 10 * 60_000);
  await buildAll();
  const r = await runFanoutBench({ quick: process.argv.includes("--quick"), pin: !process.argv.includes("--no-pin"), log });
  clearTimeout(watchdog);
  const here = fileURLToPath(new URL(".", import.meta.url));
  writeFileSync(`${here}results-fanout.json`, `${JSON.stringify({ at: new Date(started).toISOString(), ...r }, null, 2)}\n`);
  const lines: [string, string][] = [
    ["agents online (one console each)", `${r.agents}`],
    ["open conversations, all handed off", `${r.openConversations}`],
    ["auto-assigned (capacity 5 each; the rest queued)", `${r.assigned}`],
    ["hand-off → agent assigned p50, one at a time", `${r.assignQuietP50} ms`],
    ["hand-off → agent assigned p50 / p99, 16 at a time", `${r.assignP50} / ${r.assignP99} ms`],
    ["visitor message → a console p50 / p99", `${r.p50} / ${r.p99} ms`],
    ["visitor message → last of 50 consoles p50 / p99", `${r.allP50} / ${r.allP99} ms`],
    ["deliveries missing", `${r.missing}`],
    [`burst ${r.burstRate} msg/s → a console p50 / p99`, `${r.burstP50} / ${r.burstP99} ms`],
    ["burst: console frames delivered", `${r.burstFramesPerS} /s`],
    ["burst: deliveries missing", `${r.burstMissing}`],
    ["burst: runtime CPU per event", `${r.burstCpuUsPerEvent.runtime ?? "?"} µs`],
  ];
  console.log(`\nFan-out (${((Date.now() - started) / 1000).toFixed(0)} s, written to bench/results-fanout.json)`);
  for (const [k, v] of lines) console.log(`  ${k.padEnd(52)} ${v}`);
  process.exit(0);
}
