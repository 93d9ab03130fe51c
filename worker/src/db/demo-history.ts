// Demo history: a month of finished conversations (index rows, CSAT answers, contacts) for a site, so
// the reports have something to show on a fresh `npm run dev`. Idempotent: ids come from the site and
// local date, rows are INSERT OR IGNORE, so running it again only adds days that were missing.
// These are index rows only (no Durable Object holds their messages): they are closed, so no inbox
// view lists them, and opening one from a contact's history says it has no messages to show.

import { addDays, localDate, startOfLocalDay } from "../reports/calendar.ts";
import { localTime } from "../lib/time.ts";
import { historyDay, prng, seedOf, type HistoryConversation } from "./demo-history-model.ts";
import type { SeedStatement } from "./seed.ts";

export interface HistoryOptions {
  site: string;
  timezone: string;
  /** Days before today (local) to fill; today itself is left to real conversations. */
  days?: number;
  /** Conversations on an ordinary weekday (weekends get about half). */
  perDay?: number;
  /** Who answered (user ids of the site's people). */
  agents: string[];
  /** How many different customers wrote. */
  contacts?: number;
  now: number;
}

const ROWS_PER_INSERT = 100;

const FIRST = ["Wei", "Fang", "Li Na", "Chen Jie", "Zhang Min", "Emma", "Liam", "Olivia", "Noah", "Sofia", "Lucas", "Mia", "Hiroshi", "Aiko", "Priya", "Arjun"];
const LAST = ["Wang", "Li", "Zhang", "Liu", "Chen", "Smith", "Garcia", "Müller", "Rossi", "Tanaka", "Kumar", "Martin", "Brown", "Lopez"];

/** Multi-row INSERT OR IGNORE statements (render them with toSqlScript; they carry many values). */
function inserts(table: string, columns: string[], rows: (string | number | null)[][]): SeedStatement[] {
  const out: SeedStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const one = `(${columns.map(() => "?").join(", ")})`;
    out.push({ sql: `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => one).join(", ")}`, params: chunk.flat() });
  }
  return out;
}

function contactRows(o: HistoryOptions, count: number): (string | number | null)[][] {
  const rand = prng(seedOf(`${o.site}:contacts`));
  const since = o.now - 90 * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[Math.floor(rand() * FIRST.length)]!;
    const last = LAST[Math.floor(rand() * LAST.length)]!;
    const email = `${first.toLowerCase().replace(/\W/g, "")}.${last.toLowerCase().replace(/\W/g, "")}${i}@example.com`;
    const tier = rand() < 0.06 ? "vip" : rand() < 0.1 ? "key" : "regular";
    return [contactId(o.site, i), o.site, `${first} ${last}`, email, tier, since, since];
  });
}

function contactId(site: string, i: number): string {
  return `hist-${site}-k${i}`;
}

/** The conversations of every filled day, oldest first (only those already over at `now`). */
export function historyConversations(o: HistoryOptions): (HistoryConversation & { id: string })[] {
  const today = localDate(o.now, o.timezone);
  const out: (HistoryConversation & { id: string })[] = [];
  for (let back = o.days ?? 30; back >= 1; back--) {
    const date = addDays(today, -back);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const rand = prng(seedOf(`${o.site}:${date}:volume`));
    // Busier early in the week and on sale days, quieter at weekends; ±15 % from day to day.
    const count = Math.round((o.perDay ?? 48) * (weekend ? 0.55 : weekday === 1 ? 1.2 : 1) * (0.85 + 0.3 * rand()));
    const day = historyDay({
      seed: seedOf(`${o.site}:${date}`),
      dayStart: startOfLocalDay(date, o.timezone),
      weekend,
      count,
      agents: o.agents,
      contacts: o.contacts ?? 400,
      localHourAt: (t) => localTime(t, o.timezone).hour,
    });
    const compact = date.replace(/-/g, "");
    for (const c of day) if (c.resolved < o.now) out.push({ ...c, id: `hist-${o.site}-${compact}-${String(c.n).padStart(4, "0")}` });
  }
  return out;
}

const CONVERSATION_COLUMNS = [
  "id",
  "site_id",
  "contact_id",
  "channel",
  "status",
  "priority",
  "team",
  "assignee_id",
  "labels",
  "last_message_text",
  "last_message_author",
  "last_message_at",
  "message_count",
  "bot_turns",
  "handoff_at",
  "first_response_at",
  "resolved_at",
  "created_at",
  "updated_at",
  "sla_breached",
  "sla_first_response_breached",
  "sla_resolution_breached",
  "csat_rating",
  "csat_at",
];

const CSAT_COLUMNS = ["conversation_id", "resolved_at", "site_id", "contact_id", "agent_id", "team", "channel", "rating", "comment", "created_at"];

/** The statements that fill the site's history (contacts first). */
export function demoHistory(o: HistoryOptions): SeedStatement[] {
  const conversations = historyConversations(o);
  const used = conversations.reduce((m, c) => Math.max(m, c.contact + 1), 1);
  const rows = conversations.map((c) => {
    const ratedAt = c.rating === null ? null : c.resolved + 2 * 60_000;
    return [
      c.id,
      o.site,
      contactId(o.site, c.contact),
      c.channel,
      "closed",
      c.priority,
      c.team,
      c.agent,
      JSON.stringify(c.labels),
      c.lastText,
      c.lastAuthor,
      c.resolved - 60_000,
      c.messages,
      c.botTurns,
      c.handoff,
      c.response,
      c.resolved,
      c.created,
      c.resolved,
      c.frBreached || c.resBreached ? 1 : 0,
      c.frBreached ? 1 : 0,
      c.resBreached ? 1 : 0,
      c.rating,
      ratedAt,
    ];
  });
  const ratings = conversations
    .filter((c) => c.rating !== null)
    .map((c) => [c.id, c.resolved, o.site, contactId(o.site, c.contact), c.agent, c.team, c.channel, c.rating, null, c.resolved + 2 * 60_000]);
  return [
    ...inserts("contacts", ["id", "site_id", "name", "email", "tier", "created_at", "updated_at"], contactRows(o, used)),
    ...inserts("conversations", CONVERSATION_COLUMNS, rows),
    ...inserts("csat_responses", CSAT_COLUMNS, ratings),
  ];
}
