// Fan-out: how long a visitor's message takes to reach every connected agent console (the site's live
// stream), with many consoles connected and hundreds of conversations waiting in the queue.

import type WebSocket from "ws";
import { parseServerFrame } from "../../protocol/src/frames.ts";
import { cpuByRole, diff } from "../lib/proc.ts";
import type { Profile } from "../lib/profile.ts";
import { closeAll, pool, sleep } from "../lib/sockets.ts";
import { percentile, round } from "../lib/stats.ts";
import type { ParleyTarget } from "../targets/parley.ts";
import { chatFrame } from "../targets/target.ts";

/** Hand-offs made one at a time before the flood, for the quiet-server assignment latency. */
const QUIET_HANDOFFS = 5;

export interface FanoutResult {
  consoles: number;
  /** Distinct agent accounts behind the consoles (each console is one agent, online). */
  agents: number;
  openConversations: number;
  queued: number;
  messages: number;
  /** Visitor send → one console has the update, over every (message, console) pair, ms. */
  p50: number;
  p99: number;
  /** Visitor send → the last of the consoles has it, per message, ms. */
  allP50: number;
  allP99: number;
  /** (message, console) deliveries that never came. */
  missing: number;
  /** Then a burst: visitors write at `burstRate` msg/s; each message is one Inbox event fanned out to every console. */
  burstRate: number;
  burstP50: number;
  burstP99: number;
  burstMissing: number;
  /** Console frames delivered per second during the burst (events/s × consoles). */
  burstFramesPerS: number;
  /** Server CPU during the burst per event (one visitor message fanned out to every console), µs, by process role. */
  burstCpuUsPerEvent: Record<string, number>;
  /** Hand-offs that auto-assignment gave to an online agent (the rest wait: everyone was at capacity). */
  assigned: number;
  /** Hand-off message sent → the visitor is told an agent joined, ms: one at a time on a quiet server… */
  assignQuietP50: number;
  /** … and during the flood of the other hand-offs, 16 at a time. */
  assignP50: number;
  assignP99: number;
}

/**
 * `visitors` are open, idle visitor sockets (one conversation each). The first `p.queued` ask for a
 * person; with the consoles' agents online, auto-assignment gives each agent conversations up to its
 * capacity and the rest wait in the queue every console sees. Then visitors write, one message at a
 * time, 10 per second, and every console's live socket is watched for that message. `cookies` are the
 * agents' sessions (console i signs in as agent i mod n); without them every console is the demo agent.
 */
export async function measureFanout(target: ParleyTarget, visitors: WebSocket[], p: Profile, cookies?: string[]): Promise<FanoutResult> {
  const sessions = cookies?.length ? cookies : [await target.agentCookie()];
  const consoles = await pool(p.consoles, 10, (i) => target.client.consoleSocket(sessions[i % sessions.length]!));
  const queued = visitors.slice(0, Math.min(p.queued, visitors.length));
  const assignMs: number[] = [];
  const handOff = (i: number, into: number[]) => {
    const ws = queued[i]!;
    const t0 = performance.now();
    const onJoin = (data: WebSocket.RawData) => {
      const f = parseServerFrame(data.toString());
      if (f?.t !== "state" || f.conversation.status !== "assigned") return;
      into.push(performance.now() - t0);
      ws.off("message", onJoin);
    };
    ws.on("message", onJoin);
    return target.client.handOff(ws, `q${i}`);
  };
  // A few hand-offs one at a time on a quiet server, then the rest 16 at a time (a flood).
  const quietMs: number[] = [];
  const quiet = Math.min(QUIET_HANDOFFS, queued.length);
  for (let i = 0; i < quiet; i++) {
    await handOff(i, quietMs);
    await sleep(200);
  }
  await pool(queued.length - quiet, 16, (i) => handOff(quiet + i, assignMs));
  await sleep(1_000);

  const sentAt: number[] = [];
  const got: Map<number, number>[] = consoles.map(() => new Map());
  consoles.forEach((ws, j) =>
    ws.on("message", (data) => {
      const now = performance.now();
      const m = /\bfo(\d+)x\b/.exec(data.toString());
      if (!m) return;
      const k = Number(m[1]);
      if (sentAt[k] !== undefined && !got[j]!.has(k)) got[j]!.set(k, now - sentAt[k]!);
    }),
  );
  const send = (k: number) => {
    sentAt[k] = performance.now();
    queued[k % queued.length]!.send(chatFrame(`f${k}`, `fo${k}x is anyone there?`));
  };
  const drain = async (upTo: number) => {
    const until = performance.now() + 5_000;
    while (performance.now() < until && got.some((g) => g.size < upTo)) await sleep(50);
  };
  for (let k = 0; k < p.fanoutMessages; k++) {
    send(k);
    await sleep(100);
  }
  await drain(p.fanoutMessages);

  // The burst: open-loop at a fixed rate, bounded in count.
  const first = p.fanoutMessages;
  const burst = Math.round((p.fanoutBurstRate * p.fanoutBurstMs) / 1000);
  const procs = target.processes();
  const cpu0 = cpuByRole(procs);
  const t0 = performance.now();
  for (let k = 0; k < burst;) {
    const due = Math.min(burst, Math.floor(((performance.now() - t0) * p.fanoutBurstRate) / 1000));
    while (k < due) send(first + k++);
    await sleep(2);
  }
  await drain(first + burst);
  const burstWall = performance.now() - t0;
  const cpu = diff(cpuByRole(procs), cpu0);
  await closeAll(consoles);

  const inBurst = got.flatMap((g) => [...g].filter(([k]) => k >= first).map(([, v]) => v));
  const all = got.flatMap((g) => [...g].filter(([k]) => k < first).map(([, v]) => v));
  const last: number[] = [];
  for (let k = 0; k < p.fanoutMessages; k++) {
    const per = got.map((g) => g.get(k));
    if (per.every((v) => v !== undefined)) last.push(Math.max(...(per as number[])));
  }
  return {
    consoles: consoles.length,
    agents: Math.min(sessions.length, consoles.length),
    openConversations: visitors.length,
    queued: queued.length,
    messages: p.fanoutMessages,
    p50: round(percentile(all, 50), 2),
    p99: round(percentile(all, 99), 2),
    allP50: round(percentile(last, 50), 2),
    allP99: round(percentile(last, 99), 2),
    missing: p.fanoutMessages * consoles.length - all.length,
    burstRate: p.fanoutBurstRate,
    burstP50: round(percentile(inBurst, 50), 2),
    burstP99: round(percentile(inBurst, 99), 2),
    burstMissing: burst * consoles.length - inBurst.length,
    burstFramesPerS: round((inBurst.length * 1000) / burstWall, 0),
    burstCpuUsPerEvent: Object.fromEntries(Object.entries(cpu).map(([role, ms]) => [role, round((ms * 1000) / burst, 0)])),
    assigned: quietMs.length + assignMs.length,
    assignQuietP50: round(percentile(quietMs, 50), 2),
    assignP50: round(percentile(assignMs, 50), 2),
    assignP99: round(percentile(assignMs, 99), 2),
  };
}
