// The agent workspace in real browsers: two agents in two contexts on their own site, a visitor hands
// off through the widget, auto-assignment gives the complaint to the complaints agent once she is
// online and the other agent sees it leave the queue; reply, private note, canned reply with variables,
// transfer with a note, resolve, search; unread count in the title, shortcuts help, Chinese.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, part, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const r = await page.request.fetch(`${baseUrl}/api/v1${path}`, { method, headers: { origin: baseUrl }, ...(body !== undefined ? { data: body } : {}) });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A console on the given site (the context is signed in already). */
async function consoleFor(ctx: BrowserContext, site: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${baseUrl}/admin/`);
  await page.locator(".top .who").waitFor();
  await page.selectOption("select[aria-label=Site]", site);
  await page.locator(".live.up").waitFor();
  return page;
}

describe("agent workspace", () => {
  it("assigns, replies, notes, expands canned replies, transfers, resolves and searches across two agents", async () => {
    const key = `desk-${Date.now().toString(36)}`;
    const tag = `Zebra${Math.floor(Math.random() * 1e6)}`;
    const adaCtx = await browser.newContext({ locale: "en-US", viewport: { width: 1366, height: 900 } });
    const samCtx = await browser.newContext({ locale: "en-US", viewport: { width: 1366, height: 900 } });
    const visitorCtx = await browser.newContext({ locale: "en-US" });
    try {
      // A site of their own: Ada (owner) answers complaints, Sam (agent) support.
      const setup = await adaCtx.newPage();
      await signIn(setup, baseUrl, "admin@example.com");
      await call(setup, "POST", "/sites", { name: "Desk Test", key });
      const invite = await call<{ link: string }>(setup, "POST", `/sites/${key}/invitations`, { email: "agent@example.com", role: "agent" });
      const samSetup = await samCtx.newPage();
      const token = invite.link.split("/").pop();
      const accept = await samSetup.request.post(`${baseUrl}/api/v1/invitations/${token}/accept`, {
        headers: { origin: baseUrl },
        data: { password: "parley-demo" },
      });
      expect(accept.status()).toBe(200);
      const ada = (await call<{ user: { id: string } }>(setup, "GET", "/auth/me")).user.id;
      const sam = ((await accept.json()) as { user: { id: string } }).user.id;
      await call(setup, "PATCH", `/sites/${key}/teams/complaints`, { members: [ada] });
      await call(setup, "PATCH", `/sites/${key}/teams/support`, { members: [sam] });
      await call(setup, "POST", `/sites/${key}/canned-replies`, { shortcut: "thanks", title: "Thanks", text: "Thanks {{contact.name}}, {{agent.name}} here." });
      await samSetup.close();

      // Desktop notifications, recorded instead of shown (the page sees the real API's shape).
      await adaCtx.addInitScript(() => {
        const shown: { title: string; body?: string }[] = [];
        class RecordedNotification {
          static permission: NotificationPermission = "default";
          static requestPermission(): Promise<NotificationPermission> {
            RecordedNotification.permission = "granted";
            return Promise.resolve("granted");
          }
          onclick: (() => void) | null = null;
          constructor(title: string, opts?: { body?: string }) {
            shown.push({ title, ...(opts?.body ? { body: opts.body } : {}) });
          }
          close(): void {}
        }
        Object.assign(window, { Notification: RecordedNotification, shownNotifications: shown });
      });

      // Both consoles open; Ada is away for now, so the complaint waits in the queue.
      const adaPage = await consoleFor(adaCtx, key);
      // Asked politely, once: nothing is requested until she presses the button.
      await adaPage.getByRole("button", { name: "Turn on notifications" }).click();
      await adaPage.getByRole("button", { name: "Turn on notifications" }).waitFor({ state: "detached" });
      await adaPage.selectOption("select[aria-label='My status']", "away");
      const samPage = await consoleFor(samCtx, key); // signed in by accepting the invitation
      await samPage.getByRole("tab", { name: /Unassigned/ }).click();

      // The visitor: the demo page with its widget swapped for one of this site (same element, other key).
      const visitor = await visitorCtx.newPage();
      await visitor.goto(`${baseUrl}/demo`);
      await part(visitor, "launcher").waitFor();
      await visitor.evaluate((site) => {
        document.querySelector("parley-chat")!.remove();
        const el = document.createElement("parley-chat");
        el.setAttribute("site", site);
        document.body.append(el);
      }, key);
      await part(visitor, "launcher").click();
      await part(visitor, "input").fill(`This is unacceptable, I want my money back ${tag}`);
      await part(visitor, "send").click();
      await part(visitor, "message-bot").filter({ hasText: "complaints team" }).waitFor();

      // The list shows the latest message (the bot's answer); this new site has only this conversation.
      const queued = samPage.locator(".items .item").first();
      await queued.waitFor();
      await expect(queued.locator(".prio").textContent()).resolves.toBe("Urgent");
      const id = (await queued.getAttribute("data-conversation"))!;
      const { contact } = await call<{ contact: { id: string } }>(setup, "GET", `/conversations/${id}`);
      await call(setup, "PATCH", `/contacts/${contact.id}`, { name: "Lei" });

      // Ada comes online: auto-assignment gives her the complaint; it leaves Sam's queue.
      await adaPage.selectOption("select[aria-label='My status']", "online");
      const mine = adaPage.locator(`.items .item[data-conversation="${id}"]`);
      await mine.waitFor();
      // An urgent complaint: the complaint SLA's 5-minute first-response target counts down on the item.
      await expect(mine.locator("[data-testid=sla]").textContent()).resolves.toMatch(/^First response due in [45] min$/);
      await samPage.locator(`.items .item[data-conversation="${id}"]`).waitFor({ state: "detached" });
      await expect(
        samPage
          .getByRole("tab", { name: /Unassigned/ })
          .locator(".count")
          .textContent(),
      ).resolves.toBe("0");
      await expect.poll(() => adaPage.title()).toBe("(1) Parley"); // unread, not yet opened
      await expect
        .poll(() => adaPage.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications.map((n) => n.title)))
        .toContain("New conversation for you");
      await mine.click();
      await adaPage.locator("[data-testid=assignee]", { hasText: "Ada Admin" }).waitFor();
      await adaPage.locator(".history .msg-bot .trace").first().waitFor();
      await adaPage.locator(".conv-side", { hasText: "Lei" }).waitFor();
      await expect.poll(() => adaPage.title()).toBe("Parley"); // read
      // The visitor sees that a person has read their message.
      await expect(visitor.locator("parley-chat").locator(".seen").last().textContent()).resolves.toBe("Seen");

      // Typing shows both ways.
      const box = adaPage.locator(".composer textarea");
      await part(visitor, "input").fill("one more thing");
      await adaPage.locator(".typing", { hasText: "Lei is typing…" }).waitFor();
      await part(visitor, "input").fill("");
      await adaPage.locator(".typing").waitFor({ state: "detached" });
      await box.fill("Let me check");
      await part(visitor, "typing").filter({ hasText: "Ada Admin" }).waitFor();
      await box.fill("");

      // Reply, a private note, and a canned reply with its variables filled in.
      await box.fill("Sorry about this — I'm on it.");
      await box.press("Enter");
      await part(visitor, "message-agent").filter({ hasText: "Sorry about this — I'm on it." }).waitFor();
      await adaPage.keyboard.press("Escape");
      await adaPage.keyboard.press("n"); // shortcut: note
      await box.fill("VIP customer, refund pre-approved");
      await box.press("Enter");
      await adaPage.locator(".history .msg-note", { hasText: "VIP customer" }).waitFor();
      await adaPage.keyboard.press("Escape");
      await adaPage.keyboard.press("r"); // shortcut: reply
      await box.pressSequentially("/than");
      await adaPage.locator(".conv-canned [data-shortcut=thanks]").waitFor();
      await box.press("Enter");
      await expect(box.inputValue()).resolves.toBe("Thanks Lei, Ada Admin here.");
      await box.press("Enter");
      await part(visitor, "message-agent").filter({ hasText: "Thanks Lei, Ada Admin here." }).waitFor();
      await expect(visitor.locator("parley-chat").getByText("VIP customer").count()).resolves.toBe(0);

      // Transfer to Sam with a note: he gets it, with the note; the visitor never sees the note.
      await adaPage.getByRole("button", { name: "Transfer" }).click();
      await adaPage.selectOption(".conv-transfer select[name=agent]", sam);
      await adaPage.fill(".conv-transfer textarea[name=note]", "Please follow up on the refund");
      await adaPage.getByRole("button", { name: "Transfer", exact: true }).last().click();
      await samPage.getByRole("tab", { name: /Mine/ }).click();
      await samPage.locator(".items .item", { hasText: "Sam Agent" }).first().waitFor();
      await samPage.locator(`.items .item[data-conversation="${id}"]`).click();
      await samPage.locator(".history .msg-note", { hasText: "Please follow up on the refund" }).waitFor();
      await expect(visitor.locator("parley-chat").getByText("Please follow up").count()).resolves.toBe(0);

      // Sam resolves it with the keyboard (e), then finds it again by searching the visitor's words.
      await samPage.locator(".history").click();
      await samPage.keyboard.press("e");
      await samPage.locator("[data-testid=status]", { hasText: "Resolved" }).waitFor();
      await expect((await call<{ conversation: { status: string } }>(setup, "GET", `/conversations/${id}`)).conversation.status).toBe("resolved");
      await samPage.keyboard.press("/");
      await samPage.keyboard.type(tag);
      await samPage.keyboard.press("Enter");
      const hit = samPage.locator(`[data-testid=search-results] .item[data-conversation="${id}"]`);
      await hit.waitFor();
      await expect(hit.textContent()).resolves.toContain(tag);
      await hit.click();
      await samPage.waitForURL(`${baseUrl}/admin/conversations/${id}`);

      // No serious accessibility problems in the workspace (axe, through the debugging protocol: the CSP refuses inline scripts).
      await samPage.evaluate(axeSource);
      const serious = await samPage.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        const r = await axe.run(document.querySelector(".inbox"));
        return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      });
      expect(serious).toEqual([]);

      // Help overlay, and the console in Chinese.
      await samPage.locator(".history").click();
      await samPage.keyboard.press("?");
      await samPage.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      await samPage.keyboard.press("Escape");
      await samPage.selectOption("select[aria-label=Language]", "zh-CN");
      await samPage.getByRole("button", { name: "转接" }).waitFor();
      await samPage.getByRole("button", { name: "关闭搜索" }).click();
      await samPage.getByRole("tab", { name: /我的团队/ }).waitFor();
    } finally {
      await Promise.all([adaCtx.close(), samCtx.close(), visitorCtx.close()]);
    }
  });
});
