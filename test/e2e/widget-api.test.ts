// The JavaScript API in the browser (CONTRACT §2): identify with a userHash (verified, refused,
// unverified), setAttributes, setLocale, open/close/toggle and reset — called before and after load.

import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { E2E_SITES, IDENTITY_SECRET } from "./fixtures.ts";
import { agentApi, agentEmail, conversationOf, openVisitor, say, sitePage } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Queues calls the way a site owner's page does, before embed.js has run, and records events. */
function queueCalls(calls: unknown[][]) {
  return (c: unknown[][]) => {
    const w = window as unknown as { Parley: ((...a: unknown[]) => void) & { q?: unknown[][] }; __events: [string, unknown][] };
    w.__events = [];
    w.Parley = (...a: unknown[]) => void (w.Parley.q ??= []).push(a);
    for (const name of ["ready", "error", "open", "close"]) w.Parley("on", name, (d: unknown) => w.__events.push([name, d]));
    for (const call of c) w.Parley(...call);
  };
}

const events = (v: { page: import("playwright-core").Page }) =>
  v.page.evaluate(() => (window as unknown as { __events: [string, { code?: string }][] }).__events);

describe("identify and attributes", () => {
  it("ties the visitor to a verified user only once they interact, with profile, tier and attributes", async () => {
    const site = E2E_SITES.identity;
    const userHash = createHmac("sha256", IDENTITY_SECRET).update("user-77").digest("hex");
    const v = await openVisitor(browser, "about:blank");
    const identify = { userId: "user-77", name: "Grace Hopper", email: "grace@example.com", tier: "vip", userHash };
    await v.page.addInitScript(
      queueCalls([
        ["identify", identify],
        ["setAttributes", { plan: "enterprise", seats: 40 }],
      ]) as never,
      [
        ["identify", identify],
        ["setAttributes", { plan: "enterprise", seats: 40 }],
      ],
    );
    await v.page.goto(sitePage(baseUrl, site));
    await v.part("launcher").waitFor();
    await v.page.waitForTimeout(300);
    expect(await v.page.evaluate(() => localStorage.length)).toBe(0); // nothing before the visitor interacts

    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    const detail = await (await agentApi(baseUrl, agentEmail(site))).detail(await conversationOf(v));
    expect(detail.contact).toMatchObject({ name: "Grace Hopper", email: "grace@example.com", tier: "vip", externalId: "user-77" });
    expect(detail.contact.attributes).toMatchObject({ plan: "enterprise", seats: 40 });

    // After the session exists, setAttributes goes straight to the contact.
    await v.page.evaluate(() => (window as unknown as { Parley: (...a: unknown[]) => void }).Parley("setAttributes", { plan: "team" }));
    await expect.poll(async () => (await (await agentApi(baseUrl, agentEmail(site))).detail(await conversationOf(v))).contact.attributes.plan).toBe("team");
    expect((await events(v)).filter(([n]) => n === "error")).toEqual([]);
    await v.close();
  });

  it("refuses an unverified identify on a site that requires verification, and a forged hash", async () => {
    const site = E2E_SITES.identity;
    const v = await openVisitor(browser, "about:blank");
    const calls = [["identify", { userId: "admin", name: "Not Really" }]];
    await v.page.addInitScript(queueCalls(calls) as never, calls);
    await v.page.goto(sitePage(baseUrl, site));
    await expect.poll(async () => (await events(v)).filter(([n]) => n === "error").map(([, d]) => d.code)).toEqual(["identity_unverified"]);

    await v.page.evaluate(() =>
      (window as unknown as { Parley: (...a: unknown[]) => void }).Parley("identify", { userId: "admin", tier: "vip", userHash: "0".repeat(64) }),
    );
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    await expect.poll(async () => (await events(v)).filter(([n]) => n === "error").map(([, d]) => d.code)).toEqual(["identity_unverified", "bad_user_hash"]);
    const detail = await (await agentApi(baseUrl, agentEmail(site))).detail(await conversationOf(v));
    expect(detail.contact).toMatchObject({ name: null, tier: "regular", externalId: null });
    await v.close();
  });
});

describe("commands", () => {
  it("opens, closes, toggles, switches language and resets the device's visitor", async () => {
    const v = await openVisitor(browser, "about:blank");
    const calls = [["setLocale", "zh-TW"], ["open"]];
    await v.page.addInitScript(queueCalls(calls) as never, calls);
    await v.page.goto(sitePage(baseUrl, E2E_SITES.widget));
    await v.part("panel").waitFor();
    expect(await v.part("send").textContent()).toBe("傳送");
    const P = (...a: unknown[]) => v.page.evaluate((args) => (window as unknown as { Parley: (...a: unknown[]) => void }).Parley(...args), a);
    await P("setLocale", "en");
    await v.part("send").filter({ hasText: "Send" }).waitFor();
    await P("close");
    await expect.poll(() => v.part("panel").count()).toBe(0);
    await P("toggle");
    await v.part("panel").waitFor();
    expect((await events(v)).map(([n]) => n)).toEqual(["ready", "open", "close", "open"]);

    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    const first = await conversationOf(v);
    await P("reset");
    await expect.poll(() => v.part("message").count()).toBe(0);
    expect(await v.page.evaluate(() => Object.keys(localStorage).filter((k) => k !== `parley:${E2E_SITES.widget}:open`))).toEqual([]);
    await say(v, "hello again");
    await v.part("message-bot").first().waitFor();
    await expect.poll(() => conversationOf(v)).not.toBe(first);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
