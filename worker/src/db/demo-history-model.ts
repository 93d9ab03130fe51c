// A believable day of customer service, as data: when conversations arrive (by local hour and
// weekday), on which channel, what the bot settles alone, how fast people answer (slower at night),
// how long resolution takes, how customers rate it, and which SLA targets that breaks. Deterministic:
// the same site and date always give the same day. Used by the demo history seed and the benchmark.

import { DEFAULT_SLA_POLICY } from "./sla-defaults.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;

/** One generated conversation (times in ms). */
export interface HistoryConversation {
  n: number;
  channel: string;
  team: string | null;
  priority: "low" | "normal" | "high" | "urgent";
  labels: string[];
  agent: string | null;
  contact: number;
  created: number;
  handoff: number | null;
  response: number | null;
  resolved: number;
  frBreached: boolean;
  resBreached: boolean;
  rating: number | null;
  botTurns: number;
  messages: number;
  lastText: string;
  lastAuthor: "visitor" | "bot" | "agent";
}

/** mulberry32: small, fast, good enough for demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from text (FNV-1a). */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Arrivals per local hour (relative): quiet nights, busy late mornings and evenings. */
const HOURLY = [2, 1, 1, 1, 1, 2, 4, 7, 11, 15, 17, 17, 14, 15, 16, 16, 14, 12, 11, 12, 13, 11, 7, 4];
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);

function pick<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  let r = rand() * items.reduce((a, [, w]) => a + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** A log-normal duration around `median` (ms) with spread `sigma`. */
function lognormal(rand: () => number, median: number, sigma: number): number {
  const u = Math.max(rand(), 1e-9);
  const v = rand();
  return Math.round(median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
}

const CHANNELS = [
  ["web", 62],
  ["email", 20],
  ["whatsapp", 7],
  ["telegram", 5],
  ["sms", 4],
  ["api", 2],
] as const;
const TOPICS = [
  ["shipping", 30],
  ["returns", 18],
  ["billing", 14],
  ["account", 12],
  ["product", 16],
  ["discount", 10],
] as const;
const CLOSING = ["Thanks, that solved it!", "谢谢，问题解决了。", "Great, thank you.", "好的，收到。", "Perfect, I got the refund.", "明白了，谢谢客服！"];
const BOT_CLOSING = ["Here is the tracking link for your order.", "您可以在“我的订单”中申请退货。", "Our store hours are 09:00–21:00."];

/**
 * The conversations of one local day. `dayStart` is the day's first instant, `localHourAt(t)` the
 * local hour of an instant (0–23), `count` how many arrive, `agents` who may answer.
 */
export function historyDay(o: {
  seed: number;
  dayStart: number;
  weekend: boolean;
  count: number;
  agents: string[];
  contacts: number;
  localHourAt: (t: number) => number;
}): HistoryConversation[] {
  const rand = prng(o.seed);
  const out: HistoryConversation[] = [];
  for (let n = 0; n < o.count; n++) {
    const hour = pick(
      rand,
      HOURLY.map((w, h) => [h, w / HOURLY_SUM] as const),
    );
    const created = o.dayStart + hour * HOUR + Math.floor(rand() * HOUR);
    const channel = pick(rand, CHANNELS);
    const topics = rand() < 0.8 ? [pick(rand, TOPICS)] : [];
    const complaint = rand() < 0.09;
    const labels = complaint ? ["complaint", ...(rand() < 0.4 ? ["severity:high"] : []), ...topics] : topics;
    // The bot settles simple questions alone; email and complaints usually go to a person.
    const botShare = complaint ? 0.02 : channel === "email" ? 0.2 : 0.42;
    const base = { n, channel, labels, contact: Math.floor(rand() * o.contacts), created, rating: null as number | null };
    if (rand() < botShare) {
      const abandoned = rand() < 0.25;
      const resolved = created + (abandoned ? 24 * HOUR + Math.floor(rand() * 10 * MIN) : lognormal(rand, 4 * MIN, 0.6));
      out.push({
        ...base,
        team: null,
        priority: "normal",
        agent: null,
        handoff: null,
        response: null,
        resolved,
        frBreached: false,
        resBreached: false,
        rating:
          !abandoned && rand() < 0.15
            ? pick(rand, [
                [5, 50],
                [4, 30],
                [3, 12],
                [2, 5],
                [1, 3],
              ])
            : null,
        botTurns: 1 + Math.floor(rand() * 3),
        messages: 3 + Math.floor(rand() * 5),
        lastText: BOT_CLOSING[Math.floor(rand() * BOT_CLOSING.length)]!,
        lastAuthor: "bot",
      });
      continue;
    }
    const priority = complaint
      ? pick(rand, [
          ["urgent", 25],
          ["high", 55],
          ["normal", 20],
        ] as const)
      : pick(rand, [
          ["low", 10],
          ["normal", 75],
          ["high", 12],
          ["urgent", 3],
        ] as const);
    const handoff = created + lognormal(rand, 90_000, 0.7);
    const local = (o.localHourAt(handoff) + 24) % 24;
    // People answer within minutes in the day, slower in the evening, and at 09:00 after a night.
    let response: number;
    if (local >= 9 && local < 18) response = handoff + lognormal(rand, (o.weekend ? 14 : 5) * MIN, 0.9);
    else if (local >= 18 && local < 23) response = handoff + lognormal(rand, 22 * MIN, 0.8);
    else response = handoff + ((9 - local + 24) % 24) * HOUR + lognormal(rand, 20 * MIN, 0.6);
    const resolved = response + lognormal(rand, complaint ? 5 * HOUR : 50 * MIN, 1.3);
    const targets = complaint ? DEFAULT_SLA_POLICY.complaint : DEFAULT_SLA_POLICY.standard;
    const frBreached = response - handoff > (targets.firstResponse[priority] ?? Infinity) * MIN;
    const resBreached = resolved - handoff > (targets.resolution[priority] ?? Infinity) * MIN;
    // Slow service rates worse.
    const slow = (frBreached ? 1 : 0) + (resBreached ? 1 : 0) + (complaint ? 1 : 0);
    const rating =
      rand() < 0.38
        ? pick(
            rand,
            slow === 0
              ? [
                  [5, 58],
                  [4, 28],
                  [3, 9],
                  [2, 3],
                  [1, 2],
                ]
              : slow === 1
                ? [
                    [5, 25],
                    [4, 30],
                    [3, 22],
                    [2, 13],
                    [1, 10],
                  ]
                : [
                    [5, 8],
                    [4, 15],
                    [3, 25],
                    [2, 25],
                    [1, 27],
                  ],
          )
        : null;
    out.push({
      ...base,
      team: complaint ? "complaints" : "support",
      priority,
      agent: o.agents[Math.floor(rand() * o.agents.length * 1.6) % o.agents.length] ?? null,
      handoff,
      response,
      resolved,
      frBreached,
      resBreached,
      rating,
      botTurns: 1 + Math.floor(rand() * 2),
      messages: 6 + Math.floor(rand() * 18),
      lastText: CLOSING[Math.floor(rand() * CLOSING.length)]!,
      lastAuthor: "visitor",
    });
  }
  return out;
}
