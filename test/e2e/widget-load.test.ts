// The widget's first load: the launcher from the small bundle, nothing written and no socket before
// the visitor interacts, the panel's code only on interaction, no layout shift or long task, safe
// when loaded twice, usable as a plain element, and a failed load that leaves nothing on the page.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { openVisitor, say } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Serves a test page at `path` on the Parley origin. */
async function servePage(page: Page, path: string, body: string): Promise<void> {
  await page.route(`${baseUrl}${path}`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body }));
}

/** Records long tasks, layout shifts and parley:error events from the very start of the page. */
const OBSERVE = () => {
  const w = window as unknown as { __perf: { longtasks: { start: number; duration: number }[]; cls: number }; __errors: unknown[] };
  w.__perf = { longtasks: [], cls: 0 };
  w.__errors = [];
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__perf.longtasks.push({ start: e.startTime, duration: e.duration }))).observe({
      type: "longtask",
      buffered: true,
    });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (w.__perf.cls += (e as unknown as { value: number }).value))).observe({
      type: "layout-shift",
      buffered: true,
    });
  } catch {
    // observers unavailable
  }
  document.addEventListener("parley:error", (e) => w.__errors.push((e as CustomEvent).detail));
};

describe("first load", () => {
  it("shows the launcher from the small bundle and writes nothing, opens no socket, loads no panel code until the visitor interacts", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await page.addInitScript(OBSERVE);
    const requests: string[] = [];
    let sockets = 0;
    page.on("request", (r) => requests.push(r.url().replace(baseUrl, "")));
    page.on("websocket", () => sockets++);
    await page.goto(`${baseUrl}/demo`);
    const launcher = page.locator("parley-chat").locator('[part~="launcher"]');
    await launcher.waitFor();
    expect(await launcher.getAttribute("aria-label")).toBe("Open chat");
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    await page.waitForTimeout(500);

    expect(requests.filter((u) => u.includes("/widget-chunks/panel-"))).toEqual([]);
    expect(requests.filter((u) => u.includes("/session") || u.includes("/conversations"))).toEqual([]);
    expect(sockets).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await ctx.cookies()).toEqual([]);

    // No layout shift, and no long task once the widget's code arrived.
    const perf = await page.evaluate(() => {
      const w = window as unknown as { __perf: { longtasks: { start: number; duration: number }[]; cls: number } };
      const widget = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/widget.js")) as PerformanceResourceTiming;
      return { cls: w.__perf.cls, long: w.__perf.longtasks.filter((t) => t.start >= widget.responseEnd).map((t) => t.duration) };
    });
    expect(perf.cls).toBe(0);
    expect(perf.long.filter((d) => d > 50)).toEqual([]);

    // Hovering fetches the panel's code; still nothing written and no socket.
    const chunk = page.waitForResponse((r) => r.url().includes("/widget-chunks/panel-"));
    await launcher.hover();
    await chunk;
    await launcher.click();
    await page.locator("parley-chat").locator('[part~="panel"]').waitFor();
    expect(sockets).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(["parley:demo:open"]);
    await ctx.close();
  });

  it("reconnects at load, without interaction, when a conversation is under way on this device", async () => {
    const v = await openVisitor(browser, `${baseUrl}/demo`);
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    await v.part("close").click();
    let sockets = 0;
    v.page.on("websocket", () => sockets++);
    await v.page.reload();
    await v.part("launcher").waitFor();
    await expect.poll(() => sockets).toBe(1);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("is usable as a plain element with attributes, and safe when loaded twice", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await servePage(
      page,
      "/__t/plain",
      `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
       <parley-chat site="demo" locale="zh-CN" position="left"></parley-chat>
       <script type="module" src="/widget.js"></script><script type="module" src="/widget.js?again"></script>
       <script src="/embed.js" data-site="demo" async></script><script src="/embed.js?twice" data-site="demo" async></script>
       </body></html>`,
    );
    await page.goto(`${baseUrl}/__t/plain`);
    const launcher = page.locator("parley-chat").locator('[part~="launcher"]');
    await launcher.waitFor();
    expect(await page.locator("parley-chat").count()).toBe(1);
    expect(await launcher.getAttribute("aria-label")).toBe("打开在线客服");
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(100); // position="left"
    await launcher.click();
    await page.locator("parley-chat").locator('[part~="header"]').filter({ hasText: "Parley 演示商店" }).waitFor();
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe("a failed load", () => {
  async function cornerElement(page: Page): Promise<string> {
    const size = page.viewportSize()!;
    return page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase() ?? "", [size.width - 48, size.height - 48]);
  }

  it("leaves nothing over the page and reports an error when the widget module cannot load", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { Parley: ((...a: unknown[]) => void) & { q?: unknown[][] }; __queued: unknown[] };
      w.__queued = [];
      w.Parley = (...a: unknown[]) => void (w.Parley.q ??= []).push(a);
      w.Parley("on", "error", (d: unknown) => w.__queued.push(d));
    });
    await page.addInitScript(OBSERVE);
    await page.route("**/widget.js", (route) => route.abort("connectionrefused"));
    await page.goto(`${baseUrl}/demo`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __queued: unknown[] }).__queued))
      .toEqual([{ code: "load", message: "The chat widget could not be loaded." }]);
    expect(await page.locator("parley-chat").count()).toBe(0);
    expect(await cornerElement(page)).not.toBe("parley-chat");
    await ctx.close();
  });

  it("shows no launcher and reports an error when the worker is unreachable", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(OBSERVE);
    await page.route("**/widget/v1/**", (route) => route.abort("connectionrefused"));
    await page.goto(`${baseUrl}/demo`);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __errors: { code: string }[] }).__errors.map((e) => e.code))).toEqual(["network"]);
    expect(await page.locator("parley-chat").locator('[part~="launcher"]').isVisible()).toBe(false);
    expect(await cornerElement(page)).not.toBe("parley-chat");
    await ctx.close();
  });
});
