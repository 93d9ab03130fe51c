// Triage engine benchmark: compile time and per-message evaluation latency for a ruleset of 1,000
// rules with 10,000 keywords (English and Chinese), against generated visitor messages.
// Run: `npm run bench:triage` (add `--check` to exit 1 when over budget). Importable: runTriageBench().

import { performance } from "node:perf_hooks";
import type { Condition, Rule, Ruleset } from "../protocol/src/ruleset.ts";
import { compileRuleset } from "../worker/src/triage/compile.ts";
import { evaluate, type Facts } from "../worker/src/triage/evaluate.ts";
import { validateRuleset } from "../worker/src/triage/validate.ts";

/** The budgets: p99 evaluation ≤ 1 ms per message, compile ≤ 50 ms. */
export const TRIAGE_BUDGETS = { p99Ms: 1, compileMs: 50 };

export interface TriageBenchResult {
  rules: number;
  keywords: number;
  messages: number;
  validateMs: number;
  compileMs: { first: number; median: number };
  evaluateMs: { p50: number; p99: number; max: number; mean: number };
  rulesMatchedPerMessage: number;
  withinBudget: boolean;
}

/** A small deterministic PRNG (mulberry32), so every run measures the same ruleset and messages. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = "abcdefghijklmnopqrstuvwxyz";
const HAN =
  "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音乐";

function latinWord(rand: () => number): string {
  const n = 3 + Math.floor(rand() * 7);
  let w = "";
  for (let i = 0; i < n; i++) w += LATIN[Math.floor(rand() * LATIN.length)];
  return w;
}

function hanWord(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += HAN[Math.floor(rand() * HAN.length)];
  return w;
}

function keyword(rand: () => number): string {
  const r = rand();
  if (r < 0.45) return latinWord(rand);
  if (r < 0.6) return `${latinWord(rand)} ${latinWord(rand)}`; // multi-word
  return hanWord(rand);
}

/** A ruleset of `rules` rules with `keywords` keywords in total, shaped like real triage rules. */
export function benchRuleset(rules = 1000, keywords = 10_000, seed = 42): Ruleset {
  const rand = prng(seed);
  const perRule = Math.floor(keywords / rules);
  const out: Rule[] = [];
  for (let i = 0; i < rules; i++) {
    const words = Array.from({ length: perRule }, () => keyword(rand));
    const text: Condition = { field: "message.text", op: "containsAny", value: words };
    const r = rand();
    let when: Condition = text;
    if (r < 0.25) when = { all: [text, { field: "visitor.tier", op: "in", value: ["vip", "key"] }] };
    else if (r < 0.4)
      when = { all: [text, { not: { field: "time.businessHours", op: "equals", value: false } }, { field: "channel", op: "in", value: ["web", "email"] }] };
    else if (r < 0.5) when = { any: [text, { field: "message.payload", op: "equals", value: `topic:${i}` }] };
    else if (r < 0.55) when = { all: [text, { field: "message.text", op: "matches", value: `\\b[a-z]\\d{${3 + (i % 4)}}\\b` }] };
    else if (r < 0.6)
      when = {
        all: [
          text,
          { field: "conversation.labels", op: "in", value: ["complaint", "vip"] },
          { field: "page.url", op: "startsWith", value: "https://shop.example/" },
        ],
      };
    out.push({
      id: `rule-${i}`,
      when,
      then: [
        { type: "reply", text: { en: `Answer ${i}`, "zh-CN": `回答 ${i}` } },
        { type: "addLabels", value: [`topic-${i % 50}`] },
      ],
      stop: rand() < 0.3,
    });
  }
  return { settings: { handoffKeywords: ["human", "agent", "人工", "客服"], maxBotTurns: 3, fallbackReply: "?" }, rules: out };
}

/** The keywords a rule looks for in the message text. */
function textKeywords(rule: Rule): string[] {
  const out: string[] = [];
  const walk = (c: Condition): void => {
    if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else if ("not" in c) walk(c.not);
    else if (c.op === "containsAny" && c.field === "message.text") out.push(...(c.value as string[]));
  };
  walk(rule.when);
  return out;
}

/** Visitor messages: filler text in English or Chinese with, now and then, keywords of the ruleset. */
export function benchMessages(ruleset: Ruleset, count = 2000, seed = 7): Facts[] {
  const rand = prng(seed);
  const all = ruleset.rules.flatMap(textKeywords);
  const out: Facts[] = [];
  for (let i = 0; i < count; i++) {
    const zh = rand() < 0.4;
    const length = 20 + Math.floor(rand() * (zh ? 120 : 380));
    let text = "";
    while (text.length < length) {
      const p = rand();
      if (p < 0.08) text += ` ${all[Math.floor(rand() * all.length)]}`;
      else text += zh ? hanWord(rand) : ` ${latinWord(rand)}`;
      if (rand() < 0.1) text += zh ? "，" : ",";
    }
    out.push({
      message: { text: text.trim(), language: zh ? "zh" : "en" },
      channel: rand() < 0.8 ? "web" : "email",
      page: { url: "https://shop.example/products/1" },
      visitor: { tier: rand() < 0.1 ? "vip" : "regular", attributes: { plan: "pro" } },
      conversation: { botTurns: 1, missedTurns: 0, labels: rand() < 0.2 ? ["complaint"] : [] },
      time: { businessHours: rand() < 0.7, weekday: 2, hour: 10 },
    });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Measures validation, compile (cold and median of 15) and evaluation latency (p50/p99/max). */
export function runTriageBench(opts: { rules?: number; keywords?: number; messages?: number; rounds?: number } = {}): TriageBenchResult {
  const ruleset = benchRuleset(opts.rules ?? 1000, opts.keywords ?? 10_000);
  const t0 = performance.now();
  const valid = validateRuleset(ruleset);
  const validateMs = performance.now() - t0;
  if (!valid.ok) throw new Error(`the benchmark ruleset does not validate: ${JSON.stringify(valid.errors.slice(0, 3))}`);
  // The first compile in the process runs cold (no JIT yet): what a freshly started isolate pays.
  const compiles: number[] = [];
  let compiled: ReturnType<typeof compileRuleset> | undefined;
  for (let i = 0; i < 15; i++) {
    const s = performance.now();
    compiled = compileRuleset(ruleset, i + 1);
    compiles.push(performance.now() - s);
  }
  const messages = benchMessages(ruleset, opts.messages ?? 2000);
  for (const f of messages.slice(0, 500)) evaluate(compiled!, f, 0); // warm up the JIT
  const times: number[] = [];
  let matched = 0;
  for (let round = 0; round < (opts.rounds ?? 5); round++)
    for (const f of messages) {
      const s = performance.now();
      const r = evaluate(compiled!, f, 0);
      times.push(performance.now() - s);
      if (round === 0) matched += r.trace.rules.filter((x) => x.matched).length;
    }
  const sorted = [...times].sort((a, b) => a - b);
  const result: TriageBenchResult = {
    rules: ruleset.rules.length,
    keywords: ruleset.rules.reduce((n, r) => n + textKeywords(r).length, 0),
    messages: times.length,
    validateMs: round(validateMs),
    compileMs: { first: round(compiles[0]!), median: round([...compiles].sort((a, b) => a - b)[7]!) },
    evaluateMs: {
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1)!),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    },
    rulesMatchedPerMessage: round(matched / messages.length),
    withinBudget: false,
  };
  result.withinBudget = result.evaluateMs.p99 <= TRIAGE_BUDGETS.p99Ms && result.compileMs.first <= TRIAGE_BUDGETS.compileMs;
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runTriageBench();
  console.log(`triage: ${r.rules} rules, ${r.keywords} keywords, ${r.messages} evaluations`);
  console.log(`  validate        ${r.validateMs} ms`);
  console.log(`  compile         first (cold) ${r.compileMs.first} ms, median ${r.compileMs.median} ms   (budget ≤ ${TRIAGE_BUDGETS.compileMs} ms)`);
  console.log(
    `  evaluate        p50 ${r.evaluateMs.p50} ms, p99 ${r.evaluateMs.p99} ms, max ${r.evaluateMs.max} ms   (budget p99 ≤ ${TRIAGE_BUDGETS.p99Ms} ms)`,
  );
  console.log(`  rules matched   ${r.rulesMatchedPerMessage} per message`);
  console.log(r.withinBudget ? "within budget" : "OVER BUDGET");
  if (process.argv.includes("--check") && !r.withinBudget) process.exit(1);
}
