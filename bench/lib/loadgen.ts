// The load generator: sends chat messages over open conversations at a fixed rate (open loop, so a
// slow server cannot slow the schedule down), alternating visitor → agent and agent → visitor, and
// times each message from the moment it is sent until the other side has it. Every run is bounded by
// a duration and a message count, and ends after a drain period whatever the server does.

import type WebSocket from "ws";
import { chatFrame, type ChatPair, type Side, type Target } from "../targets/target.ts";
import { cpuByRole, diff } from "./proc.ts";
import { percentile } from "./stats.ts";
import { sleep } from "./sockets.ts";

export interface RateOptions {
  /** Messages per second over all conversations, both directions together. */
  rate: number;
  durationMs: number;
  /** Hard cap on messages sent in this run. */
  maxMessages: number;
  /** How long to wait for stragglers after the last send before counting them as dropped. */
  drainMs: number;
  /** Unique per run: client ids carry it, so a late frame from an earlier run is never miscounted. */
  tag: string;
}

export interface RateResult {
  rate: number;
  conversations: number;
  sent: number;
  delivered: number;
  dropped: number;
  duplicates: number;
  /** Error frames the server sent during the run, by code. */
  errors: Record<string, number>;
  /** Latencies in ms: visitor → agent and agent → visitor. */
  v2a: number[];
  a2v: number[];
  /** Median latency of the messages sent in the second half of the run (a growing queue shows here). */
  lateP50: number;
  /** Messages actually sent per second (below `rate` when the generator could not keep up). */
  achievedRate: number;
  wallMs: number;
  /** Server CPU over the run, ms per process role; and the generator's own CPU. */
  serverCpuMs: Record<string, number>;
  generatorCpuMs: number;
}

const TEXT = "Hi, I ordered a jacket last week (order 10482) and it has not shipped yet. Any news?";
const REPLY = "Thanks for waiting! Order 10482 left our warehouse this morning; here is the tracking link.";

export class LoadGenerator {
  private readonly target: Target;
  private readonly pairs: ChatPair[];
  private pending = new Map<string, number>();
  private delivered = new Set<string>();
  private sendTimes: number[] = [];
  private v2a: number[] = [];
  private a2v: number[] = [];
  private late: number[] = [];
  private half = Infinity;
  private duplicates = 0;
  private errors: Record<string, number> = {};

  constructor(target: Target, pairs: ChatPair[]) {
    this.target = target;
    this.pairs = pairs;
    for (const p of pairs) {
      this.listen(p.visitor, "visitor");
      this.listen(p.agent, "agent");
    }
  }

  private listen(ws: WebSocket, side: Side): void {
    ws.on("message", (data) => {
      const now = performance.now();
      const text = data.toString();
      const id = this.target.relayedId(side, text);
      if (id === null) {
        const code = this.target.errorCode?.(text);
        if (code) this.errors[code] = (this.errors[code] ?? 0) + 1;
        return;
      }
      const k = this.pending.get(id);
      if (k === undefined) {
        if (this.delivered.has(id)) this.duplicates++;
        return;
      }
      this.pending.delete(id);
      this.delivered.add(id);
      const ms = now - this.sendTimes[k]!;
      (side === "agent" ? this.v2a : this.a2v).push(ms);
      if (k >= this.half) this.late.push(ms);
    });
  }

  /** One fixed-rate run. */
  async run(o: RateOptions): Promise<RateResult> {
    this.pending = new Map();
    this.delivered = new Set();
    this.sendTimes = [];
    this.v2a = [];
    this.a2v = [];
    this.late = [];
    this.duplicates = 0;
    this.errors = {};
    const n = this.pairs.length;
    const total = Math.min(o.maxMessages, Math.floor((o.rate * o.durationMs) / 1000));
    this.half = Math.floor(total / 2);
    const procs = this.target.processes();
    const cpu0 = cpuByRole(procs);
    const gen0 = process.cpuUsage();
    const start = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const elapsed = performance.now() - start;
        const due = Math.min(total, Math.floor((elapsed * o.rate) / 1000));
        while (sent < due) {
          const k = sent++;
          const pair = this.pairs[k % n]!;
          const fromVisitor = Math.floor(k / n) % 2 === 0;
          const id = `${o.tag}${k.toString(36)}`;
          this.pending.set(id, k);
          this.sendTimes[k] = performance.now();
          (fromVisitor ? pair.visitor : pair.agent).send(chatFrame(id, fromVisitor ? TEXT : REPLY));
        }
        if (sent >= total || elapsed >= o.durationMs + 1000) {
          clearInterval(timer);
          resolve();
        }
      };
      const timer = setInterval(tick, 1);
    });
    const sendSpan = performance.now() - start;
    const drainUntil = performance.now() + o.drainMs;
    while (this.pending.size > 0 && performance.now() < drainUntil) await sleep(20);
    await sleep(300); // trailing work of the last messages (index updates, fan-out) belongs to this run
    const wallMs = performance.now() - start;
    const gen = process.cpuUsage(gen0);
    return {
      rate: o.rate,
      conversations: n,
      sent,
      delivered: this.delivered.size,
      dropped: this.pending.size,
      duplicates: this.duplicates,
      errors: this.errors,
      v2a: this.v2a,
      a2v: this.a2v,
      lateP50: percentile(this.late, 50),
      achievedRate: (sent * 1000) / sendSpan,
      wallMs,
      serverCpuMs: diff(cpuByRole(procs), cpu0),
      generatorCpuMs: (gen.user + gen.system) / 1000,
    };
  }
}
