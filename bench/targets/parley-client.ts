// Drives Parley the way its real clients do, through public routes and frames only: the widget's
// session, conversation and visitor socket; the console's login, conversation socket and live socket.

import type WebSocket from "ws";
import { PROTOCOL_VERSION, parseServerFrame } from "../../protocol/src/frames.ts";
import { connect, waitFor } from "../lib/sockets.ts";
import { chatFrame } from "./target.ts";

/** A visitor with a session and a conversation, as the widget has after the first interaction. */
export interface Visitor {
  token: string;
  conversationId: string;
  /** A loopback address per simulated visitor, sent as CF-Connecting-IP (what Cloudflare's edge sets). */
  ip: string;
}

const HELLO = JSON.stringify({ t: "hello", v: PROTOCOL_VERSION, after: 0 });

export class ParleyClient {
  readonly base: string;
  readonly ws: string;
  readonly site: string;

  constructor(base: string, site = "demo") {
    this.base = base;
    this.ws = base.replace(/^http/, "ws");
    this.site = site;
  }

  private async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.base, ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res;
  }

  /** Starts a visitor session and a conversation (the widget's first interaction). */
  async visitor(n: number): Promise<Visitor> {
    const ip = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255 || 1}`;
    const h = { "cf-connecting-ip": ip };
    const session = (await (await this.post(`/widget/v1/sites/${this.site}/session`, {}, h)).json()) as { token: string };
    const conv = (await (
      await this.post(
        `/widget/v1/sites/${this.site}/conversations`,
        { locale: "en", pageUrl: `${this.base}/demo` },
        { ...h, authorization: `Bearer ${session.token}` },
      )
    ).json()) as { conversation: { id: string } };
    return { token: session.token, conversationId: conv.conversation.id, ip };
  }

  /** Opens the visitor's socket and completes the hello/welcome exchange. */
  async visitorSocket(v: Visitor): Promise<WebSocket> {
    const url = `${this.ws}/widget/v1/sites/${this.site}/conversations/${v.conversationId}/ws?token=${encodeURIComponent(v.token)}`;
    return this.hello(await connect(url, { origin: this.base, "cf-connecting-ip": v.ip }));
  }

  /** Signs in and returns the session cookie. */
  async login(email: string, password: string): Promise<string> {
    const res = await this.post("/api/v1/auth/login", { email, password });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("parley_session="));
    if (!cookie) throw new Error("login set no session cookie");
    return cookie.split(";")[0]!;
  }

  /**
   * A new agent of the site with an account of their own, the public way: the owner invites by link,
   * the invitee accepts with a name and password (which signs them in). Returns their session cookie.
   */
  async newAgent(ownerCookie: string, email: string, name: string, password: string): Promise<{ id: string; cookie: string }> {
    const invite = (await (await this.post(`/api/v1/sites/${this.site}/invitations`, { email, role: "agent" }, { cookie: ownerCookie })).json()) as {
      link: string;
    };
    const token = invite.link.split("/").pop()!;
    const res = await this.post(`/api/v1/invitations/${token}/accept`, { name, password });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("parley_session="));
    if (!cookie) throw new Error("accepting the invitation set no session cookie");
    return { id: ((await res.json()) as { user: { id: string } }).user.id, cookie: cookie.split(";")[0]! };
  }

  /** Adds people to every team of the site (as an owner would in Settings › Teams). */
  async joinAllTeams(ownerCookie: string, userIds: string[]): Promise<void> {
    const res = await fetch(`${this.base}/api/v1/sites/${this.site}/teams`, { headers: { cookie: ownerCookie } });
    const { items } = (await res.json()) as { items: { id: string; members: string[] }[] };
    for (const t of items) {
      const patch = await fetch(`${this.base}/api/v1/sites/${this.site}/teams/${t.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", origin: this.base, cookie: ownerCookie },
        body: JSON.stringify({ members: [...new Set([...t.members, ...userIds])] }),
      });
      if (!patch.ok) throw new Error(`PATCH team ${t.id} → ${patch.status}`);
    }
  }

  /** An agent's socket to one conversation, past hello/welcome. */
  async agentSocket(conversationId: string, cookie: string): Promise<WebSocket> {
    return this.hello(await connect(`${this.ws}/api/v1/conversations/${conversationId}/ws`, { origin: this.base, cookie }));
  }

  /** A console's live socket to the site's Inbox, once its welcome has arrived. */
  async consoleSocket(cookie: string): Promise<WebSocket> {
    return connect(`${this.ws}/api/v1/sites/${this.site}/live`, { origin: this.base, cookie }, (t) => t.includes('"t":"welcome"'));
  }

  /** The visitor asks for a person; resolves once the conversation has left the bot. */
  async handOff(visitor: WebSocket, clientId: string): Promise<void> {
    const left = waitFor(visitor, (t) => {
      const f = parseServerFrame(t);
      return f?.t === "state" && f.conversation.status !== "bot" ? true : null;
    });
    visitor.send(chatFrame(clientId, "I need to talk to a human please"));
    await left;
  }

  /** The agent greets the visitor (which takes the conversation); resolves once the visitor has it. */
  async greet(agent: WebSocket, visitor: WebSocket, clientId: string): Promise<void> {
    const got = waitFor(visitor, (t) => {
      const f = parseServerFrame(t);
      return f?.t === "message" && f.message.author === "agent" ? true : null;
    });
    agent.send(chatFrame(clientId, "Hi, this is Sam. How can I help?"));
    await got;
  }

  private async hello(ws: WebSocket): Promise<WebSocket> {
    const welcome = waitFor(ws, (t) => (parseServerFrame(t)?.t === "welcome" ? true : null), 15_000, "welcome");
    ws.send(HELLO);
    await welcome;
    return ws;
  }
}
