// Fixtures for the conversation-engine tests: a handed-off conversation with its sockets, the agent
// identities, polling for a condition, and reading a conversation the way the console does.

import { env } from "cloudflare:workers";
import type { ChatMessage } from "../../protocol/src/types.ts";
import { conversationStub } from "../../worker/src/stubs.ts";
import { call, connect, login, ORIGIN, seedSite, startVisitor, visitorSocketPath, type Client } from "./helpers.ts";

export interface Fixture {
  site: string;
  ownerCookie: string;
  agentCookie: string;
  ownerId: string;
  agentId: string;
  conversationId: string;
  token: string;
  visitor: Client;
  stub: ReturnType<typeof conversationStub>;
}

async function userId(cookie: string): Promise<string> {
  const me = (await (await call("/api/v1/auth/me", { cookie })).json()) as { user: { id: string } };
  return me.user.id;
}

/** A fresh site and a web visitor whose conversation is open on a socket (handed off unless `bot`). */
export async function conversation(opts: { bot?: boolean; text?: string; policy?: unknown } = {}): Promise<Fixture> {
  const { site, owner, agent } = await seedSite();
  const [ownerCookie, agentCookie] = await Promise.all([login(owner), login(agent)]);
  if (opts.policy) {
    const res = await call(`/api/v1/sites/${site}/sla-policy`, {
      method: "PUT",
      cookie: ownerCookie,
      headers: { origin: ORIGIN },
      body: JSON.stringify(opts.policy),
    });
    if (res.status !== 200) throw new Error(`policy refused: ${await res.text()}`);
  }
  const v = await startVisitor(site);
  const visitor = await connect(visitorSocketPath(site, v));
  if (!opts.bot) {
    visitor.send({ t: "send", clientId: "handoff", text: opts.text ?? "I need a human please" });
    await visitor.waitFor("state", (f) => f.conversation.status === "queued");
  }
  return {
    site,
    ownerCookie,
    agentCookie,
    ownerId: await userId(ownerCookie),
    agentId: await userId(agentCookie),
    conversationId: v.conversationId,
    token: v.token,
    visitor,
    stub: conversationStub(env as unknown as Env, v.conversationId),
  };
}

/** Opens another visitor socket (a second tab) to the fixture's conversation. */
export function visitorTab(f: Fixture, after = 0): Promise<Client> {
  return connect(visitorSocketPath(f.site, { token: f.token, conversationId: f.conversationId }), { after });
}

/** An agent's socket to the fixture's conversation. */
export function agentSocket(f: Fixture, cookie: string, after = 0): Promise<Client> {
  return connect(`/api/v1/conversations/${f.conversationId}/ws`, { cookie, after });
}

/** Waits until `check` returns true (polling; the work happens in the Durable Object meanwhile). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The conversation as the console reads it (GET /api/v1/conversations/:id). */
export async function read(f: Fixture): Promise<{
  conversation: Record<string, unknown> & { status: string; priority: string; slaBreached?: boolean; slaFirstResponseDue?: number | null };
  messages: ChatMessage[];
  schedule: { kind: string; due: number }[];
}> {
  const res = await call(`/api/v1/conversations/${f.conversationId}`, { cookie: f.agentCookie });
  if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
  return res.json();
}

/** POSTs JSON as a signed-in console user. */
export function post(path: string, cookie: string, body: unknown, method = "POST"): Promise<Response> {
  return call(path, { method, cookie, headers: { origin: ORIGIN }, body: JSON.stringify(body) });
}
