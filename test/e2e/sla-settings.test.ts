// The SLA settings page in the browser: admins only, saves and validates the policy, keeps it across
// reloads, speaks Chinese, and has no serious accessibility problems.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("SLA settings page", () => {
  it("lets an admin change the policy, refuses a bad value, and hides the page from agents", async () => {
    const agentCtx = await browser.newContext({ locale: "en-US" });
    const agent = await agentCtx.newPage();
    await signIn(agent, baseUrl, "agent@example.com");
    await expect(agent.locator(".nav a").allTextContents()).resolves.not.toContain("Settings");
    await agent.goto(`${baseUrl}/admin/sla`);
    await agent.getByText("There is nothing at this address.").waitFor();
    await agentCtx.close();

    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await signIn(page, baseUrl, "admin@example.com");
    // The SLA page is one of the settings pages: Settings, then SLA in the settings navigation.
    await page.locator(".nav a", { hasText: "Settings" }).click();
    await page.locator(".settings-nav a", { hasText: "SLA" }).click();
    await page.getByRole("heading", { name: "SLA policy" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/sla");

    await page.getByLabel("Complaint: first response — Urgent").fill("3");
    await page.getByLabel("Send a check-in message after a conversation is resolved").check();
    await page.getByLabel("after (days)").fill("2");
    await page.getByLabel("Message (English)").fill("Hi again! Did that solve it?");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    const warning = page.getByLabel("Warn agents this many minutes before a breach (0 = no warnings)");
    await warning.fill("99999");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toBe("warningMinutes must be a whole number from 0 to 1440.");
    await expect(warning.getAttribute("aria-invalid")).resolves.toBe("true");

    await page.reload();
    await page.getByRole("heading", { name: "SLA policy" }).waitFor();
    await expect(page.getByLabel("Complaint: first response — Urgent").inputValue()).resolves.toBe("3");
    await expect(page.getByLabel("Warn agents this many minutes before a breach (0 = no warnings)").inputValue()).resolves.toBe("10");
    await expect(page.getByLabel("Send a check-in message after a conversation is resolved").isChecked()).resolves.toBe(true);
    const saved = await page.evaluate(
      async () => (await (await fetch("/api/v1/sites/demo/sla-policy")).json()) as { policy: { followUp: { delayMinutes: number } } },
    );
    expect(saved.policy.followUp.delayMinutes).toBe(2 * 24 * 60);

    // Evaluated through the debugging protocol: the console's CSP (rightly) refuses inline scripts.
    await page.evaluate(axeSource);
    const serious = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const r = await axe.run(document.querySelector(".settings"));
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect(serious).toEqual([]);

    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("heading", { name: "SLA 策略" }).waitFor();
    await expect(page.getByLabel("投诉：首次响应 — 紧急").inputValue()).resolves.toBe("3");
    await ctx.close();
  });
});
