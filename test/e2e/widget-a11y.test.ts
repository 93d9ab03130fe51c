// Accessibility and languages: axe-core finds no serious or critical violation in any state of the
// widget, keyboard-only use works end to end, and the UI (strings and times) follows zh-CN / zh-TW.

import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";
import { agentApi, agentEmail, conversationOf, openVisitor, say, sitePage } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
  passes: { nodes: unknown[] }[];
}

/** Runs axe-core on the widget (its shadow tree included); returns serious/critical violations. */
async function axe(page: Page): Promise<{ serious: string[]; checked: number }> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResult> } }).axe.run(
      { include: [["parley-chat"]] },
      { resultTypes: ["violations", "passes"] },
    ),
  );
  return {
    serious: r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    checked: r.passes.reduce((n, p) => n + p.nodes.length, 0),
  };
}

describe("axe-core", () => {
  it("finds no serious violation: launcher, conversation with quick replies, CSAT", async () => {
    // Reduced motion: axe checks colours at rest, not halfway through the panel's fade-in (which, on a
    // loaded machine, can still be running when the bot's first reply arrives).
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget), { reducedMotion: "reduce" });
    await v.part("launcher").waitFor();
    expect((await axe(v.page)).serious).toEqual([]);
    await say(v, "hello");
    await v.part("quick-reply").first().waitFor();
    const open = await axe(v.page);
    expect(open.serious).toEqual([]);
    expect(open.checked).toBeGreaterThan(20); // axe really looked inside the shadow root
    const id = await conversationOf(v);
    await (await agentApi(baseUrl, agentEmail(E2E_SITES.widget))).setStatus(id, "resolved");
    await v.part("csat").waitFor();
    expect((await axe(v.page)).serious).toEqual([]);
    await v.close();
  });

  it("finds no serious violation in the pre-chat form (with errors) and the offline form", async () => {
    const pre = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.prechat));
    await pre.part("launcher").click();
    await pre.part("prechat-form").getByRole("button", { name: "Start chat" }).click();
    await pre.part("prechat-form").locator(".field-error").first().waitFor();
    expect((await axe(pre.page)).serious).toEqual([]);
    await pre.close();
    const off = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.closed));
    await off.part("launcher").click();
    await off.part("offline-form").waitFor();
    expect((await axe(off.page)).serious).toEqual([]);
    await off.close();
  });
});

describe("keyboard only", () => {
  it("reaches the launcher with Tab, chats, picks a quick reply, and Escape closes with focus back on the launcher", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget));
    await v.part("launcher").waitFor();
    const focused = () =>
      v.page.evaluate(() => {
        const host = document.activeElement;
        return host?.tagName === "PARLEY-CHAT"
          ? (host.shadowRoot!.activeElement?.getAttribute("part") ?? host.shadowRoot!.activeElement?.tagName)
          : host?.tagName;
      });
    for (let i = 0; i < 10 && (await focused()) !== "launcher"; i++) await v.page.keyboard.press("Tab");
    expect(await focused()).toBe("launcher");
    await v.page.keyboard.press("Enter");
    await v.part("panel").waitFor();
    await expect.poll(focused).toBe("input");
    await v.page.keyboard.type("hello");
    await v.page.keyboard.press("Enter");
    await v.part("quick-reply").first().waitFor();
    // Back from the composer to the suggested replies, and pick one with the keyboard.
    for (let i = 0; i < 8 && (await focused()) !== "quick-reply"; i++) await v.page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("quick-reply");
    await v.page.keyboard.press("Enter");
    await expect.poll(() => v.part("message-visitor").count()).toBe(2);
    await v.page.keyboard.press("Escape");
    await expect.poll(() => v.part("panel").count()).toBe(0);
    expect(await focused()).toBe("launcher");
    expect(await v.part("launcher").getAttribute("aria-expanded")).toBe("false");
    await v.close();
  });
});

describe("languages", () => {
  it("follows a zh-CN browser: every string, the bot's language and the time format", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget), { locale: "zh-CN" });
    await v.part("launcher").waitFor();
    expect(await v.part("launcher").getAttribute("aria-label")).toBe("打开在线客服");
    await v.part("launcher").click();
    expect(await v.part("header").textContent()).toContain("Parley 演示商店");
    expect(await v.part("close").getAttribute("aria-label")).toBe("关闭在线客服");
    expect(await v.part("input").getAttribute("placeholder")).toBe("输入消息…");
    expect(await v.part("send").textContent()).toBe("发送");
    expect(await v.part("handoff").textContent()).toBe("转人工");
    expect(await v.part("attach").getAttribute("aria-label")).toBe("添加附件");
    await say(v, "你好");
    const bot = v.part("message-bot").first();
    await bot.filter({ hasText: "您好！请问有什么可以帮您？" }).waitFor();
    expect(await bot.locator(".name").textContent()).toBe("智能助手");
    expect(await bot.locator("time").textContent()).toMatch(/^\d{1,2}:\d{2}$/); // 24-hour, no AM/PM
    expect(await v.page.locator("parley-chat").locator(".panel").getAttribute("lang")).toBe("zh-CN");
    await v.part("handoff").click();
    await v.page
      .locator("parley-chat")
      .locator('[part~="status"][data-kind="waiting"]')
      .filter({ hasText: /正在为您转接人工/ })
      .waitFor();
    await v.close();
  });

  it("follows a zh-TW browser, with Traditional Chinese strings and times", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget), { locale: "zh-TW" });
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    expect(await v.part("send").textContent()).toBe("傳送");
    expect(await v.part("handoff").textContent()).toBe("轉真人客服");
    expect(await v.part("message-bot").first().locator("time").textContent()).toMatch(/^(上午|下午)\d{1,2}:\d{2}$/);
    await v.close();
  });
});
