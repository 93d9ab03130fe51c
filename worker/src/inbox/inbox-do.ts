// The Inbox Durable Object (one per site): the mirror of the site's open conversations and the queue,
// agent presence (console sockets + the status each chose), load and capacity, auto-assignment, and the
// live stream to every console. What must survive hibernation lives in its SQLite and the socket
// attachments; a new instance reconciles the mirror with D1 before doing anything else.

import { DurableObject } from "cloudflare:workers";
import { parseConsoleFrame, type AgentPresence } from "../../../protocol/src/console-frames.ts";
import type { SlaAlert } from "../../../protocol/src/sla.ts";
import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { getContact } from "../db/contacts.ts";
import { AgentState } from "./agent-state.ts";
import { Assigner } from "./assigner.ts";
import type { Roster } from "./assign.ts";
import { agentTag, broadcast, connected, presenceList, sendFrame, sendSnapshot, statusOf, type ConsoleInfo } from "./consoles.ts";
import { Mirror } from "./mirror.ts";
import { rebuildMirror } from "./rebuild.ts";
import { RosterCache } from "./roster.ts";

/** Whose load a conversation counts toward (assigned or pending), if anyone's. */
function loadOf(c: ConversationSummary | null): string | null {
  return c?.assigneeId && (c.status === "assigned" || c.status === "pending") ? c.assigneeId : null;
}

/** The site's inbox as the HTTP API returns it. */
export interface InboxState {
  agents: AgentPresence[];
  queue: ConversationSummary[];
  assignment: Roster["strategy"];
  teams: { id: string; name: string; assignment: Roster["strategy"] | null; members: string[] }[];
}

export class InboxDO extends DurableObject<Env> {
  private mirrorInstance: Mirror | undefined;
  private agentsInstance: AgentState | undefined;
  private rosterInstance: RosterCache | undefined;
  private started: Promise<void> | null = null;
  private assignerInstance: Assigner | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered by the runtime without waking a hibernated object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private get mirror(): Mirror {
    return (this.mirrorInstance ??= new Mirror(this.ctx.storage.sql));
  }

  private get agents(): AgentState {
    return (this.agentsInstance ??= new AgentState(this.ctx.storage.sql));
  }

  private get assigner(): Assigner {
    return (this.assignerInstance ??= new Assigner({
      ctx: this.ctx,
      env: this.env,
      mirror: () => this.mirror,
      agents: () => this.agents,
      roster: () => this.roster(),
      enrich: (s) => this.withContact(s),
    }));
  }

  private get siteId(): string | null {
    return (this.ctx.storage.kv.get("site") as string | undefined) ?? null;
  }

  private roster(): RosterCache | null {
    const site = this.siteId;
    return site ? (this.rosterInstance ??= new RosterCache(this.env.DB, site)) : null;
  }

  /**
   * Once per instance (after a restart or a wake from hibernation): remember the site and reconcile
   * the mirror with D1, which every Conversation keeps current — an update the Inbox missed while it
   * was down is picked up here. Nothing else runs meanwhile.
   */
  private ready(siteId: string): Promise<void> {
    if (!this.siteId) this.ctx.storage.kv.put("site", siteId);
    return (this.started ??= this.ctx
      .blockConcurrencyWhile(async () => {
        await rebuildMirror(this.env.DB, siteId, this.mirror, this.agents);
        this.assigner.kick();
      })
      .catch((e: unknown) => {
        console.error("inbox rebuild from D1 failed; serving the mirror as it is", siteId, e);
      }));
  }

  /** `ready` for calls that do not name the site (known once anything has). */
  private async readyIfKnown(): Promise<void> {
    const site = this.siteId;
    if (site) await this.ready(site);
  }

  // ---- RPC from Conversation objects and routes --------------------------------------------------

  /** Called by a Conversation after every change: update the mirror, tell every console, assign. */
  async conversationChanged(summary: ConversationSummary): Promise<void> {
    await this.ready(summary.siteId);
    const enriched = await this.withContact(summary);
    const { previous, applied } = this.mirror.apply(enriched);
    if (!applied) return; // a late, older update: consoles have a newer one already
    const queued = enriched.status === "queued" && !enriched.assigneeId;
    // Given back (unassigned or transferred): not offered to the same agent again.
    if (previous?.assigneeId && queued) this.mirror.release(enriched.id, previous.assigneeId);
    if (!this.mirror.get(enriched.id)) this.agents.forget(enriched.id);
    broadcast(this.ctx, { t: "conversation", conversation: enriched });
    const loadChanged = loadOf(previous) !== loadOf(enriched);
    if (loadChanged) await this.broadcastAgents([loadOf(previous), loadOf(enriched)]);
    if (queued || loadChanged) this.assigner.kick();
  }

  /** Called by a Conversation when an SLA target is about to be missed or was breached: tell the team. */
  async slaAlert(alert: SlaAlert): Promise<void> {
    broadcast(this.ctx, { t: "sla", alert });
  }

  /** Conversations waiting for a person, by priority then by how long they have waited. */
  async queue(): Promise<ConversationSummary[]> {
    await this.readyIfKnown();
    return this.mirror.queue();
  }

  /** 1-based queue position of a conversation, or null when it is not waiting. */
  async queuePosition(id: string): Promise<number | null> {
    await this.readyIfKnown();
    const i = this.mirror.queueIds().indexOf(id);
    return i < 0 ? null : i + 1;
  }

  /**
   * How many of the given agents (all agents of the site when null) have a console open and are
   * online or away, and how many of the online ones have room for another conversation (load below
   * capacity). The bot asks before it promises a visitor a person.
   */
  async availability(agentIds: string[] | null): Promise<{ online: number; away: number; free: number }> {
    await this.readyIfKnown();
    const wanted = agentIds ? new Set(agentIds) : null;
    const chosen = this.agents.chosen();
    const here = connected(this.ctx);
    const roster = await this.roster()
      ?.get(Date.now())
      .catch(() => null);
    const capacity = new Map((roster?.members ?? []).map((m) => [m.id, m.capacity]));
    const loads = this.mirror.loads();
    let online = 0;
    let away = 0;
    let free = 0;
    for (const id of here.keys()) {
      if (wanted && !wanted.has(id)) continue;
      const s = statusOf(id, here, chosen);
      if (s === "online") {
        online++;
        if ((loads.get(id) ?? 0) < (capacity.get(id) ?? Infinity)) free++;
      } else if (s === "away") away++;
    }
    return { online, away, free };
  }

  /** Everyone on the site with status, load and capacity. */
  async presence(): Promise<AgentPresence[]> {
    await this.readyIfKnown();
    const roster = await this.roster()?.get(Date.now());
    return presenceList(roster ?? null, connected(this.ctx), this.agents.chosen(), this.mirror.loads());
  }

  /** The inbox for the HTTP API: people, the queue in order, teams and strategies. */
  async state(siteId: string): Promise<InboxState> {
    await this.ready(siteId);
    const roster = await this.roster()!.get(Date.now());
    return {
      agents: presenceList(roster, connected(this.ctx), this.agents.chosen(), this.mirror.loads()),
      queue: this.mirror.queue(),
      assignment: roster.strategy,
      teams: roster.teams,
    };
  }

  /** People, capacities, teams or strategies changed (settings): re-read them and assign again. */
  async rosterChanged(siteId: string): Promise<void> {
    await this.ready(siteId);
    this.roster()?.invalidate();
    await this.broadcastPresence(true);
    this.assigner.kick();
  }

  /** A contact was edited, merged or erased: read it again and re-send its open conversations. */
  async contactChanged(siteId: string, contactId: string): Promise<void> {
    await this.ready(siteId);
    const c = await getContact(this.env.DB, contactId).catch(() => null);
    this.mirror.setContact(contactId, c?.name ?? null, c?.tier ?? null, Date.now());
    for (const s of this.mirror.all()) {
      if (s.contactId !== contactId) continue;
      const now = { ...s, contactName: c?.name ?? null, contactTier: c?.tier ?? null };
      this.mirror.apply(now);
      broadcast(this.ctx, { t: "conversation", conversation: now });
    }
  }

  /** Tries the queue again after a failed assignment. */
  override async alarm(): Promise<void> {
    const site = this.siteId;
    if (!site) return;
    await this.ready(site);
    this.assigner.kick();
    await this.assigner.settled();
  }

  // ---- consoles ----------------------------------------------------------------------------------

  /** Accepts a console socket the worker has already authenticated (agent and site in headers). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    let agent: { id: string; name: string };
    try {
      agent = JSON.parse(request.headers.get("x-parley-agent") ?? "") as { id: string; name: string };
    } catch {
      return new Response("bad agent", { status: 400 });
    }
    const siteId = request.headers.get("x-parley-site");
    if (!siteId || typeof agent?.id !== "string") return new Response("bad agent", { status: 400 });
    await this.ready(siteId);
    const roster = await this.roster()!
      .get(Date.now())
      .catch(() => null);
    const wasConnected = connected(this.ctx).has(agent.id);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, ["console", agentTag(agent.id)]);
    server.serializeAttachment({ agentId: agent.id, name: agent.name } satisfies ConsoleInfo);
    const all = this.mirror.all();
    const agents = presenceList(roster, connected(this.ctx), this.agents.chosen(), this.mirror.loads());
    sendFrame(server, {
      t: "welcome",
      me: agent.id,
      agents,
      queue: this.mirror.queueIds(),
      teams: (roster?.teams ?? []).map((t) => ({ id: t.id, name: t.name, assignment: t.assignment })),
      assignment: roster?.strategy ?? "round_robin",
      reads: this.agents.reads(agent.id, new Set(all.map((c) => c.id))),
      total: all.length,
    });
    sendSnapshot(server, all);
    if (!wasConnected) {
      broadcast(this.ctx, { t: "agents", agents: agents.filter((a) => a.id === agent.id) }, { skip: server });
      this.assigner.kick();
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    await this.readyIfKnown();
    const frame = parseConsoleFrame(data);
    const info = ws.deserializeAttachment() as ConsoleInfo | null;
    if (!frame || !info) return sendFrame(ws, { t: "error", code: "bad_frame", message: "That frame was not understood." });
    if (frame.t === "read") {
      if (this.mirror.get(frame.conversationId) && this.agents.read(info.agentId, frame.conversationId, frame.at))
        broadcast(this.ctx, { t: "read", conversationId: frame.conversationId, at: frame.at }, { agentId: info.agentId, skip: ws });
      return;
    }
    this.agents.choose(info.agentId, frame.status, Date.now());
    await this.broadcastAgents([info.agentId]);
    if (frame.status === "online") this.assigner.kick();
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    const info = ws.deserializeAttachment() as ConsoleInfo | null;
    if (info && !connected(this.ctx, ws).has(info.agentId)) await this.broadcastAgents([info.agentId], ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    try {
      ws.close(1011, "socket error");
    } catch {
      // gone
    }
  }

  // ---- internals ---------------------------------------------------------------------------------

  private async presenceNow(refresh: boolean, closing?: WebSocket): Promise<AgentPresence[]> {
    const cache = this.roster();
    const roster = (!refresh && cache?.peek()) || (await cache?.get(Date.now()).catch(() => null)) || null;
    return presenceList(roster, connected(this.ctx, closing), this.agents.chosen(), this.mirror.loads());
  }

  /** Everyone's presence to every console (after a settings change). */
  private async broadcastPresence(refresh = false): Promise<void> {
    broadcast(this.ctx, { t: "presence", agents: await this.presenceNow(refresh) });
  }

  /** Only the agents that changed (status, load): a small frame, however many people the site has. */
  private async broadcastAgents(ids: (string | null)[], closing?: WebSocket): Promise<void> {
    const wanted = new Set(ids.filter((id): id is string => !!id));
    if (!wanted.size) return;
    const agents = (await this.presenceNow(false, closing)).filter((a) => wanted.has(a.id));
    if (agents.length) broadcast(this.ctx, { t: "agents", agents }, closing ? { skip: closing } : {});
  }

  /** The summary with the customer's name and tier (read from D1 when unknown; refreshed when old). */
  private async withContact(s: ConversationSummary): Promise<ConversationSummary> {
    const now = Date.now();
    const known = this.mirror.contact(s.contactId, now);
    const fetch = async () => {
      try {
        const c = await getContact(this.env.DB, s.contactId);
        this.mirror.setContact(s.contactId, c?.name ?? null, c?.tier ?? null, Date.now());
      } catch (e) {
        console.error("inbox: reading a contact failed", s.contactId, e);
      }
    };
    if (!known) await fetch();
    else if (known.stale) void fetch(); // the next update carries the fresh name; this one does not wait
    const c = this.mirror.contact(s.contactId, now);
    return { ...s, contactName: c?.name ?? null, contactTier: c?.tier ?? null };
  }
}
