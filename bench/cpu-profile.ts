// Where the server's CPU goes on the chat path: starts Parley under wrangler dev, opens conversations
// (visitor + agent each), records a V8 CPU profile of the Worker and its Durable Objects (through
// wrangler's inspector) while the load generator sends messages at a fixed rate, and prints the
// functions and source files with the most self time. A tool for finding the next thing to speed up;
// `npm run bench` gives the figures.
//   npm run bench:profile -- [--conversations=50] [--rate=300] [--seconds=6] [--out=profile.cpuprofile]

import { writeFileSync } from "node:fs";
import WebSocket from "ws";
import { LoadGenerator } from "./lib/loadgen.ts";
import { ParleyTarget } from "./targets/parley.ts";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const out = process.argv.find((a) => a.startsWith("--out="))?.slice(6);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools protocol session over the inspector's WebSocket. */
async function devtools(port: number) {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 1;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on("message", (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: unknown };
    if (m.id && waiting.has(m.id)) waiting.get(m.id)!(m.result);
  });
  return {
    call: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (v: unknown) => void);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

function report(p: CpuProfile, messages: number): void {
  // Self time per node from the samples.
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (n.callFrame.functionName === "(idle)") continue;
    total += us;
    const file = n.callFrame.url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, "") || "(native)";
    const fn = `${n.callFrame.functionName || "(anonymous)"}  ${file}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${(us / messages).toFixed(1).padStart(8)} µs/msg ${((us * 100) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join("\n");
  console.log(`\nJavaScript CPU (profiler samples, idle excluded): ${(total / messages).toFixed(0)} µs per message over ${messages} messages\n`);
  console.log("By source file:\n" + top(byFile, 15));
  console.log("\nBy function (self time):\n" + top(byFn, 30));
}

const target = new ParleyTarget();
try {
  await target.start();
  const pairs = await target.openPairs(arg("conversations", 50), "prof");
  const gen = new LoadGenerator(target, pairs);
  const rate = arg("rate", 300);
  const seconds = arg("seconds", 6);
  await gen.run({ rate, durationMs: 1_500, maxMessages: 10_000, drainMs: 3_000, tag: "warm-" });
  const dt = await devtools(target.server!.inspectorPort);
  await dt.call("Profiler.enable");
  await dt.call("Profiler.setSamplingInterval", { interval: 200 });
  await dt.call("Profiler.start");
  const r = await gen.run({ rate, durationMs: seconds * 1000, maxMessages: rate * seconds, drainMs: 3_000, tag: "prof-" });
  const { profile } = await dt.call<{ profile: CpuProfile }>("Profiler.stop");
  dt.close();
  console.log(
    `${r.delivered}/${r.sent} delivered; runtime CPU ${JSON.stringify(r.serverCpuMs)} ms = ${(((r.serverCpuMs.runtime ?? 0) * 1000) / r.delivered).toFixed(0)} µs/msg`,
  );
  if (out) writeFileSync(out, JSON.stringify(profile));
  report(profile, r.delivered);
} finally {
  await target.stop();
}
