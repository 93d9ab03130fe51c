// The hand-checked data set of the report tests: one week (Mon 2 – Sun 8 March 2026) of a site in
// Asia/Shanghai open Mon–Fri 09:00–18:00 with Wednesday 4 March a holiday. Every expected figure in
// reports.test.ts is worked out by hand from the table below (times are local, UTC+8).

import { env } from "cloudflare:workers";
import { seedSite } from "./helpers.ts";

export const HOURS = {
  weekly: { "1": [["09:00", "18:00"]], "2": [["09:00", "18:00"]], "3": [["09:00", "18:00"]], "4": [["09:00", "18:00"]], "5": [["09:00", "18:00"]] },
  holidays: ["2026-03-04"],
};

/** A local time in the site's zone (UTC+8, no daylight saving) as epoch ms. */
export const at = (local: string) => Date.parse(`${local.replace(" ", "T")}:00+08:00`);

export const MIN = 60_000;

interface Conv {
  id: string;
  channel: string;
  team: string | null;
  agent: "sam" | "ada" | null;
  labels: string[];
  created: string;
  handoff?: string;
  response?: string;
  resolved?: string;
  /** SLA breaches: first response, resolution. */
  breached?: ("fr" | "res")[];
  /** Ratings: [rating, agent] per resolution. */
  ratings?: [number, "sam" | "ada" | null][];
  site?: "other";
}

//  id   channel team        agent  created          hand-off         1st response      resolved       FRT cal / business     resolution
//  c1   web     support     sam    Mon 09:00        09:05            09:15             10:00          10 min / 10 min        60 min
//  c2   web     support     sam    Mon 17:50        17:55            Tue 09:10         Tue 12:00      15 h 15 min / 15 min   18 h 10 min   (FR breached)
//  c3   email   support     ada    Tue 20:00        20:00            Thu 09:30         Thu 11:00      37 h 30 min / 30 min   39 h          (both breached; complaint)
//  c4   web     —           —      Wed 10:00        —                —                 10:05          bot                    5 min
//  c5   web     —           —      Thu 11:00        —                —                 —              bot, open
//  c6   sms     complaints  sam    Fri 08:00        08:30            09:30             16:00          60 min / 30 min        8 h           (complaint)
//  c7   web     support     sam    Sat 10:00        10:01            10:31             —              30 min / 0
//  c8   email   complaints  ada    Sun 23:00        23:00            —                 —              (FR breached; complaint)
//  c12  web     support     sam    Tue 14:00        14:00            14:20             14:40          20 min / 20 min        40 min        (rated twice)
//  c9, c10: just outside the window; c11: another site.
export const CONVERSATIONS: Conv[] = [
  {
    id: "c1",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-02 09:00",
    handoff: "2026-03-02 09:05",
    response: "2026-03-02 09:15",
    resolved: "2026-03-02 10:00",
    ratings: [[5, "sam"]],
  },
  {
    id: "c2",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-02 17:50",
    handoff: "2026-03-02 17:55",
    response: "2026-03-03 09:10",
    resolved: "2026-03-03 12:00",
    breached: ["fr"],
    ratings: [[2, "sam"]],
  },
  {
    id: "c3",
    channel: "email",
    team: "support",
    agent: "ada",
    labels: ["complaint", "billing"],
    created: "2026-03-03 20:00",
    handoff: "2026-03-03 20:00",
    response: "2026-03-05 09:30",
    resolved: "2026-03-05 11:00",
    breached: ["fr", "res"],
    ratings: [[1, "ada"]],
  },
  { id: "c4", channel: "web", team: null, agent: null, labels: ["shipping"], created: "2026-03-04 10:00", resolved: "2026-03-04 10:05", ratings: [[4, null]] },
  { id: "c5", channel: "web", team: null, agent: null, labels: [], created: "2026-03-05 11:00" },
  {
    id: "c6",
    channel: "sms",
    team: "complaints",
    agent: "sam",
    labels: ["complaint"],
    created: "2026-03-06 08:00",
    handoff: "2026-03-06 08:30",
    response: "2026-03-06 09:30",
    resolved: "2026-03-06 16:00",
  },
  {
    id: "c7",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-07 10:00",
    handoff: "2026-03-07 10:01",
    response: "2026-03-07 10:31",
  },
  {
    id: "c8",
    channel: "email",
    team: "complaints",
    agent: "ada",
    labels: ["complaint", "billing"],
    created: "2026-03-08 23:00",
    handoff: "2026-03-08 23:00",
    breached: ["fr"],
  },
  {
    id: "c12",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-03 14:00",
    handoff: "2026-03-03 14:00",
    response: "2026-03-03 14:20",
    resolved: "2026-03-03 14:40",
    ratings: [
      [3, "sam"],
      [5, "sam"],
    ],
  },
  // Outside the window (one minute before it, and its very end) or on another site: counted nowhere.
  {
    id: "c9",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: ["complaint"],
    created: "2026-03-01 23:59",
    handoff: "2026-03-02 00:00",
    response: "2026-03-02 00:01",
    resolved: "2026-03-02 09:00",
    breached: ["fr", "res"],
    ratings: [[1, "sam"]],
  },
  {
    id: "c10",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-09 00:00",
    handoff: "2026-03-09 00:00",
    response: "2026-03-09 00:01",
    resolved: "2026-03-09 01:00",
    ratings: [[1, "sam"]],
  },
  {
    id: "c11",
    channel: "web",
    team: "support",
    agent: "sam",
    labels: [],
    created: "2026-03-03 10:00",
    handoff: "2026-03-03 10:00",
    response: "2026-03-03 10:01",
    resolved: "2026-03-03 11:00",
    ratings: [[1, "sam"]],
    site: "other",
  },
];

export interface ReportSite {
  site: string;
  other: string;
  owner: string;
  sam: string;
  ada: string;
}

/** Seeds the site (with its hours) and the data set; returns the site and the agents' ids. */
export async function seedReportSite(): Promise<ReportSite> {
  const s = await seedSite({ businessHours: HOURS });
  const other = await seedSite();
  const ids = await env.DB.prepare("SELECT id, email FROM users WHERE email IN (?, ?)").bind(s.owner, s.agent).all<{ id: string; email: string }>();
  const idOf = (e: string) => ids.results.find((r) => r.email === e)!.id;
  const agents = { sam: idOf(s.agent), ada: idOf(s.owner) };
  const stmts: D1PreparedStatement[] = [];
  for (const c of CONVERSATIONS) {
    const site = c.site ? other.site : s.site;
    const id = `${s.site}-${c.id}`;
    const t = (x?: string) => (x ? at(x) : null);
    const status = c.resolved ? "resolved" : c.agent ? "assigned" : c.handoff ? "queued" : "bot";
    stmts.push(
      env.DB.prepare(
        `INSERT INTO conversations (id, site_id, contact_id, channel, status, team, assignee_id, labels, handoff_at, first_response_at, resolved_at, created_at, updated_at,
           sla_breached, sla_first_response_breached, sla_resolution_breached) VALUES (?, ?, 'k', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        id,
        site,
        c.channel,
        status,
        c.team,
        c.agent ? agents[c.agent] : null,
        JSON.stringify(c.labels),
        t(c.handoff),
        t(c.response),
        t(c.resolved),
        at(c.created),
        at(c.created),
        c.breached?.length ? 1 : 0,
        c.breached?.includes("fr") ? 1 : 0,
        c.breached?.includes("res") ? 1 : 0,
      ),
    );
    (c.ratings ?? []).forEach(([rating, agent], i) => {
      // Earlier ratings belong to earlier resolutions of the same conversation.
      const resolvedAt = at(c.resolved!) - (c.ratings!.length - 1 - i) * 10 * MIN;
      stmts.push(
        env.DB.prepare(
          "INSERT INTO csat_responses (conversation_id, resolved_at, site_id, contact_id, agent_id, team, channel, rating, created_at) VALUES (?, ?, ?, 'k', ?, ?, ?, ?, ?)",
        ).bind(id, resolvedAt, site, agent ? agents[agent] : null, c.team, c.channel, rating, resolvedAt + MIN),
      );
    });
  }
  await env.DB.batch(stmts);
  return { site: s.site, other: other.site, owner: s.owner, sam: agents.sam, ada: agents.ada };
}
