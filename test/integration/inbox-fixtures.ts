// Fixtures for the Inbox tests: a site with several agents (capacities, teams, a strategy), agent
// consoles on the live socket, visitors who ask for a person, and reading a conversation's state.

import { env } from "cloudflare:workers";
import type { AgentPresence, ConsoleServerFrame } from "../../protocol/src/console-frames.ts";
import type { ConversationSummary } from "../../protocol/src/types.ts";
import { hashPassword } from "../../worker/src/auth/password.ts";
import { DEMO_PASSWORD } from "../../worker/src/db/seed.ts";
import { until } from "./conversation-fixtures.ts";
import { call, connect, login, ORIGIN, seedSite, startVisitor, visitorSocketPath, type Client } from "./helpers.ts";

export interface Agent {
  id: string;
  name: string;
  email: string;
  cookie: string;
}

export interface Desk {
  site: string;
  ownerCookie: string;
  agents: Record<string, Agent>;
}

/**
 * A fresh site with agents named by `keys` (ids sort in the order given), each with a capacity and
 * teams (default: both starter teams, `support` and `complaints`, whose only members they then are).
 * The demo owner and agent stay members of the site but never connect, so they take nothing.
 */
export async function desk(opts: {
  assignment: "round_robin" | "least_busy" | "manual";
  agents: { key: string; capacity?: number; teams?: string[] }[];
  teamAssignment?: Record<string, "round_robin" | "least_busy" | "manual" | null>;
}): Promise<Desk> {
  const { site, owner } = await seedSite({ assignment: opts.assignment });
  const hash = await hashPassword(DEMO_PASSWORD, 1000); // few iterations: a test fixture, not a real account
  const now = Date.now();
  const stmts: D1PreparedStatement[] = [];
  const made: Omit<Agent, "cookie">[] = [];
  // Members of teams listed here are the team's only members (the seed puts its two people in both).
  const agentTeams = (a: { teams?: string[] }) => a.teams ?? ["support", "complaints"];
  const teams = new Set(opts.agents.flatMap(agentTeams));
  for (const t of teams) stmts.push(env.DB.prepare("DELETE FROM team_members WHERE site_id = ? AND team_id = ?").bind(site, t));
  opts.agents.forEach((a, i) => {
    const id = `u_${site}_${i}${a.key}`;
    const email = `${a.key}+${site}@example.com`;
    const name = a.key[0]!.toUpperCase() + a.key.slice(1);
    made.push({ id, name, email });
    stmts.push(
      env.DB.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)").bind(id, email, name, hash, now),
      env.DB.prepare("INSERT INTO memberships (site_id, user_id, role, capacity, created_at) VALUES (?, ?, 'agent', ?, ?)").bind(
        site,
        id,
        a.capacity ?? 5,
        now,
      ),
      ...agentTeams(a).map((t) => env.DB.prepare("INSERT INTO team_members (site_id, team_id, user_id) VALUES (?, ?, ?)").bind(site, t, id)),
    );
  });
  for (const [team, strategy] of Object.entries(opts.teamAssignment ?? {}))
    stmts.push(env.DB.prepare("UPDATE teams SET assignment = ? WHERE site_id = ? AND id = ?").bind(strategy, site, team));
  await env.DB.batch(stmts);
  const agents: Record<string, Agent> = {};
  for (const [i, a] of made.entries()) agents[opts.agents[i]!.key] = { ...a, cookie: await login(a.email) };
  return { site, ownerCookie: await login(owner), agents };
}

/** An agent console on the site's live socket, recording every frame. */
export class Console {
  readonly frames: ConsoleServerFrame[] = [];
  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (e) => {
      if (e.data !== "pong") this.frames.push(JSON.parse(e.data as string) as ConsoleServerFrame);
    });
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  /** Presence as this console sees it: the full lists (welcome, presence) with the changes after them. */
  presence(): AgentPresence[] {
    const byId = new Map<string, AgentPresence>();
    for (const f of this.frames) {
      if (f.t === "welcome" || f.t === "presence") {
        byId.clear();
        for (const a of f.agents) byId.set(a.id, a);
      }
      if (f.t === "agents") for (const a of f.agents) byId.set(a.id, a);
    }
    return [...byId.values()];
  }
  statusOf(agentId: string): string | undefined {
    return this.presence().find((a) => a.id === agentId)?.status;
  }
  /** The conversations this console knows, as snapshot + live frames made them (latest wins). */
  conversations(): Map<string, ConversationSummary> {
    const out = new Map<string, ConversationSummary>();
    for (const f of this.frames) {
      if (f.t === "snapshot") for (const c of f.conversations) out.set(c.id, c);
      if (f.t === "conversation") out.set(f.conversation.id, f.conversation);
    }
    return out;
  }
  close(): void {
    this.ws.close(1000, "done");
  }
}

/** Opens a console and waits until its snapshot is complete. */
export async function openConsole(site: string, cookie: string): Promise<Console> {
  const res = await call(`/api/v1/sites/${site}/live`, { headers: { upgrade: "websocket", origin: ORIGIN }, cookie });
  if (res.status !== 101 || !res.webSocket) throw new Error(`console refused: ${res.status} ${await res.text()}`);
  const c = new Console(res.webSocket);
  await until(() => c.frames.some((f) => f.t === "snapshot" && f.done), "the console's snapshot");
  return c;
}

/** A web visitor who asks for a person; resolves once the conversation has left the bot. */
export async function handOff(site: string, text = "I need a human please"): Promise<{ id: string; visitor: Client; token: string }> {
  const v = await startVisitor(site);
  const visitor = await connect(visitorSocketPath(site, v));
  visitor.send({ t: "send", clientId: "handoff", text });
  await visitor.waitFor("state", (f) => f.conversation.status !== "bot");
  return { id: v.conversationId, visitor, token: v.token };
}

/** The conversation as the console's HTTP API shows it. */
export async function stateOf(cookie: string, id: string): Promise<ConversationSummary & { assignee: { id: string; name: string } | null }> {
  const res = await call(`/api/v1/conversations/${id}`, { cookie });
  if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
  return ((await res.json()) as { conversation: ConversationSummary & { assignee: { id: string; name: string } | null } }).conversation;
}

/** Waits until the conversation's assignee is `agentId` (or nobody, for null). */
export async function assignedTo(cookie: string, id: string, agentId: string | null): Promise<void> {
  await until(async () => ((await stateOf(cookie, id)).assignee?.id ?? null) === agentId, `${id} assigned to ${agentId}`);
}

/** POST/PATCH JSON as a console user. */
export function send(path: string, cookie: string, body: unknown, method = "POST"): Promise<Response> {
  return call(path, { method, cookie, headers: { origin: ORIGIN }, body: JSON.stringify(body) });
}
