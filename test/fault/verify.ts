// Checks the fault test's outcome against the server's stored history and its D1 index.

import type { ChatMessage, ConversationSummary } from "../../protocol/src/types.ts";
import type { ChatClient } from "./chat-client.ts";

export interface ConversationUnderTest {
  id: string;
  clients: ChatClient[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * For every sender: each message it sent is stored exactly once (acknowledged ones included), in the
 * order it was sent, at the seq its ack named. For every client: it holds exactly the messages the
 * server would show it, each received once. The D1 index agrees with each conversation's object.
 */
export async function verify(
  conversations: ConversationUnderTest[],
  detail: (id: string) => Promise<{ conversation: { messageCount: number }; messages: ChatMessage[] }>,
  index: () => Promise<ConversationSummary[]>,
): Promise<{ figures: Record<string, number>; violations: string[] }> {
  const violations: string[] = [];
  const f = {
    stored: 0,
    sent: 0,
    acknowledged: 0,
    resent: 0,
    lost: 0,
    duplicates: 0,
    orderViolations: 0,
    ackMismatches: 0,
    clientGaps: 0,
    duplicateDeliveries: 0,
    indexStale: 0,
  };
  for (const c of conversations) {
    const { messages } = await detail(c.id);
    f.stored += messages.length;
    for (const client of c.clients) {
      const mine = messages.filter((m) => m.clientId?.startsWith(`${client.name}-`));
      const ids = mine.map((m) => m.clientId!);
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      const dups = [...counts.values()].filter((n) => n > 1).length;
      const lost = client.sentIds.filter((id) => !counts.has(id));
      const order = client.sentIds.filter((id) => counts.has(id));
      const inOrder = JSON.stringify([...new Set(ids)]) === JSON.stringify(order);
      const ackMismatch = [...client.acked].filter(([id, seq]) => mine.find((m) => m.clientId === id)?.seq !== seq).length;
      f.sent += client.stats.sent;
      f.acknowledged += client.stats.acked;
      f.resent += client.stats.resent;
      f.lost += lost.length;
      f.duplicates += dups;
      f.ackMismatches += ackMismatch + client.stats.conflictingAcks;
      if (!inOrder) f.orderViolations++;
      if (lost.length) violations.push(`${c.id} ${client.name}: ${lost.length} lost (${lost.slice(0, 5).join(", ")})`);
      if (dups) violations.push(`${c.id} ${client.name}: ${dups} stored more than once`);
      if (!inOrder) violations.push(`${c.id} ${client.name}: stored out of send order`);
      if (ackMismatch || client.stats.conflictingAcks) violations.push(`${c.id} ${client.name}: acks disagree with storage`);

      // The client's own view: exactly what the server shows its role, each message delivered once.
      const visible = messages.filter((m) => !(client.name.startsWith("v") && m.private)).map((m) => m.seq);
      const deadline = Date.now() + 5000;
      while (client.seen.size < visible.length && Date.now() < deadline) await sleep(20);
      const missing = visible.filter((s) => !client.seen.has(s));
      const extra = [...client.seen.keys()].filter((s) => !visible.includes(s));
      f.clientGaps += missing.length + extra.length;
      f.duplicateDeliveries += client.stats.duplicateDeliveries;
      if (missing.length || extra.length)
        violations.push(`${c.id} ${client.name}: view differs from the server (${missing.length} missing, ${extra.length} extra)`);
      if (client.stats.duplicateDeliveries) violations.push(`${c.id} ${client.name}: ${client.stats.duplicateDeliveries} messages delivered twice`);
    }
  }
  // The D1 index converges to each object's state (the outbox retries what the kill interrupted).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = new Map((await index()).map((r) => [r.id, r]));
    const stale: string[] = [];
    for (const c of conversations) {
      const { conversation } = await detail(c.id);
      if (rows.get(c.id)?.messageCount !== conversation.messageCount) stale.push(c.id);
    }
    f.indexStale = stale.length;
    if (!stale.length || Date.now() > deadline) {
      if (stale.length) violations.push(`D1 index stale for ${stale.join(", ")}`);
      break;
    }
    await sleep(200);
  }
  return { figures: f, violations };
}
