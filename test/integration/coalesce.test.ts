// A busy conversation does not write D1 and call the Inbox once per message: changes that only move the
// message preview wait for the coalescing window (1 s), then go out together with the latest state;
// changes the queue and the lists act on (status, assignment, priority) go out at once.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversation, until } from "./conversation-fixtures.ts";

async function row(id: string) {
  return env.DB.prepare("SELECT status, priority, message_count, last_message_text FROM conversations WHERE id = ?")
    .bind(id)
    .first<{ status: string; priority: string; message_count: number; last_message_text: string }>();
}

describe("index coalescing", () => {
  it("sends a burst of messages to D1 as one update at the end of the window, and a status change at once", async () => {
    const f = await conversation();
    const settled = (await f.stub.detail())!.state.messageCount;
    await until(async () => (await row(f.conversationId))?.message_count === settled, "the index to catch up");
    await new Promise((r) => setTimeout(r, 1100)); // past the window: the next change is a new one

    const texts = Array.from({ length: 8 }, (_, i) => `burst ${i}`);
    for (const text of texts) {
      f.visitor.send({ t: "send", clientId: text.replace(" ", "-"), text });
      await f.visitor.waitFor("ack", (a) => a.clientId === text.replace(" ", "-"));
    }
    // The first message of the burst went out at once; the rest wait for the window.
    const during = (await row(f.conversationId))!;
    expect(during.message_count).toBeLessThan(settled + texts.length);
    expect(during.message_count).toBeGreaterThanOrEqual(settled + 1);

    await until(async () => (await row(f.conversationId))?.message_count === settled + texts.length, "the window's update", 3000);
    expect((await row(f.conversationId))!.last_message_text).toBe("burst 7");

    // A priority change is not a preview change: D1 has it when the call returns, inside the window.
    f.visitor.send({ t: "send", clientId: "after", text: "one more" });
    await f.visitor.waitFor("ack", (a) => a.clientId === "after");
    await f.stub.update({ priority: "urgent" });
    expect(await row(f.conversationId)).toMatchObject({ priority: "urgent", message_count: settled + texts.length + 1, last_message_text: "one more" });
  });
});
