// What the visitor would see for a simulated message: the bot's plan for a fresh conversation, with the
// hand-off notice for the given availability. Pure; used by the rules simulator.

import type { QuickReply } from "../../../protocol/src/types.ts";
import type { CompiledRuleset } from "../triage/compile.ts";
import type { Facts } from "../triage/evaluate.ts";
import { addHandoffNotice, planBotTurn } from "./bot.ts";
import { handoffNotice, type Availability, type NoticeKind } from "./handoff-notice.ts";
import type { ConversationState } from "./lifecycle.ts";

export interface Preview {
  /** The bot's messages, in order, in the visitor's language. */
  messages: { text: string; quickReplies?: QuickReply[] }[];
  handoff: { team: string | null; notice: NoticeKind } | null;
  /** The field the bot would then wait for (askField). */
  asks: string | null;
  /** Contact fields the message itself answered (e.g. an order number in the text). */
  stores: { name: string; value: unknown }[];
}

/** Plans a fresh web conversation's reply to the message, as the Conversation object would. */
export function previewReplies(
  ruleset: CompiledRuleset,
  facts: Facts,
  at: number,
  locale: string,
  availability: Availability,
  opening: string | null,
): Preview {
  const state: ConversationState = {
    ...{ id: "preview", siteId: "", contactId: "", visitorId: null, channel: facts.channel as ConversationState["channel"], status: "bot", priority: "normal" },
    ...{ team: null, assignee: null, labels: facts.conversation.labels, botTurns: facts.conversation.botTurns, missedTurns: facts.conversation.missedTurns },
    ...{ pendingField: null, locale, pageUrl: facts.page?.url ?? null, snoozeUntil: null, handoffAt: null, firstResponseAt: null, resolvedAt: null },
    ...{ createdAt: at, updatedAt: at, lastSeq: 0, messageCount: 0, lastMessage: null },
  };
  const plan = planBotTurn(ruleset, facts, state, at);
  let notice: NoticeKind | null = null;
  if (plan.handoff) {
    const n = handoffNotice({ settings: ruleset.source.settings, availability, locale, channel: facts.channel, email: facts.visitor.email ?? null, opening });
    addHandoffNotice(plan, n);
    notice = n.kind;
  }
  return {
    messages: [
      ...plan.replies.map((r) => ({ text: r.text, ...(r.quickReplies ? { quickReplies: r.quickReplies } : {}) })),
      ...plan.notices.map((text) => ({ text })),
    ],
    handoff: plan.handoff ? { team: plan.handoff.team, notice: notice! } : null,
    asks: plan.pendingField?.field ?? plan.afterHandoff?.field ?? null,
    stores: plan.attributes,
  };
}
