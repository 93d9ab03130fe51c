// The Rules page in a real browser: simulate, save a test case, a publish refused by it, validation as
// you type in the JSON editor, an edit in the structured editor published, and a restore.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openRules(page: Page, email: string): Promise<void> {
  await signIn(page, baseUrl, email);
  await page.getByRole("link", { name: "Rules" }).click();
  await page.locator(".rules-bar", { hasText: "In force: version 1" }).waitFor();
}

describe("rules page", () => {
  it("simulates, saves a test case that blocks a bad publish, validates as you type, publishes and restores", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    page.on("dialog", (d) => void d.accept());
    await openRules(page, "admin@example.com");

    // Simulate a message: what the visitor sees, the actions, and why.
    const sim = page.locator(".simulator");
    await sim.getByLabel("Message", { exact: true }).fill("I'm calling my lawyer");
    await sim.getByRole("button", { name: "Simulate" }).click();
    await sim.locator(".sim-actions li", { hasText: "Hand off to a person → complaints" }).waitFor();
    await expect(sim.locator(".trace .headline").textContent()).resolves.toBe("rule complaint-severe matched: text contains lawyer");
    await sim.getByLabel("Test case name").fill("Legal threats are severe");
    await sim.getByRole("button", { name: "Save as test case" }).click();
    await sim.getByText("Saved. Every publish now runs this case.").waitFor();
    await page.getByRole("tab", { name: "Test cases (1)" }).waitFor();

    // Switching the severe-complaint rule off breaks that case: the publish is refused, v1 stays.
    const severe = page.locator("li.rule", { has: page.locator("code", { hasText: /^complaint-severe$/ }) });
    await severe.locator(".fold").click();
    await severe.getByLabel("Enabled").uncheck();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.locator(".outcome.bad", { hasText: "Legal threats are severe" }).waitFor();
    await page.locator(".rules-bar", { hasText: "In force: version 1" }).waitFor();
    await page.getByRole("button", { name: "Discard changes" }).click();

    // The JSON editor validates as you type and names the rule and field.
    await page.getByRole("tab", { name: "JSON" }).click();
    const json = page.getByLabel("The ruleset as JSON");
    await json.fill((await json.inputValue()).replace('"op": "containsAny"', '"op": "contains"'));
    await page.locator(".error-list", { hasText: 'rule complaint-severe · when.any[0].op: unknown operator "contains"' }).waitFor();
    await expect(page.getByRole("button", { name: "Publish" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Discard changes" }).click();
    await page.getByText("The draft is valid.").waitFor();

    // An edit in the structured editor, published as version 2, then version 1 restored.
    await page.getByRole("tab", { name: "Rules" }).click();
    const greeting = page.locator("li.rule", { has: page.locator("code", { hasText: /^greeting$/ }) });
    await greeting.locator(".fold").click();
    await greeting.locator(".action-reply .localized textarea").first().fill("Howdy from version two!");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.locator(".outcome.ok", { hasText: "Published version 2" }).waitFor();
    await page.locator(".rules-bar", { hasText: "In force: version 2" }).waitFor();

    await page.getByRole("tab", { name: /History/ }).click();
    await page.locator('tr[data-version="1"]').getByRole("button", { name: "Restore" }).click();
    await page.locator(".outcome.ok", { hasText: "Version 1 is in force again." }).waitFor();
    await page.locator(".rules-bar", { hasText: "In force: version 1" }).waitFor();
    await ctx.close();
  });

  it("lets agents read the rules and simulate, but not edit", async () => {
    const ctx = await browser.newContext({ locale: "en-US" });
    const page = await ctx.newPage();
    await openRules(page, "agent@example.com");
    await page.getByText("editing needs the admin role").waitFor();
    await expect(page.getByRole("button", { name: "Publish" }).count()).resolves.toBe(0);
    const sim = page.locator(".simulator");
    await sim.getByLabel("Message", { exact: true }).fill("where is my order A12345?");
    await sim.getByRole("button", { name: "Simulate" }).click();
    await sim.locator(".bubble", { hasText: "You can follow order **A12345**" }).waitFor();
    await ctx.close();
  });
});
