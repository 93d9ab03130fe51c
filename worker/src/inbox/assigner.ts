// Carries auto-assignment out for the Inbox: one pass at a time over the whole queue (a change during a
// pass asks for one more), each planned assignment made through the Conversation's own `assign` RPC
// (`unlessTaken`, `ifQueued`), so a claim made meanwhile always wins; a failure re-arms the alarm.

import type { ConversationSummary } from "../../../protocol/src/types.ts";
import { summaryOf } from "../conversation/index-sync.ts";
import { conversationStub } from "../stubs.ts";
import type { AgentState } from "./agent-state.ts";
import { planAssignments, type Assignment } from "./assign.ts";
import { connected, statusOf } from "./consoles.ts";
import type { Mirror } from "./mirror.ts";
import type { RosterCache } from "./roster.ts";

/** Auto-assignments carried out at once (each is one RPC to a Conversation object). */
const CONCURRENCY = 8;
/** When an assignment failed (a Conversation unreachable), the queue is tried again this much later. */
export const RETRY_MS = 5_000;

export interface AssignerDeps {
  ctx: DurableObjectState;
  env: Env;
  mirror: () => Mirror;
  agents: () => AgentState;
  roster: () => RosterCache | null;
  /** The summary with the customer's name, as the Inbox keeps it. */
  enrich: (s: ConversationSummary) => Promise<ConversationSummary>;
}

export class Assigner {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly deps: AssignerDeps;

  constructor(deps: AssignerDeps) {
    this.deps = deps;
  }

  /**
   * Starts a pass, or asks the one under way to run once more. Never awaited by `conversationChanged`:
   * the Conversation's outbox waits on that call while the assignment waits on the Conversation.
   */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch((e: unknown) => console.error("inbox: assignment pass failed", e));
      } while (this.again);
    })().finally(() => (this.running = null));
  }

  /** Resolves when no pass is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(): Promise<void> {
    const { ctx, mirror, agents } = this.deps;
    const queue = mirror().queue();
    const cache = this.deps.roster();
    if (!queue.length || !cache) return;
    const roster = await cache.get(Date.now());
    const online = connected(ctx);
    const chosen = agents().chosen();
    const released = mirror().released();
    const plans = planAssignments({
      queue: queue.map((c) => ({ id: c.id, team: c.team, released: released.get(c.id) ?? [] })),
      roster,
      online: new Set([...online.keys()].filter((id) => statusOf(id, online, chosen) === "online")),
      loads: mirror().loads(),
      pointers: agents().pointers(),
      lastAssigned: agents().lastAssigned(),
    });
    let failed = false;
    for (let i = 0; i < plans.length; i += CONCURRENCY)
      await Promise.all(plans.slice(i, i + CONCURRENCY).map((p) => this.carryOut(p).catch(() => (failed = true))));
    if (failed) await ctx.storage.setAlarm(Date.now() + RETRY_MS);
  }

  private async carryOut(p: Assignment): Promise<void> {
    const agent = { id: p.agent.id, name: p.agent.name, ...(p.agent.avatar ? { avatar: p.agent.avatar } : {}) };
    const r = await conversationStub(this.deps.env, p.conversationId).assign({ agent, by: agent, unlessTaken: true, ifQueued: true });
    if (!r.ok) return; // claimed, resolved or handed back meanwhile: the mirror hears of it from the Conversation
    this.deps.agents().assigned(p.pool, p.agent.id, Date.now());
    // Normally the Conversation's own update has arrived by now; this covers a delivery still pending.
    if ("state" in r) this.deps.mirror().apply(await this.deps.enrich({ ...summaryOf(r.state), assigneeName: r.state.assignee?.name ?? null }));
  }
}
