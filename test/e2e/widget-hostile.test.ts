// Hostile host pages: a strict CSP (same-origin, and cross-origin with the README's recipe), a CSP
// that forgets the widget's origin (nothing shown, an error reported), CSS that resets and covers
// everything, and a phone-sized screen (full-screen panel, 16px inputs).

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { openVisitor, say, type Visitor } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records CSP violations and parley:error events from the start of every page of the context. */
async function watchViolations(v: Visitor): Promise<void> {
  await v.page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __errors: unknown[] };
    w.__csp = [];
    w.__errors = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener("parley:error", (e) => w.__errors.push((e as CustomEvent).detail));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe("strict Content-Security-Policy", () => {
  it("works unchanged on a page served with default-src/script-src/style-src 'self'", async () => {
    const v = await openVisitor(browser, "about:blank");
    await watchViolations(v);
    const res = await v.page.goto(`${baseUrl}/demo-csp`);
    expect(res!.headers()["content-security-policy"]).toContain("style-src 'self'");
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    expect(await v.part("launcher").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(79, 70, 229)");
    expect(await violations(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("works cross-origin with the README's recipe (Parley's origin in script-src and connect-src)", async () => {
    const port = new URL(baseUrl).port;
    const v = await openVisitor(browser, "about:blank");
    await watchViolations(v);
    const sockets: string[] = [];
    v.page.on("websocket", (ws) => sockets.push(new URL(ws.url()).origin));
    // localhost and 127.0.0.1 are different origins: the page on one, Parley on the other.
    const res = await v.page.goto(`http://localhost:${port}/try-csp?widget=ip`);
    expect(res!.headers()["content-security-policy"]).toContain("connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:*");
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    expect(sockets).toEqual([`ws://127.0.0.1:${port}`]);
    expect(await violations(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("shows nothing and reports an error when the page's CSP does not allow connecting to Parley", async () => {
    const port = new URL(baseUrl).port;
    const v = await openVisitor(browser, "about:blank");
    await watchViolations(v);
    const res = await v.page.goto(`http://localhost:${port}/try-csp-missing?widget=ip`);
    expect(res!.headers()["content-security-policy"]).toContain("connect-src 'self';");
    await expect.poll(() => v.page.evaluate(() => (window as unknown as { __errors: { code: string }[] }).__errors.map((e) => e.code))).toEqual(["network"]);
    expect((await violations(v.page)).some((x) => x.startsWith("connect-src"))).toBe(true);
    expect(await v.part("launcher").isVisible()).toBe(false);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe("hostile CSS", () => {
  it("keeps its look, stays on top of z-index wars and transformed pages, and leaves the page clickable", async () => {
    const v = await openVisitor(browser, `${baseUrl}/demo-hostile`);
    const launcher = v.part("launcher");
    await launcher.waitFor();
    const box = (await launcher.boundingBox())!;
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([56, 56]);
    const atLauncher = await v.page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + 28, box.y + 28]);
    expect(atLauncher).toBe("PARLEY-CHAT");
    await launcher.click();
    const panel = v.part("panel");
    await panel.waitFor();
    const styles = await v.part("input").evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, fontFamily: s.fontFamily, display: s.display, textTransform: s.textTransform, letterSpacing: s.letterSpacing };
    });
    expect(styles).toMatchObject({ fontSize: "16px", display: "block", textTransform: "none", letterSpacing: "normal" });
    expect(styles.fontFamily).not.toContain("Comic Sans");
    expect(Math.round((await panel.boundingBox())!.width)).toBe(370);
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    // The page's own button, away from the widget, still gets its clicks.
    const pageButton = v.page.locator("#page-button");
    const b = (await pageButton.boundingBox())!;
    expect(await v.page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.id, [b.x + 5, b.y + 5])).toBe("page-button");
    await v.page.keyboard.press("Escape");
    await expect.poll(() => v.part("panel").count()).toBe(0);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe("phones", () => {
  it("opens full screen, keeps inputs at 16px, follows the visual viewport, and closes back to the launcher", async () => {
    const v = await openVisitor(browser, `${baseUrl}/demo`, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
      reducedMotion: "reduce",
    });
    await v.part("launcher").tap();
    const panel = v.part("panel");
    await panel.waitFor();
    expect(await panel.evaluate((el) => getComputedStyle(el).animationName)).toBe("none"); // reduced motion
    const box = (await panel.boundingBox())!;
    expect([Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)]).toEqual([0, 0, 390, 844]);
    expect(await v.part("launcher").isVisible()).toBe(false);
    expect(await v.part("input").evaluate((el) => getComputedStyle(el).fontSize)).toBe("16px");
    expect(await v.page.evaluate(() => (document.querySelector("parley-chat") as HTMLElement).style.getPropertyValue("--_vvh"))).toBe("844px");
    await v.part("input").fill("hello from my phone");
    await v.part("send").tap();
    await v.part("message-bot").first().waitFor();
    await v.part("close").tap();
    await v.part("launcher").waitFor();
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
