// The reports page in a real browser: admins see the figures of the site's month (the same numbers
// the API gives), three uPlot charts that really drew, filters that change the numbers, a CSV that
// downloads; agents never see it; no serious accessibility problems; it speaks Chinese.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";

const baseUrl = inject("baseUrl");
const site = E2E_SITES.reports;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function summary(page: Page, query = ""): Promise<{ conversations: number; window: { firstDay: string; lastDay: string } }> {
  const r = await page.request.get(`${baseUrl}/api/v1/sites/${site}/reports/summary?${query}`);
  expect(r.status()).toBe(200);
  return r.json();
}

/** Coloured pixels on a chart's canvas: the series (axes, grid and labels are grey or black). */
function seriesPixels(page: Page, testId: string): Promise<number> {
  return page.locator(`[data-testid="${testId}"] canvas`).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
    }
    return n;
  });
}

const card = (page: Page, id: string) => page.locator(`[data-figure="${id}"] .reports-card-value`);

describe("reports page", () => {
  it("shows the month's figures and charts, filters them, and downloads the CSV", async () => {
    const ctx = await browser.newContext({ locale: "en-US", acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, baseUrl, `admin+${site}@example.com`);
    await page.locator(".nav a", { hasText: "Reports" }).click();
    await page.getByRole("heading", { name: "Reports" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/reports");

    const all = await summary(page);
    expect(all.conversations).toBeGreaterThan(200);
    await expect.poll(() => card(page, "conversations").textContent()).toBe(all.conversations.toLocaleString("en"));
    await expect(page.locator('input[name="from"]').inputValue()).resolves.toBe(all.window.firstDay);
    for (const id of ["chart-volume", "chart-frt", "chart-csat"]) {
      await page.locator(`[data-testid="${id}"] canvas`).waitFor();
      await expect.poll(() => seriesPixels(page, id)).toBeGreaterThan(500);
    }
    await expect(page.locator(".reports-agents tbody tr").count()).resolves.toBe(2);

    // A channel filter changes every figure to that channel's.
    await page.getByRole("combobox", { name: "Channel" }).selectOption("email");
    const email = await summary(page, "channel=email");
    expect(email.conversations).toBeLessThan(all.conversations);
    await expect.poll(() => card(page, "conversations").textContent()).toBe(email.conversations.toLocaleString("en"));

    // The breakdown by label lists the complaints.
    await page.getByRole("tab", { name: "Label" }).click();
    await page.locator('.reports-breakdown tr[data-key="complaint"]').waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^parley-summary-${site}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\ufeffsection,key,name,metric,value");
    expect(csv).toContain(`total,,,conversations,${email.conversations}\r\n`);
    expect(csv).toContain("window,,,channel,email\r\n");

    await page.evaluate(axeSource);
    const serious = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const r = await axe.run(document.querySelector("main.reports"));
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    });
    expect(serious).toEqual([]);

    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("heading", { name: "报表" }).waitFor();
    await page.locator('[data-figure="csat"]', { hasText: "满意度" }).waitFor();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("is not shown to agents", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await signIn(page, baseUrl, `agent+${site}@example.com`);
    await expect(page.locator(".nav a").allTextContents()).resolves.not.toContain("Reports");
    await page.goto(`${baseUrl}/admin/reports`);
    await page.getByText("There is nothing at this address.").waitFor();
    expect((await page.request.get(`${baseUrl}/api/v1/sites/${site}/reports/summary`)).status()).toBe(403);
    await ctx.close();
  });
});
