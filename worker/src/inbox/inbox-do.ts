// The Inbox Durable Object (one per site): the live mirror of open conversations, the queue, agent
// presence, and the stream to every connected console.

import { DurableObject } from "cloudflare:workers";
import { parseConsoleFrame, type AgentPresence, type ConsoleServerFrame, type PresenceStatus } from "../../../protocol/src/console-frames.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";

interface ConsoleInfo {
  agentId: string;
  name: string;
  status: "online" | "away";
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export class InboxDO extends DurableObject<Env> {
  private ready = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private get sql(): SqlStorage {
    const sql = this.ctx.storage.sql;
    if (!this.ready) {
      sql.exec(`CREATE TABLE IF NOT EXISTS open_conversations (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, priority_rank INTEGER NOT NULL, team TEXT, assignee_id TEXT,
        waiting_since INTEGER NOT NULL, body TEXT NOT NULL)`);
      this.ready = true;
    }
    return sql;
  }

  /** Called by a Conversation after every change: update the mirror and tell every console. */
  async conversationChanged(summary: ConversationSummary): Promise<void> {
    if (summary.status === "closed") this.sql.exec("DELETE FROM open_conversations WHERE id = ?", summary.id);
    else
      this.sql.exec(
        `INSERT INTO open_conversations (id, status, priority_rank, team, assignee_id, waiting_since, body) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority_rank = excluded.priority_rank, team = excluded.team,
           assignee_id = excluded.assignee_id, waiting_since = excluded.waiting_since, body = excluded.body`,
        summary.id,
        summary.status,
        PRIORITY_RANK[summary.priority],
        summary.team,
        summary.assigneeId,
        summary.handoffAt ?? summary.createdAt,
        JSON.stringify(summary),
      );
    this.broadcast({ t: "conversation", conversation: summary });
  }

  /** Conversations waiting for a person, by priority then by how long they have waited. */
  async queue(): Promise<ConversationSummary[]> {
    return this.sql
      .exec<{ body: string }>("SELECT body FROM open_conversations WHERE status = 'queued' ORDER BY priority_rank, waiting_since, id")
      .toArray()
      .map((r) => JSON.parse(r.body) as ConversationSummary);
  }

  /** 1-based queue position of a conversation, or null when it is not waiting. */
  async queuePosition(id: string): Promise<number | null> {
    const q = await this.queue();
    const i = q.findIndex((c) => c.id === id);
    return i < 0 ? null : i + 1;
  }

  /**
   * How many of the given agents (all agents of the site when null) have a console open and are
   * online (not away). The bot asks before it promises a visitor a person.
   */
  async availability(agentIds: string[] | null): Promise<{ online: number; away: number }> {
    const wanted = agentIds ? new Set(agentIds) : null;
    let online = 0;
    let away = 0;
    for (const a of this.presenceExcept(null)) {
      if (wanted && !wanted.has(a.id)) continue;
      if (a.status === "online") online++;
      else away++;
    }
    return { online, away };
  }

  /** Who is connected, with their status (agents with no console are offline and not listed). */
  async presence(): Promise<AgentPresence[]> {
    return this.presenceExcept(null);
  }

  private presenceExcept(closing: WebSocket | null): AgentPresence[] {
    const byAgent = new Map<string, AgentPresence>();
    for (const ws of this.ctx.getWebSockets("console")) {
      if (ws === closing) continue;
      const info = ws.deserializeAttachment() as ConsoleInfo | null;
      if (!info) continue;
      const prev = byAgent.get(info.agentId);
      const status: PresenceStatus = prev?.status === "online" || info.status === "online" ? "online" : "away";
      byAgent.set(info.agentId, { id: info.agentId, name: info.name, status });
    }
    return [...byAgent.values()];
  }

  /** Accepts a console socket the worker has already authenticated. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    let agent: { id: string; name: string };
    try {
      agent = JSON.parse(request.headers.get("x-parley-agent") ?? "") as { id: string; name: string };
    } catch {
      return new Response("bad agent", { status: 400 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, ["console"]);
    server.serializeAttachment({ agentId: agent.id, name: agent.name, status: "online" } satisfies ConsoleInfo);
    this.send(server, { t: "welcome", agents: await this.presence(), queue: await this.queue() });
    this.broadcast({ t: "presence", agents: await this.presence() }, server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const frame = parseConsoleFrame(data);
    const info = ws.deserializeAttachment() as ConsoleInfo | null;
    if (!frame || !info) return this.send(ws, { t: "error", code: "bad_frame", message: "That frame was not understood." });
    ws.serializeAttachment({ ...info, status: frame.status });
    this.broadcast({ t: "presence", agents: await this.presence() });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    this.broadcast({ t: "presence", agents: this.presenceExcept(ws) }, ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, "socket error");
    } catch {
      // gone
    }
  }

  private send(ws: WebSocket, frame: ConsoleServerFrame): void {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      // a dead console socket must not stop the others
    }
  }

  private broadcast(frame: ConsoleServerFrame, skip?: WebSocket): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets("console")) {
      if (ws === skip) continue;
      try {
        ws.send(text);
      } catch {
        // ignore
      }
    }
  }
}
