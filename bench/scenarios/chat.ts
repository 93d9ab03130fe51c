// Message latency and server CPU for one target: one conversation, then many conversations at a fixed
// rate (each repeated, medians reported), then a ramp to the highest rate sustained with nothing dropped.

import { LoadGenerator, type RateResult } from "../lib/loadgen.ts";
import { cpuByRole, diff } from "../lib/proc.ts";
import type { Profile } from "../lib/profile.ts";
import { closeAll, sleep } from "../lib/sockets.ts";
import { median, percentile, round } from "../lib/stats.ts";
import type { Target } from "../targets/target.ts";

/** p50/p99 of each direction, ms. */
export interface Latency {
  v2aP50: number;
  v2aP99: number;
  a2vP50: number;
  a2vP99: number;
}

export interface ChatResult {
  one: Latency & { messages: number; dropped: number };
  many: Latency & {
    conversations: number;
    rate: number;
    /** Seconds after the run a message may still arrive before it counts as dropped. */
    drainS: number;
    messages: number;
    dropped: number;
    duplicates: number;
    errors: Record<string, number>;
    /** Server CPU per relayed message, µs: the runtime (Worker + Durable Objects, or Node), and with the dev proxy. */
    cpuUsPerMsg: number;
    cpuUsPerMsgWithProxy: number;
    /** The same, less what the idle server burns in the same time. */
    cpuUsPerMsgNet: number;
    generatorCpuPct: number;
  };
  idleCpuPct: number;
  maxRate: { sustained: number; limitedBy: "server" | "generator" | "ramp"; steps: RampStep[] };
}

export interface RampStep {
  rate: number;
  ok: boolean;
  achieved: number;
  dropped: number;
  lateP50: number;
  cpuUsPerMsg: number;
}

type Log = (line: string) => void;

function latency(runs: RateResult[]): Latency {
  const m = (f: (r: RateResult) => number) => round(median(runs.map(f)), 3);
  return {
    v2aP50: m((r) => percentile(r.v2a, 50)),
    v2aP99: m((r) => percentile(r.v2a, 99)),
    a2vP50: m((r) => percentile(r.a2v, 50)),
    a2vP99: m((r) => percentile(r.a2v, 99)),
  };
}

const perMsg = (ms: number, r: RateResult) => (r.delivered ? (ms * 1000) / r.delivered : Number.NaN);

/** CPU % of one core the idle server uses (runtime processes), measured over `ms`. */
export async function idleCpuPct(target: Target, ms: number): Promise<number> {
  const procs = target.processes();
  const before = cpuByRole(procs);
  await sleep(ms);
  return round(((diff(cpuByRole(procs), before).runtime ?? 0) * 100) / ms, 2);
}

/** Waits (at most `maxMs`) until the server is nearly idle again, so one run's backlog never leaks into the next. */
async function settle(target: Target, maxMs = 15_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until && (await idleCpuPct(target, 500)) > 25);
}

export async function measureChat(target: Target, p: Profile, log: Log): Promise<ChatResult> {
  const onePair = await target.openPairs(1, "one");
  const one = new LoadGenerator(target, onePair);
  // Warm-up runs (not measured): a real server has its code compiled and its caches full.
  await one.run({ rate: p.oneRate, durationMs: 1_000, maxMessages: 1_000, drainMs: 3_000, tag: "wo-" });
  await settle(target);
  const idle = await idleCpuPct(target, 2_000);
  const oneRuns: RateResult[] = [];
  for (let i = 0; i < p.repeats; i++) {
    oneRuns.push(await one.run({ rate: p.oneRate, durationMs: p.runMs, maxMessages: 100_000, drainMs: 3_000, tag: `o${i}-` }));
  }
  log(`  1 conversation: ${oneRuns.map((r) => `${r.delivered}/${r.sent}`).join(", ")} delivered`);

  const pairs = await target.openPairs(p.conversations, "many");
  const many = new LoadGenerator(target, pairs);
  await many.run({ rate: p.manyRate / 4, durationMs: 1_500, maxMessages: 10_000, drainMs: 5_000, tag: "wm-" });
  const manyRuns: RateResult[] = [];
  const drainMs = Math.max(5_000, p.runMs * 1.5);
  for (let i = 0; i < p.repeats; i++) {
    await settle(target);
    // A long drain: a server that falls behind still delivers, so its queueing shows in the latency
    // and its CPU per message counts all the work; only what never arrives counts as dropped.
    const r = await many.run({ rate: p.manyRate, durationMs: p.runMs, maxMessages: 200_000, drainMs, tag: `m${i}-` });
    manyRuns.push(r);
    log(`  ${p.conversations} conversations @ ${p.manyRate}/s: ${r.delivered}/${r.sent} delivered, cpu ${JSON.stringify(r.serverCpuMs)} ms`);
  }

  const steps = await ramp(target, many, p, log);
  await closeAll([...onePair, ...pairs].flatMap((x) => [x.visitor, x.agent]));

  const med = (f: (r: RateResult) => number) => round(median(manyRuns.map(f)), 1);
  const lastOk = [...steps].reverse().find((s) => s.ok);
  const generatorBound = steps.some((s) => !s.ok && s.achieved < s.rate * 0.98);
  return {
    one: { ...latency(oneRuns), messages: sum(oneRuns, (r) => r.delivered), dropped: sum(oneRuns, (r) => r.dropped) },
    many: {
      ...latency(manyRuns),
      conversations: p.conversations,
      rate: p.manyRate,
      drainS: drainMs / 1000,
      messages: sum(manyRuns, (r) => r.delivered),
      dropped: sum(manyRuns, (r) => r.dropped),
      duplicates: sum(manyRuns, (r) => r.duplicates),
      errors: manyRuns.reduce<Record<string, number>>((acc, r) => {
        for (const [k, v] of Object.entries(r.errors)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
      cpuUsPerMsg: med((r) => perMsg(r.serverCpuMs.runtime ?? 0, r)),
      cpuUsPerMsgWithProxy: med((r) =>
        perMsg(
          Object.values(r.serverCpuMs).reduce((a, b) => a + b, 0),
          r,
        ),
      ),
      cpuUsPerMsgNet: med((r) => perMsg((r.serverCpuMs.runtime ?? 0) - (idle / 100) * r.wallMs, r)),
      generatorCpuPct: med((r) => (r.generatorCpuMs * 100) / r.wallMs),
    },
    idleCpuPct: idle,
    maxRate: {
      sustained: lastOk?.rate ?? 0,
      limitedBy: generatorBound ? "generator" : steps.every((s) => s.ok) ? "ramp" : "server",
      steps,
    },
  };
}

function sum(runs: RateResult[], f: (r: RateResult) => number): number {
  return runs.reduce((a, r) => a + f(r), 0);
}

/**
 * Doubles the rate until a step fails, then bisects twice between the last good and the first bad
 * rate. A step is sustained when the generator kept its schedule, every message arrived within 2 s of
 * the end, and the median latency of the step's second half stayed under 50 ms (no queue building up).
 */
async function ramp(target: Target, gen: LoadGenerator, p: Profile, log: Log): Promise<RampStep[]> {
  const steps: RampStep[] = [];
  const step = async (rate: number): Promise<RampStep> => {
    await settle(target);
    const r = await gen.run({ rate, durationMs: p.rampStepMs, maxMessages: Math.ceil((rate * p.rampStepMs) / 1000), drainMs: 2_000, tag: `s${steps.length}-` });
    const s: RampStep = {
      rate,
      ok: r.dropped === 0 && r.achievedRate >= rate * 0.98 && r.lateP50 <= 50,
      achieved: round(r.achievedRate, 0),
      dropped: r.dropped,
      lateP50: round(r.lateP50, 2),
      cpuUsPerMsg: round(perMsg(r.serverCpuMs.runtime ?? 0, r), 1),
    };
    steps.push(s);
    log(`  ramp ${rate}/s: ${s.ok ? "sustained" : "not sustained"} (sent ${s.achieved}/s, dropped ${s.dropped}, late p50 ${s.lateP50} ms)`);
    return s;
  };
  let good = 0;
  let bad = 0;
  for (let rate = p.rampStart; rate <= p.rampMax; rate *= 2) {
    if ((await step(rate)).ok) good = rate;
    else {
      bad = rate;
      break;
    }
  }
  for (let i = 0; i < 2 && bad && bad - good > p.rampStart / 2; i++) {
    const mid = Math.round((good + bad) / 2);
    if ((await step(mid)).ok) good = mid;
    else bad = mid;
  }
  return steps.sort((a, b) => a.rate - b.rate);
}
