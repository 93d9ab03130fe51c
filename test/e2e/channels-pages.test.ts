// The channels and webhooks pages in the browser: an admin connects channels and sees what to paste
// into the provider, tests and disables one; adds a webhook, sends a test event to a real local
// endpoint (which checks the Standard Webhooks signature) and reads the delivery log. Agents cannot
// open either page; both speak Chinese and have no serious accessibility problems.

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;
let receiver: Server;
let receiverUrl = "";
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/parley-events`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function seriousA11yProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
    const r = await axe.run(document.querySelector(".settings"));
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
}

describe("channels and webhooks pages", () => {
  it("connects, tests and disables channels, showing what to paste into the provider", async () => {
    const agentCtx = await browser.newContext({ locale: "en-US" });
    const agent = await agentCtx.newPage();
    await signIn(agent, baseUrl, "agent@example.com");
    await agent.goto(`${baseUrl}/admin/channels`);
    await agent.getByText("There is nothing at this address.").waitFor();
    await agentCtx.close();

    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await signIn(page, baseUrl, "admin@example.com");
    await page.locator(".nav a", { hasText: "Settings" }).click();
    await page.locator(".settings-nav a", { hasText: "Channels" }).click();
    await page.getByRole("heading", { name: "Channels", level: 1 }).waitFor();

    const stamp = Date.now().toString(36);
    await page.locator(`select[name="kind"]`).selectOption("email");
    await page.getByLabel("Name", { exact: true }).fill("Pages mail");
    await page.getByLabel("Address customers write to").fill(`pages.${stamp}@demo.parley.test`);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const card = page.getByRole("article", { name: "Pages mail" });
    await card.waitFor();
    await card.getByRole("button", { name: "Test" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: `A test message was sent from pages.${stamp}@demo.parley.test to admin@example.com.` })
      .waitFor();

    await page.locator(`select[name="kind"]`).selectOption("api");
    await page.getByLabel("Name", { exact: true }).fill("Pages app");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const notice = page.locator(".notice").filter({ hasText: "Connected" });
    await notice.waitFor();
    await expect(notice.getByTestId("channel-webhook-url").textContent()).resolves.toMatch(new RegExp(`^${baseUrl}/channels/api/ch_[0-9a-z]+$`));
    await expect(notice.getByTestId("channel-secret").textContent()).resolves.toMatch(/^whsec_/);

    // A bad value is refused with the field named.
    await page.locator(`select[name="kind"]`).selectOption("telegram");
    await page.getByLabel("Name", { exact: true }).fill("Bad bot");
    await page.getByLabel("Bot token (from @BotFather)").fill("not-a-token");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.locator('[data-field="botToken"] .field-error').waitFor();

    await card.getByRole("button", { name: "Disable" }).click();
    await card.locator(".channels-state", { hasText: "Off" }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("heading", { name: "渠道", level: 1 }).waitFor();
    await page.getByLabel("语言").selectOption("en");

    // Leave the shared demo site without these channels.
    page.on("dialog", (d) => void d.accept());
    for (const name of ["Pages mail", "Pages app"]) {
      await page.getByRole("article", { name }).getByRole("button", { name: "Remove" }).click();
      await page.getByRole("article", { name }).waitFor({ state: "detached" });
    }
    await ctx.close();
  });

  it("adds a webhook, sends a signed test event to a real endpoint, and shows the delivery log", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    page.on("dialog", (d) => void d.accept());
    await signIn(page, baseUrl, "admin@example.com");
    await page.goto(`${baseUrl}/admin/webhooks`);
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await page.getByLabel("URL").fill(receiverUrl);
    await page.getByLabel("Description").fill("CRM sync");
    await page.getByRole("checkbox", { name: "conversation.created" }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const card = page.getByRole("article", { name: receiverUrl });
    await card.waitFor();
    const secret = (await card.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);

    await card.getByRole("button", { name: "Send test event" }).click();
    await card
      .getByRole("status")
      .filter({ hasText: /^Delivered: HTTP 204 in \d+ ms\.$/ })
      .waitFor();
    const last = received.at(-1)!;
    const event = new Webhook(secret).verify(last.body, last.headers) as { type: string };
    expect(event.type).toBe("webhook.test");

    await card.getByRole("button", { name: "Delivery log" }).click();
    const row = card.locator("tr[data-delivery]").first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/webhook\.test.*delivered.*204/);
    expect(await seriousA11yProblems(page)).toEqual([]);

    await card.getByRole("button", { name: "Delete" }).click();
    await card.waitFor({ state: "detached" });
    await ctx.close();
  });
});
