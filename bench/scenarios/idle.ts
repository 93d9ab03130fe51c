// Idle cost: the server's resident memory and CPU with many idle visitor connections open (a widget
// on an open page that has connected and then waits).

import type WebSocket from "ws";
import { rssByRole } from "../lib/proc.ts";
import { sleep } from "../lib/sockets.ts";
import { round } from "../lib/stats.ts";
import type { Target } from "../targets/target.ts";
import { idleCpuPct } from "./chat.ts";

export interface IdleResult {
  connections: number;
  openMs: number;
  /** Runtime process RSS, MiB: before, just after opening, and after `waitMs` of idleness. */
  rssBeforeMb: number;
  rssOpenMb: number;
  rssIdleMb: number;
  /** (rssIdle - rssBefore) per connection, KiB. */
  perConnectionKb: number;
  /** CPU % of one core the server uses while every connection is idle. */
  idleCpuPct: number;
  waitMs: number;
}

/** Opens `n` idle visitor connections and reads memory and CPU; returns the sockets for later phases. */
export async function measureIdle(target: Target, n: number, waitMs: number): Promise<{ result: IdleResult; sockets: WebSocket[] }> {
  const rss = () => rssByRole(target.processes()).runtime ?? Number.NaN;
  await sleep(1_000);
  const before = rss();
  const t0 = performance.now();
  const sockets = await target.openIdle(n, "idle");
  const openMs = performance.now() - t0;
  await sleep(2_000);
  const open = rss();
  const cpu = await idleCpuPct(target, Math.max(2_000, waitMs - 2_000));
  const after = rss();
  return {
    sockets,
    result: {
      connections: sockets.length,
      openMs: round(openMs, 0),
      rssBeforeMb: round(before / 1024, 1),
      rssOpenMb: round(open / 1024, 1),
      rssIdleMb: round(after / 1024, 1),
      perConnectionKb: round((after - before) / sockets.length, 1),
      idleCpuPct: cpu,
      waitMs,
    },
  };
}
