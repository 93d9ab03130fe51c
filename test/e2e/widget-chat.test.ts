// Chatting in the browser: sending and receiving, bot quick replies, the hand-off button and the
// queue position, safe rich text, agent name, typing and seen both ways, unread badge, CSAT, events.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";
import { agentApi, agentEmail, conversationOf, openVisitor, say, sitePage } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records the public events (CONTRACT §2) through Parley("on", …) from the start of the page. */
const RECORD_EVENTS = () => {
  const w = window as unknown as { Parley: ((...a: unknown[]) => void) & { q?: unknown[][] }; __events: [string, unknown][] };
  w.__events = [];
  w.Parley = (...a: unknown[]) => void (w.Parley.q ??= []).push(a);
  for (const name of ["ready", "open", "close", "message", "unread", "handoff", "resolved", "error"])
    w.Parley("on", name, (d: unknown) => w.__events.push([name, d]));
};

describe("chatting", () => {
  it("goes from bot quick replies through the hand-off button and the queue to a person, rendering text safely", async () => {
    const site = E2E_SITES.queue;
    const v = await openVisitor(browser, sitePage(baseUrl, site));
    await v.page.addInitScript(RECORD_EVENTS);
    await v.page.reload();
    await say(v, "hello");
    const chip = v.part("quick-reply").filter({ hasText: "Shipping" });
    await chip.waitFor();
    await chip.click();
    await v.part("message-visitor").filter({ hasText: "Shipping" }).waitFor();
    await expect.poll(() => v.part("message-bot").count()).toBe(2);

    await v.part("handoff").click();
    const status = v.page.locator("parley-chat").locator('[part~="status"][data-kind="waiting"]');
    await status.filter({ hasText: "you are number 1 in line" }).waitFor({ timeout: 15_000 });
    expect(await v.part("handoff").count()).toBe(0);

    const id = await conversationOf(v);
    const agent = await agentApi(baseUrl, agentEmail(site));
    await agent.claim(id);
    await agent.reply(
      id,
      '**Good news**: see https://example.com/track?id=7.\n- one\n- two\n<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
    );
    const reply = v.part("message-agent").last();
    await reply.waitFor();
    expect(await reply.locator("strong").textContent()).toBe("Good news");
    expect(await reply.locator("a").getAttribute("href")).toBe("https://example.com/track?id=7");
    expect(await reply.locator("li").allTextContents()).toEqual(["one", "two"]);
    expect(await reply.locator("img, script").count()).toBe(0);
    expect(await reply.textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await v.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await v.part("message-agent").locator(".name").first().textContent()).toBe("Sam Agent");
    await v.page.locator("parley-chat").locator('[part~="message-system"]', { hasText: "Sam Agent joined the conversation" }).waitFor();

    const events = await v.page.evaluate(() => (window as unknown as { __events: [string, Record<string, unknown>][] }).__events);
    const names = events.map(([n]) => n);
    expect(names.slice(0, 2)).toEqual(["ready", "open"]);
    expect(events.filter(([n]) => n === "handoff")).toEqual([["handoff", { team: "support" }]]);
    const authors = events.filter(([n]) => n === "message").map(([, d]) => d.author);
    // hello → greeting, Shipping → answer, Talk to a person → the bot's hand-off notice(s), then the agent.
    expect(authors.slice(0, 5)).toEqual(["visitor", "bot", "visitor", "bot", "visitor"]);
    expect(authors.slice(5, -1).every((a) => a === "bot")).toBe(true);
    expect(authors.at(-1)).toBe("agent");
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("shows typing and seen both ways", async () => {
    const site = E2E_SITES.queue;
    const v = await openVisitor(browser, sitePage(baseUrl, site));
    await say(v, "I need a human please");
    const id = await conversationOf(v);
    const agent = await agentApi(baseUrl, agentEmail(site));
    await agent.claim(id);
    const socket = await agent.socket(id);

    await v.part("input").pressSequentially("where is my par");
    await socket.waitFor((f) => f.t === "typing" && f.author === "visitor" && f.on === true);
    await v.part("input").press("Enter");
    await socket.waitFor((f) => f.t === "typing" && f.author === "visitor" && f.on === false);

    socket.send({ t: "typing", on: true });
    await v.part("typing").filter({ hasText: "Sam Agent is typing…" }).waitFor();
    socket.send({ t: "send", clientId: "agent-1", text: "Let me check." });
    await v.part("message-agent").filter({ hasText: "Let me check." }).waitFor();
    expect(await v.part("typing").textContent()).not.toContain("typing");
    // The panel is open: the visitor has seen the agent's message, and the agent is told.
    const seen = await socket.waitFor((f) => f.t === "seen" && f.by === "visitor");
    expect(seen.seq).toBeGreaterThan(0);

    const detail = await agent.detail(id);
    const lastVisitor = detail.messages.filter((m) => m.author === "visitor").at(-1)!;
    socket.send({ t: "seen", seq: lastVisitor.seq });
    const mark = v.page.locator("parley-chat").locator(`[data-seq="${lastVisitor.seq}"] .seen`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe("Seen");
    socket.close();
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("counts unread replies on the launcher badge while closed, in every tab, and clears them when read", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget));
    await v.page.addInitScript(RECORD_EVENTS);
    await v.page.reload();
    await say(v, "human");
    const id = await conversationOf(v);
    const agent = await agentApi(baseUrl, agentEmail(E2E_SITES.widget));
    // The bot's hand-off notice is read while the panel is open; only what comes after counts.
    await expect.poll(async () => (await agent.detail(id)).messages.filter((m) => m.author === "bot").length).toBeGreaterThan(0);
    const botMessages = (await agent.detail(id)).messages.filter((m) => m.author === "bot").length;
    await expect.poll(() => v.part("message-bot").count()).toBe(botMessages);
    await v.part("close").click();
    await agent.reply(id, "Hello from a person");
    await v.part("badge").filter({ hasText: "1" }).waitFor();
    expect(await v.part("badge").getAttribute("aria-label")).toBe("1 unread");

    const second = await v.ctx.newPage();
    await second.goto(sitePage(baseUrl, E2E_SITES.widget));
    const secondBadge = second.locator("parley-chat").locator('[part~="badge"]');
    await secondBadge.filter({ hasText: "1" }).waitFor();

    await v.part("launcher").click();
    await v.part("message-agent").filter({ hasText: "Hello from a person" }).waitFor();
    expect(await v.part("badge").isVisible()).toBe(false);
    await expect.poll(() => secondBadge.isVisible()).toBe(false);
    const unread = await v.page.evaluate(() =>
      (window as unknown as { __events: [string, { count: number }][] }).__events.filter(([n]) => n === "unread").map(([, d]) => d.count),
    );
    expect(unread).toEqual([1, 0]);
    await v.close();
  });
});

describe("satisfaction survey", () => {
  it("asks once the conversation is resolved, takes a rating and a comment once, and remembers it", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget));
    await v.page.addInitScript(RECORD_EVENTS);
    await v.page.reload();
    await say(v, "human");
    const id = await conversationOf(v);
    const agent = await agentApi(baseUrl, agentEmail(E2E_SITES.widget));
    await agent.reply(id, "All sorted — anything else?");
    await agent.setStatus(id, "resolved");
    const csat = v.part("csat");
    await csat.waitFor();
    await v.page.locator("parley-chat").locator('[part~="message-system"]', { hasText: "This conversation was resolved" }).waitFor();
    expect(await csat.getByRole("button", { name: "Send rating" }).isDisabled()).toBe(true);
    await csat.getByLabel("4 out of 5").check();
    await csat.getByRole("textbox").fill("Quick and kind");
    await csat.getByRole("button", { name: "Send rating" }).click();
    await csat.filter({ hasText: "Thank you for your feedback!" }).waitFor();

    const detail = await agent.detail(id);
    expect(detail.messages.at(-1)).toMatchObject({ author: "system", event: "csat", text: "Rated 4/5: “Quick and kind”" });
    await v.page.reload();
    await v.part("message-agent").first().waitFor();
    expect(await v.page.locator("parley-chat").locator("form.csat").count()).toBe(0);
    const resolved = await v.page.evaluate(() => (window as unknown as { __events: [string][] }).__events.filter(([n]) => n === "resolved").length);
    expect(resolved).toBe(0); // a reload is not a new resolution
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
