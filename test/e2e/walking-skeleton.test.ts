// The walking skeleton in a real browser: the widget on /demo, the agent in the console.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, part, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("one conversation end to end in the browser", () => {
  it("goes from the widget through the bot to an agent and back, and survives a reload", async () => {
    const visitorCtx = await browser.newContext({ locale: "zh-CN" });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${baseUrl}/demo`);
    await part(visitor, "launcher").click();
    await expect(part(visitor, "launcher").getAttribute("aria-expanded")).resolves.toBe("true");

    await part(visitor, "input").fill("你好");
    await part(visitor, "send").click();
    await part(visitor, "message-bot").filter({ hasText: "您好！请问有什么可以帮您？" }).waitFor();
    await expect(part(visitor, "quick-reply").allTextContents()).resolves.toContain("配送");

    await part(visitor, "handoff").click();
    await visitor.locator("parley-chat").locator('[part~="status"][data-kind="waiting"]').waitFor();
    // Nobody is online yet: the bot says so honestly and asks where to answer by email.
    await part(visitor, "message-bot").filter({ hasText: "客服人员暂时都在忙" }).waitFor();
    await part(visitor, "message-bot").filter({ hasText: "请留下您的邮箱地址" }).waitFor();

    const agentCtx = await browser.newContext();
    const agent = await agentCtx.newPage();
    await signIn(agent, baseUrl, "agent@example.com");
    const item = agent.locator(".items .item", { hasText: "请留下您的邮箱地址" });
    await item.waitFor();
    await item.click();
    await agent.locator(".history .msg-bot", { hasText: "您好！请问有什么可以帮您？" }).waitFor();
    await agent.locator(".trace summary").first().waitFor();

    // Signing in made Sam available: auto-assignment gave him the waiting conversation.
    await agent.locator(".facts", { hasText: "Sam Agent" }).waitFor();
    await agent.fill(".composer textarea", "Hi, I'm Sam — how can I help?");
    await agent.keyboard.press("Enter");

    await part(visitor, "message-agent").filter({ hasText: "Hi, I'm Sam — how can I help?" }).waitFor();

    await visitor.reload();
    await part(visitor, "message-agent").first().waitFor();
    const authors = await visitor
      .locator("parley-chat")
      .locator('[part~="message"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("part")));
    expect(authors).toEqual([
      "message message-visitor",
      "message message-bot",
      "message message-visitor",
      "message message-system",
      "message message-bot",
      "message message-bot",
      "message message-system",
      "message message-agent",
    ]);
    await visitorCtx.close();
    await agentCtx.close();
  });
});
