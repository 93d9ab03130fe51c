// The admin in a real browser: create a site, restyle the widget (the live preview and the real
// widget on the demo page both change), invite an agent who then signs in, merge two contacts.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, part, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);

async function waitForBackground(l: Locator, want: string): Promise<void> {
  await expect.poll(() => background(l), { timeout: 10_000 }).toBe(want);
}

/** Same-origin API call from the signed-in page (its cookie goes along). */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const r = await page.request.fetch(`${baseUrl}/api/v1${path}`, { method, ...(body !== undefined ? { data: body } : {}) });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

describe("admin", () => {
  it("creates a site, then restyles the widget: the preview and the real widget on the demo page follow", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, baseUrl, "admin@example.com");
    const key = `e2e-${unique()}`;
    try {
      await page.goto(`${baseUrl}/admin/sites`);
      await page.fill("input[name=site-name]", "E2E Shop");
      await page.fill("input[name=site-key]", key);
      await page.getByRole("button", { name: "Create site" }).click();
      await page.waitForURL(`${baseUrl}/admin/settings`);
      await expect.poll(() => page.getByTestId("embed-snippet").textContent()).toContain(`data-site="${key}"`);
      await expect(page.locator("select[aria-label=Site]").inputValue()).resolves.toBe(key);

      // Back to the demo site, whose widget is on /demo.
      await page.selectOption("select[aria-label=Site]", "demo");
      await page.goto(`${baseUrl}/admin/settings/widget`);
      const previewLauncher = page.getByTestId("widget-preview").locator("parley-chat").locator('[part~="launcher"]');
      await previewLauncher.waitFor();
      await waitForBackground(previewLauncher, "rgb(79, 70, 229)");
      // Texts reach the preview through the widget's own config request (draft settings, not saved).
      const previewHeader = page.getByTestId("widget-preview").locator("parley-chat").locator('[part~="header"]');
      await page.fill(`input[name="title.en"]`, "Draft Title");
      await expect.poll(() => previewHeader.textContent(), { timeout: 10_000 }).toContain("Draft Title");
      await page.fill(`input[name="title.en"]`, "Parley Demo Shop");
      await expect.poll(() => previewHeader.textContent(), { timeout: 10_000 }).toContain("Parley Demo Shop");
      await page.fill("input[name=accent]", "#e11d48");
      await waitForBackground(previewLauncher, "rgb(225, 29, 72)");
      // The draft is a preview only until it is saved.
      const demoBefore = await ctx.newPage();
      await demoBefore.goto(`${baseUrl}/demo`);
      await waitForBackground(part(demoBefore, "launcher"), "rgb(79, 70, 229)");
      await demoBefore.close();

      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      const visitorCtx = await browser.newContext();
      const demo = await visitorCtx.newPage();
      await demo.goto(`${baseUrl}/demo`);
      await waitForBackground(part(demo, "launcher"), "rgb(225, 29, 72)");
      await visitorCtx.close();

      // On a tablet the settings stay usable: one column, nothing wider than the screen.
      await page.setViewportSize({ width: 820, height: 1180 });
      await previewLauncher.waitFor();
      const fits = await page.evaluate(() =>
        [document.documentElement, ...Array.from(document.querySelectorAll(".settings-main, .settings-nav"))].every(
          (el) => el.scrollWidth <= el.clientWidth + 1,
        ),
      );
      expect(fits).toBe(true);

      // The admin speaks Chinese too.
      await page.selectOption(`select[aria-label="Language"]`, "zh-CN");
      await page.getByRole("heading", { name: "聊天窗口" }).first().waitFor();
      await page.locator(".nav a", { hasText: "设置" }).waitFor();
      await page.selectOption(`select[aria-label="语言"]`, "en");
    } finally {
      await apiCall(page, "PATCH", "/sites/demo", { settings: { accent: "#4f46e5" } });
      await ctx.close();
    }
  });

  it("invites an agent who accepts on a tablet and then signs in", async () => {
    const owner = await browser.newContext();
    const page = await owner.newPage();
    await signIn(page, baseUrl, "admin@example.com");
    await page.goto(`${baseUrl}/admin/settings/people`);
    const email = `agent-${unique()}@example.com`;
    await page.fill("input[name=invite-email]", email);
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!;
    expect(link).toMatch(/\/admin\/invite\/[\w-]+$/);
    await owner.close();

    const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    const invitee = await tablet.newPage();
    await invitee.goto(link);
    await invitee.getByRole("heading", { name: "Join Parley Demo Shop" }).waitFor();
    await invitee.fill("input[name=name]", "Nia Newcomer");
    await invitee.fill("input[name=password]", "a-long-password-1");
    await invitee.fill("input[name=again]", "a-long-password-1");
    await invitee.getByRole("button", { name: "Join" }).click();
    await invitee.locator(".top .who", { hasText: "Nia Newcomer" }).waitFor();
    // An agent sees the console, the rules (read-only) and contacts, not the settings; nothing overflows a tablet screen.
    await expect(invitee.locator(".nav a").allTextContents()).resolves.toEqual(["Inbox", "Rules", "Contacts", "Account"]);
    await expect(invitee.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);

    await invitee.getByRole("button", { name: "Sign out" }).click();
    await invitee.locator("input[name=email]").waitFor();
    await invitee.fill("input[name=email]", email);
    await invitee.fill("input[name=password]", "a-long-password-1");
    await invitee.click("button[type=submit]");
    await invitee.locator(".top .who", { hasText: "Nia Newcomer" }).waitFor();
    // The link worked once only.
    await invitee.goto(link);
    await invitee.getByRole("alert").waitFor();
    await tablet.close();
  });

  it("merges two contacts: the conversation and every identity end up on one profile", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, baseUrl, "admin@example.com");
    const tag = unique();

    // Contact A: a web visitor who started a conversation (real widget routes), later given a phone.
    const session = await page.request.post(`${baseUrl}/widget/v1/sites/demo/session`, { data: {} });
    const { token } = (await session.json()) as { token: string };
    const conv = await page.request.post(`${baseUrl}/widget/v1/sites/demo/conversations`, {
      data: { locale: "en" },
      headers: { authorization: `Bearer ${token}` },
    });
    const conversationId = ((await conv.json()) as { conversation: { id: string } }).conversation.id;
    const detail = await apiCall<{ contact: { id: string } }>(page, "GET", `/conversations/${conversationId}`);
    const a = detail.contact.id;
    await apiCall(page, "PATCH", `/contacts/${a}`, { name: `Lei Li ${tag}`, phones: ["+8613700000000"] });
    // Contact B: the same person, entered by hand with an email.
    const b = (
      await apiCall<{ contact: { id: string } }>(page, "POST", "/sites/demo/contacts", { name: `Li Lei ${tag}`, emails: [`li.lei.${tag}@example.com`] })
    ).contact.id;

    await page.goto(`${baseUrl}/admin/contacts`);
    await page.getByRole("searchbox").fill(tag);
    await page.locator(`tr[data-contact="${b}"] a`).click();
    await page.waitForURL(`${baseUrl}/admin/contacts/${b}`);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("searchbox", { name: /Find the duplicate/ }).fill(`Lei Li ${tag}`);
    await page.locator(`.merge-results li[data-contact="${a}"] button`).click();

    await page.locator(`.conv-list li[data-conversation="${conversationId}"]`).waitFor();
    await expect(page.locator("textarea[name=phones]").inputValue()).resolves.toBe("+8613700000000");
    await expect(page.locator("textarea[name=emails]").inputValue()).resolves.toBe(`li.lei.${tag}@example.com`);
    await expect(page.locator(".identities").textContent()).resolves.toContain("web visitor");
    // The duplicate is gone from the list.
    await page.goto(`${baseUrl}/admin/contacts`);
    await page.getByRole("searchbox").fill(tag);
    await page.locator(`tr[data-contact="${b}"]`).waitFor();
    await expect(page.locator(`tr[data-contact="${a}"]`).count()).resolves.toBe(0);
    await ctx.close();
  });
});
