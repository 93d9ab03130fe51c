// Connection resilience in the browser: the server restarts mid-conversation (its own wrangler dev,
// same port and state folder) while the visitor keeps typing — every message arrives exactly once,
// in order — and the same visitor and conversation across reloads and tabs, which stay in sync.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { prepareLocalState, startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { launchBrowser } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";
import { agentApi, agentEmail, conversationOf, openVisitor, say, sitePage, visitorIn } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a server restart", () => {
  let server: DevServer | undefined;
  let state: string | undefined;
  afterAll(async () => {
    await server?.stop();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it("loses and duplicates nothing: messages typed while it is down are sent once, in order, after it is back", { timeout: 120_000 }, async () => {
    state = mkdtempSync(join(tmpdir(), "parley-e2e-restart-"));
    await prepareLocalState(state);
    server = await startDevServer({ persistTo: state, quiet: true });
    const url = server.url;
    const v = await openVisitor(browser, `${url}/demo`);
    await say(v, "human");
    await v.page.locator("parley-chat").locator('[part~="status"][data-kind="waiting"]').waitFor();
    const id = await conversationOf(v);
    await say(v, "one");
    await say(v, "two");
    await expect
      .poll(() =>
        v
          .part("message-visitor")
          .filter({ hasText: /^\s*two\s*/ })
          .locator("time")
          .count(),
      )
      .toBe(1);

    // Sent just before the server goes away: acknowledged or not, it must end up stored exactly once.
    await say(v, "three");
    await server.stop();
    await v.page.locator("parley-chat").locator('[part~="status"][data-kind="offline"]').waitFor({ timeout: 15_000 });
    for (const text of ["four", "five", "six"]) await say(v, text);
    expect(await v.page.locator("parley-chat").locator(".message.pending").count()).toBeGreaterThanOrEqual(3);

    server = await startDevServer({ port: server.port, persistTo: state, quiet: true });
    await v.page.locator("parley-chat").locator('[part~="status"][data-kind="waiting"]').waitFor({ timeout: 45_000 });
    await expect.poll(() => v.page.locator("parley-chat").locator(".message.pending").count(), { timeout: 15_000 }).toBe(0);

    const agent = await agentApi(url, agentEmail("demo"));
    const stored = (await agent.detail(id)).messages.filter((m) => m.author === "visitor").map((m) => m.text);
    expect(stored).toEqual(["human", "one", "two", "three", "four", "five", "six"]);
    const shown = await v.part("message-visitor").locator(".bubble").allTextContents();
    expect(shown.map((t) => t.trim())).toEqual(["human", "one", "two", "three", "four", "five", "six"]);

    // And the other way: an agent's reply after the restart reaches the visitor live.
    await agent.reply(id, "Back online — sorry for the wait.");
    await v.part("message-agent").filter({ hasText: "Back online" }).waitFor();
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe("a socket that dies silently (a phone in the background)", () => {
  it("is noticed when the tab comes back to the foreground: the widget reconnects and catches up", async () => {
    const v = await openVisitor(browser, "about:blank");
    const sockets: { url: string; alive: boolean }[] = [];
    // Between page and server: forwards frames, until a socket is made to drop everything unnoticed.
    await v.page.routeWebSocket(/\/conversations\/c_[0-9a-z]+\/ws/, (ws) => {
      const entry = { url: ws.url(), alive: true };
      sockets.push(entry);
      const server = ws.connectToServer();
      ws.onMessage((m) => entry.alive && server.send(m));
      server.onMessage((m) => entry.alive && ws.send(m));
    });
    await v.page.goto(sitePage(baseUrl, E2E_SITES.widget));
    await say(v, "human");
    await v.page.locator("parley-chat").locator('[part~="status"][data-kind="waiting"]').waitFor();
    const id = /\/conversations\/(c_[0-9a-z]+)\/ws/.exec(sockets[0]!.url)![1]!;
    sockets[0]!.alive = false;
    const agent = await agentApi(baseUrl, agentEmail(E2E_SITES.widget));
    await agent.reply(id, "Are you still there?");
    await v.page.waitForTimeout(300);
    expect(await v.part("message-agent").count()).toBe(0); // lost on the dead socket
    await v.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await v.part("message-agent").filter({ hasText: "Are you still there?" }).waitFor({ timeout: 15_000 });
    expect(sockets.length).toBe(2);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe("reloads and tabs", () => {
  it("keeps the same visitor and conversation across a reload and a second tab, and the tabs stay in sync", async () => {
    const first = await openVisitor(browser, `${baseUrl}/demo`);
    await say(first, "hello");
    await first.part("message-bot").first().waitFor();
    const id = await conversationOf(first);

    const second = await visitorIn(first.ctx, `${baseUrl}/demo`);
    await second.part("message-bot").first().waitFor(); // the panel was left open: it opens here too
    expect(await conversationOf(second)).toBe(id);
    expect(await second.part("message").count()).toBe(await first.part("message").count());

    await say(second, "sent from the second tab");
    await first.part("message-visitor").filter({ hasText: "sent from the second tab" }).waitFor();
    await say(first, "and from the first");
    await second.part("message-visitor").filter({ hasText: "and from the first" }).waitFor();

    await first.page.reload();
    await first.part("message-visitor").filter({ hasText: "and from the first" }).waitFor();
    expect(await conversationOf(first)).toBe(id);
    const texts = (await first.part("message-visitor").locator(".bubble").allTextContents()).map((t) => t.trim());
    expect(texts).toEqual(["hello", "sent from the second tab", "and from the first"]);

    const detail = await (await agentApi(baseUrl, agentEmail("demo"))).detail(id);
    expect(detail.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(texts);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.close();
  });
});
