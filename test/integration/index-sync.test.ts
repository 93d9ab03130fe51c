// The D1 index is never lost: while D1 cannot take the write (here its table is really missing), the
// conversation keeps working, the update waits in the object's outbox, and the alarm delivers it later.
// Own file: it takes the conversations table away, which no other test in this file's storage shares.
// (The object logs the failed deliveries to stderr while D1 is down: that log is expected.)

import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversation, until } from "./conversation-fixtures.ts";

async function row(id: string) {
  return env.DB.prepare("SELECT status, message_count, last_message_text, assignee_id FROM conversations WHERE id = ?").bind(id).first<{
    status: string;
    message_count: number;
    last_message_text: string;
  }>();
}

describe("D1 index outbox", () => {
  it("retries the index update after D1 was unavailable, with the latest state", async () => {
    const f = await conversation();
    // Keep the retry alarm in the future so only this test decides when it runs.
    await f.stub.advanceClockForTests(10 * 60_000);
    // The fixture's last messages may still be in the coalescing window: start from an index that is current.
    const count = (await f.stub.detail())!.state.messageCount;
    await until(async () => (await row(f.conversationId))?.message_count === count, "the index to catch up");
    const before = (await row(f.conversationId))!;

    await env.DB.exec("ALTER TABLE conversations RENAME TO conversations_offline");
    try {
      for (const text of ["first while D1 is down", "second while D1 is down"]) {
        f.visitor.send({ t: "send", clientId: text.replace(/\W/g, "-"), text });
        await f.visitor.waitFor("ack", (a) => a.clientId === text.replace(/\W/g, "-"));
      }
      const detail = (await f.stub.detail())!;
      expect(detail.messages.map((m) => m.text)).toContain("second while D1 is down");
      expect(detail.schedule.find((s) => s.kind === "index-retry")).toBeTruthy();
    } finally {
      await env.DB.exec("ALTER TABLE conversations_offline RENAME TO conversations");
    }
    expect(await row(f.conversationId)).toEqual(before);

    // The outbox is in storage: a fresh instance delivers it when the alarm fires.
    await evictDurableObject(f.stub);
    expect(await runDurableObjectAlarm(f.stub)).toBe(true);
    const after = (await row(f.conversationId))!;
    expect(after).toMatchObject({ status: "queued", message_count: before.message_count + 2, last_message_text: "second while D1 is down" });
  });
});
