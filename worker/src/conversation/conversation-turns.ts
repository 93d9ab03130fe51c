// The Conversation object's message turns: a visitor's message (stored, acknowledged, then triaged
// while the bot is in charge — the bot's whole turn is here) and an agent's reply or private note.

import type { Attachment, Channel } from "../../../protocol/src/types.ts";
import { setContactAttribute } from "../db/contacts.ts";
import { getSite } from "../db/sites.ts";
import { listTeamMemberIds } from "../db/teams.ts";
import { loadTriageContext, type TriageContext } from "../db/triage-context.ts";
import { isBusinessHours, localTime } from "../lib/time.ts";
import { detectLanguage } from "../triage/text.ts";
import { addHandoffNotice, planBotTurn, planQueuedAnswer } from "./bot.ts";
import { ConversationCore, type SendResult } from "./conversation-core.ts";
import { handoffNotice, nextOpening } from "./handoff-notice.ts";
import { transition, type AgentRef, type LifecycleEvent } from "./lifecycle.ts";
import { AGENT_ATTACHMENTS, checkMessage, visitorAttachmentRules } from "./limits.ts";
import { NOT_OWN_FILES, ownAttachments } from "./own-files.ts";
import { cachedVersion, compiledFor } from "./ruleset-cache.ts";
import type { CompiledRuleset } from "../triage/compile.ts";

/** The part of a bot turn that only classifies: what an offline message may get. */
type Classification = Extract<LifecycleEvent, { type: "setPriority" | "addLabels" | "setTeam" }>;

function describe(e: Classification): string {
  return e.type === "setPriority" ? `priority ${e.priority}` : e.type === "addLabels" ? `labels ${e.labels.join(", ")}` : `team ${e.team}`;
}

export abstract class ConversationTurns extends ConversationCore {
  protected async visitorMessage(input: {
    clientId: string;
    text: string;
    payload?: string;
    attachments?: Attachment[];
    channel?: Channel;
  }): Promise<SendResult> {
    if (!this.state) return { ok: false, code: "not_found", message: "No such conversation." };
    const key = `v:${input.clientId}`;
    const dup = this.store.findByClientKey(key);
    if (dup) return { ok: true, message: dup, duplicate: true };
    const viaChannel = input.channel !== undefined && input.channel !== "web";
    const rules =
      input.attachments?.length && !viaChannel
        ? visitorAttachmentRules((await getSite(this.env.DB, this.state.siteId))?.settings.attachments)
        : AGENT_ATTACHMENTS;
    const bad = checkMessage(input.text, input.attachments, rules);
    if (bad) return { ok: false, ...bad };
    if (input.attachments?.length) {
      // Only this conversation's uploads, as stored (issue 10): a frame cannot point anywhere else.
      const own = await ownAttachments(this.env.DB, this.state.id, input.attachments);
      if (!own) return NOT_OWN_FILES;
      const recheck = checkMessage(input.text, own, rules);
      if (recheck) return { ok: false, ...recheck };
      input = { ...input, attachments: own };
    }
    const now = this.now();
    const reopen = transition(this.state, { type: "visitorMessage" }, now);
    if (!reopen.ok) return reopen;
    this.setState(reopen.state);
    const files = input.attachments?.length ? { attachments: input.attachments } : {};
    const msg = this.appendMessage({ clientKey: key, author: "visitor", text: input.text, ...files }, now);
    this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "visitor");
    this.record(reopen.notes, now);
    const awaitsEmail = this.state.status === "queued" && this.state.pendingField?.kind === "handoff-email";
    // A file without a caption has nothing for the bot to read.
    if ((this.state.status === "bot" || awaitsEmail) && input.text.trim()) {
      try {
        await this.runBot(input.text, input.payload, now);
      } catch (e) {
        // The message is stored and acknowledged; a failed bot turn must not lose it or block the index.
        console.error("bot turn failed", this.state.id, e);
        await this.settle(now);
      }
    } else {
      if (reopen.notes.length) this.broadcast({ t: "state", conversation: this.view(this.state) });
      await this.settle(now);
    }
    return { ok: true, message: msg, duplicate: false };
  }

  protected async runBot(text: string, payload: string | undefined, now: number): Promise<void> {
    const s = this.state!;
    if (s.status !== "bot") {
      // Queued, with the email question asked at hand-off open: store an email if one was given.
      const plan = planQueuedAnswer(s, text, now);
      this.setState({ ...s, pendingField: null });
      for (const a of plan.attributes) await setContactAttribute(this.env.DB, s.contactId, a.name, a.value, now);
      for (const r of plan.replies) this.appendMessage({ author: "bot", text: r.text, trace: r.trace }, now);
      await this.settle(now);
      return;
    }
    const ctx = await loadTriageContext(this.env.DB, s.siteId, s.contactId, cachedVersion(s.siteId));
    const ruleset = ctx ? compiledFor(s.siteId, ctx.rulesetVersion, ctx.ruleset) : null;
    if (!ctx || !ruleset) {
      // No published ruleset: nobody is trapped with a bot that cannot answer.
      await this.applyEvents([{ type: "handoff", team: null, reason: "no-ruleset" }], now);
      return;
    }
    const { plan, replyLocale, businessHours } = this.plan(ruleset, ctx, text, payload, now);
    if (plan.handoff) {
      // Before promising a person, find out whether one is there (online agents of the team, hours).
      const members = plan.handoff.team ? await listTeamMemberIds(this.env.DB, s.siteId, plan.handoff.team) : [];
      const { online, free } = await this.env.INBOX.get(this.env.INBOX.idFromName(s.siteId))
        .availability(members.length ? members : null)
        .catch(() => ({ online: 0, free: 0 }));
      const opening = nextOpening(now, ctx.timezone, ctx.businessHours, replyLocale);
      const email = (plan.attributes.find((a) => a.name === "email")?.value as string | undefined) ?? ctx.contact.email;
      addHandoffNotice(
        plan,
        handoffNotice({
          settings: ruleset.source.settings,
          availability: { online, free, businessHours },
          locale: replyLocale,
          channel: s.channel,
          email,
          opening,
        }),
      );
    }
    this.setState({ ...this.state!, botTurns: s.botTurns + 1, missedTurns: s.missedTurns + (plan.missed ? 1 : 0), pendingField: plan.pendingField });
    // Answers are stored before the bot confirms them.
    for (const a of plan.attributes) await setContactAttribute(this.env.DB, s.contactId, a.name, a.value, now);
    for (const r of plan.replies)
      this.appendMessage({ author: "bot", text: r.text, ...(r.quickReplies ? { quickReplies: r.quickReplies } : {}), trace: r.trace }, now);
    await this.applyEvents(plan.events, now);
    if (plan.handoff?.note) this.appendMessage({ author: "system", text: `Hand-off note: ${plan.handoff.note}`, private: true, event: "handoff-note" }, now);
    // The trace rides on the turn's first bot message; notices carry it only when nothing came before.
    for (const text of plan.notices) this.appendMessage({ author: "bot", text, ...(plan.replies.length ? {} : { trace: plan.trace }) }, now);
    if (plan.afterHandoff) this.setState({ ...this.state!, pendingField: plan.afterHandoff });
    if (plan.notices.length || plan.handoff?.note) await this.settle(now); // the index shows the latest message
  }

  /** The rules' plan for a visitor message, in the visitor's language (Chinese text gets Chinese replies). */
  private plan(ruleset: CompiledRuleset, ctx: TriageContext, text: string, payload: string | undefined, now: number) {
    const s = this.state!;
    const t = localTime(now, ctx.timezone);
    const language = detectLanguage(text);
    const replyLocale = language === "zh" && !s.locale.startsWith("zh") ? "zh-CN" : s.locale;
    const businessHours = isBusinessHours(now, ctx.timezone, ctx.businessHours);
    const facts = {
      message: { text, ...(payload ? { payload } : {}), language },
      channel: s.channel,
      page: { ...(s.pageUrl ? { url: s.pageUrl } : {}) },
      visitor: { tier: ctx.contact.tier, ...(ctx.contact.email ? { email: ctx.contact.email } : {}), attributes: ctx.contact.attributes },
      conversation: { botTurns: s.botTurns, missedTurns: s.missedTurns, labels: s.labels },
      time: { businessHours, weekday: t.weekday, hour: t.hour },
    };
    return { plan: planBotTurn(ruleset, facts, { ...s, locale: replyLocale }, now), replyLocale, businessHours };
  }

  /**
   * Triage without the bot speaking, for a message left in the offline form (the visitor has gone, so
   * nothing is answered or asked): the rules' priority, labels and team apply, and a private note
   * tells agents what was applied, with the trace. Nothing else of the plan runs.
   */
  protected async classifyQuietly(text: string, now: number): Promise<void> {
    const s = this.state!;
    const ctx = await loadTriageContext(this.env.DB, s.siteId, s.contactId, cachedVersion(s.siteId));
    const ruleset = ctx ? compiledFor(s.siteId, ctx.rulesetVersion, ctx.ruleset) : null;
    if (!ctx || !ruleset) return;
    const { plan } = this.plan(ruleset, ctx, text, undefined, now);
    const events: Classification[] = [];
    for (const e of plan.events) {
      if (e.type === "setPriority" || e.type === "addLabels" || e.type === "setTeam") events.push(e);
      else if (e.type === "handoff" && e.team) events.push({ type: "setTeam", team: e.team });
    }
    if (!events.length) return;
    // Each one on its own: a refused change (say, an unknown team) leaves the others in place.
    const applied: string[] = [];
    for (const e of events) {
      const r = await this.applyEvents([e], now);
      if (!r.ok) continue;
      applied.push(describe(e));
    }
    if (!applied.length) return;
    this.appendMessage(
      { author: "system", text: `Triage of the offline message: ${applied.join("; ")}.`, private: true, event: "triage", trace: plan.trace },
      now,
    );
    await this.settle(now);
  }

  protected async agentMessage(input: {
    agent: AgentRef;
    clientId?: string;
    text: string;
    private?: boolean;
    attachments?: Attachment[];
  }): Promise<SendResult> {
    if (!this.state) return { ok: false, code: "not_found", message: "No such conversation." };
    const key = input.clientId ? `a:${input.clientId}` : undefined;
    if (key) {
      const dup = this.store.findByClientKey(key);
      if (dup) return { ok: true, message: dup, duplicate: true };
    }
    const bad = checkMessage(input.text, input.attachments, AGENT_ATTACHMENTS);
    if (bad) return { ok: false, ...bad };
    if (input.attachments?.length) {
      const own = await ownAttachments(this.env.DB, this.state.id, input.attachments);
      if (!own) return NOT_OWN_FILES;
      input = { ...input, attachments: own };
    }
    const now = this.now();
    const files = input.attachments?.length ? { attachments: input.attachments } : {};
    if (input.private) {
      const msg = this.appendMessage(
        {
          ...(key ? { clientKey: key } : {}),
          author: "agent",
          authorId: input.agent.id,
          authorName: input.agent.name,
          text: input.text,
          private: true,
          ...files,
        },
        now,
      );
      if (input.clientId) this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "agent");
      await this.settle(now);
      return { ok: true, message: msg, duplicate: false };
    }
    const r = transition(this.state, { type: "agentReplied", agent: input.agent }, now);
    if (!r.ok) return r;
    const viewBefore = JSON.stringify(this.view(this.state));
    this.setState(r.state);
    this.record(r.notes, now);
    const msg = this.appendMessage(
      {
        ...(key ? { clientKey: key } : {}),
        author: "agent",
        authorId: input.agent.id,
        authorName: input.agent.name,
        ...(input.agent.avatar ? { authorAvatar: input.agent.avatar } : {}),
        text: input.text,
        ...files,
      },
      now,
    );
    if (input.clientId) this.broadcast({ t: "ack", clientId: input.clientId, seq: msg.seq }, "agent");
    // Everyone hears of a change of status or agent (the reply that takes the conversation); the rest is in the message.
    const view = this.view(this.state);
    if (JSON.stringify({ ...view, lastSeq: undefined }) !== JSON.stringify({ ...JSON.parse(viewBefore), lastSeq: undefined }))
      this.broadcast({ t: "state", conversation: view });
    await this.settle(now);
    return { ok: true, message: msg, duplicate: false };
  }
}
