// The bot in a real Conversation object: askField stores answers on the contact, a person replying
// silences the bot at once, hand-offs say honestly what happens next, and the built-ins hold.

import { describe, expect, it } from "vitest";
import { call, Client, connect, login, ORIGIN, seedSite, startVisitor, visitorSocketPath } from "./helpers.ts";

interface Detail {
  conversation: { status: string; priority: string; team: string | null; labels: string[] };
  contact: { email: string | null; attributes: Record<string, unknown> };
  messages: { author: string; text: string; private?: boolean; trace?: { builtin?: { kind: string } } }[];
}

async function detail(cookie: string, id: string): Promise<Detail> {
  return (await (await call(`/api/v1/conversations/${id}`, { cookie })).json()) as Detail;
}

/**
 * Sends a visitor message and waits for its ack. The object works serially, so the ack also means every
 * earlier message was fully handled; a bot reply to this one is awaited with `botSays`.
 */
let n = 0;
async function say(visitor: Client, text: string, payload?: string): Promise<void> {
  const id = `m${n++}`;
  visitor.send({ t: "send", clientId: id, text, ...(payload ? { payload } : {}) });
  await visitor.waitFor("ack", (f) => f.clientId === id);
}

/** Waits until the visitor has received `count` bot messages in all; returns their texts. */
async function botSays(visitor: Client, count: number): Promise<string[]> {
  await visitor.waitFor("message", () => visitor.messages().filter((m) => m.author === "bot").length >= count);
  return visitor
    .messages()
    .filter((m) => m.author === "bot")
    .map((m) => m.text);
}

async function startChat(site: string) {
  const v = await startVisitor(site);
  return { v, visitor: await connect(visitorSocketPath(site, v)) };
}

/** Business hours where today (and the days around it) are holidays: closed now, open again later. */
function closedNow(): object {
  const day = (d: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + d * 86_400_000));
  const weekly = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((w) => [String(w), [["09:00", "18:00"]]]));
  return { weekly, holidays: [day(-1), day(0), day(1)] };
}

describe("bot behaviour in a conversation", () => {
  it("asks for a field, re-asks a bad answer, stores the good one on the contact and carries on", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const { v, visitor } = await startChat(site);
    await say(visitor, "where is my order?");
    await say(visitor, "um, no idea");
    await say(visitor, "A12345");
    await botSays(visitor, 3);
    const d = await detail(cookie, v.conversationId);
    expect(d.messages.filter((m) => m.author === "bot").map((m) => m.text)).toEqual([
      "Sure. What is your order number? (It looks like A12345.)",
      "That doesn't look like an order number: it's a letter and five digits, like A12345.",
      "Thanks! You can follow order **A12345** at [example.com/track](https://example.com/track). Anything else?",
    ]);
    expect(d.contact.attributes.orderNumber).toBe("A12345");
    expect(d.conversation.labels).toEqual(["order"]);
    expect(d.conversation.status).toBe("bot");
    visitor.close();
  });

  it("goes quiet the moment a person replies, even while the bot is in charge", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const { v, visitor } = await startChat(site);
    await say(visitor, "hello");
    const reply = await call(`/api/v1/conversations/${v.conversationId}/messages`, {
      method: "POST",
      cookie,
      headers: { origin: ORIGIN },
      body: JSON.stringify({ text: "Hi, Sam here." }),
    });
    expect(reply.status).toBe(201);
    await say(visitor, "where is my order?");
    await say(visitor, "human");
    await say(visitor, "anyone?"); // its ack means the two before were fully handled
    const d = await detail(cookie, v.conversationId);
    expect(d.messages.map((m) => m.author)).toEqual(["visitor", "bot", "system", "agent", "visitor", "visitor", "visitor"]);
    expect(d.conversation.status).toBe("assigned");
    visitor.close();
  });

  it("outside hours with nobody online, says a person will answer by email and takes the address", async () => {
    const { site, agent } = await seedSite({ businessHours: closedNow() });
    const cookie = await login(agent);
    const { v, visitor } = await startChat(site);
    await say(visitor, "I need a human");
    const bot = await botSays(visitor, 2);
    let d = await detail(cookie, v.conversationId);
    expect(d.conversation.status).toBe("queued");
    expect(bot[0]).toMatch(/^Our team is offline right now\. A person will answer by email when we're back \(\w+ 09:00\)\.$/);
    expect(bot[1]).toBe("What email address should we answer at?");

    await say(visitor, "sure: Ann.Lee@Example.com");
    expect((await botSays(visitor, 3))[2]).toBe("Thank you. We'll answer at ann.lee@example.com.");
    d = await detail(cookie, v.conversationId);
    expect(d.contact.email).toBe("ann.lee@example.com");

    await say(visitor, "hello? anyone?"); // the question is closed: no more bot in a queued conversation
    await say(visitor, "still there?");
    d = await detail(cookie, v.conversationId);
    expect(d.messages.slice(-3).map((m) => m.author)).toEqual(["bot", "visitor", "visitor"]);
    visitor.close();
  });

  it("routes a severe complaint urgently to the complaints team, with a note only agents see", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const live = await connect(`/api/v1/sites/${site}/live`, { cookie }); // an agent is online
    const { v, visitor } = await startChat(site);
    await say(visitor, "This is unacceptable, I want my money back");
    await botSays(visitor, 2);
    const d = await detail(cookie, v.conversationId);
    expect(d.conversation).toMatchObject({ status: "queued", priority: "urgent", team: "complaints", labels: ["complaint", "severity:high"] });
    expect(d.messages.map((m) => [m.author, m.text])).toEqual([
      ["visitor", "This is unacceptable, I want my money back"],
      ["bot", "I'm very sorry about this. I've marked it urgent and passed it to our complaints team."],
      ["system", "Handed off to a person (team complaints)."],
      ["system", "Hand-off note: Severe complaint: answer first."],
      ["bot", "A person will join this chat in a moment."],
    ]);
    expect(d.messages[3]!.private).toBe(true);
    expect(visitor.messages().some((m) => m.text.startsWith("Hand-off note"))).toBe(false);
    visitor.close();
    live.close();
  });

  it("hands off by itself after maxBotTurns messages it could not help with", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const { v, visitor } = await startChat(site);
    await say(visitor, "blorp");
    await say(visitor, "zzz");
    expect(await botSays(visitor, 2)).toEqual([expect.stringContaining("I didn't catch that"), expect.stringContaining("I didn't catch that")]);
    await say(visitor, "qwerty");
    await visitor.waitFor("state", (f) => f.conversation.status === "queued");
    const d = await detail(cookie, v.conversationId);
    expect(d.messages.filter((m) => m.trace?.builtin?.kind === "max-bot-turns").length).toBeGreaterThan(0);
    visitor.close();
  });

  it("the hand-off button works while the bot waits for an answer", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const { v, visitor } = await startChat(site);
    await say(visitor, "where is my order?");
    await say(visitor, "Talk to a person", "__handoff");
    await visitor.waitFor("state", (f) => f.conversation.status === "queued");
    const d = await detail(cookie, v.conversationId);
    expect(d.contact.attributes.orderNumber).toBeUndefined();
    visitor.close();
  });
});
