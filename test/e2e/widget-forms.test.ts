// Forms and files in the browser: the offline form outside business hours (the conversation then
// continues by email), the pre-chat form, and attachments — picked, pasted, shown, refused.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { E2E_SITES } from "./fixtures.ts";
import { agentApi, agentEmail, conversationOf, openVisitor, say, sitePage } from "./widget-helpers.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("offline form", () => {
  it("outside business hours takes a message and an email, checks them, and the conversation continues by email", async () => {
    const site = E2E_SITES.closed;
    const v = await openVisitor(browser, sitePage(baseUrl, site));
    await v.part("launcher").click();
    const form = v.part("offline-form");
    await form.waitFor();
    expect(await form.locator(".intro").textContent()).toBe("We're closed right now — leave a message.");
    expect(await v.part("composer").count()).toBe(0);

    await form.getByRole("button", { name: "Send message" }).click();
    expect(await form.getByLabel(/Your message/).getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator(".field-error").allTextContents()).toEqual(["Please fill in Your message.", "Please fill in Your email."]);
    await expect.poll(() => v.page.evaluate(() => document.querySelector("parley-chat")!.shadowRoot!.activeElement?.id)).toBe("offline-message");

    await form.getByLabel(/Your message/).fill("My parcel 包裹 never arrived. Order #991.");
    await form.getByLabel(/Your email/).fill("not-an-email");
    await form.getByRole("button", { name: "Send message" }).click();
    expect(await form.locator(".field-error").allTextContents()).toEqual(["Please enter a valid email address."]);
    await form.getByLabel(/Your email/).fill("Mei@Example.com");
    await form.getByLabel(/Name/).fill("Mei");
    await form.getByRole("button", { name: "Send message" }).click();

    await v.page
      .locator("parley-chat")
      .locator('[part~="status"][data-kind="email"]')
      .filter({ hasText: "Thanks! We'll reply to mei@example.com by email." })
      .waitFor();
    await v.part("message-visitor").filter({ hasText: "My parcel 包裹 never arrived." }).waitFor();
    expect(await v.part("offline-form").count()).toBe(0);

    const id = await conversationOf(v);
    const detail = await (await agentApi(baseUrl, agentEmail(site))).detail(id);
    expect(detail.conversation.status).toBe("queued");
    expect(detail.contact).toMatchObject({ email: "mei@example.com", name: "Mei" });
    expect(detail.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["My parcel 包裹 never arrived. Order #991."]);
    expect(detail.messages.filter((m) => m.author === "bot")).toEqual([]);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe("pre-chat form", () => {
  it("asks the site's fields before the first message and stores the answers on the contact", async () => {
    const site = E2E_SITES.prechat;
    const v = await openVisitor(browser, sitePage(baseUrl, site));
    await v.part("launcher").click();
    const form = v.part("prechat-form");
    await form.waitFor();
    expect(await v.part("composer").count()).toBe(0);
    await form.getByRole("button", { name: "Start chat" }).click();
    expect(await form.locator(".field-error").allTextContents()).toEqual(["Please fill in Your name.", "Please fill in Email."]);
    await form.getByLabel(/Your name/).fill("Ada");
    await form.getByLabel(/Email/).fill("ada@example.com");
    await form.getByLabel("Plan").selectOption("pro");
    await form.getByRole("button", { name: "Start chat" }).click();
    await v.part("composer").waitFor();
    await say(v, "hello");
    await v.part("message-bot").first().waitFor();
    const detail = await (await agentApi(baseUrl, agentEmail(site))).detail(await conversationOf(v));
    expect(detail.contact).toMatchObject({ name: "Ada", email: "ada@example.com", attributes: { plan: "pro" } });
    // Reloading keeps the conversation (and the open panel): the form is not asked again.
    await v.page.reload();
    await v.part("message-bot").first().waitFor();
    expect(await v.part("prechat-form").count()).toBe(0);
    await v.close();
  });
});

describe("attachments", () => {
  it("uploads a picked image and a pasted file; the image shows inline and the agent gets both", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.widget));
    await v.part("launcher").click();
    await v.page.locator("parley-chat").locator(".file-input").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
    const img = v.part("message-visitor").locator("img");
    await img.waitFor();
    expect(await img.getAttribute("alt")).toBe("Image: photo.png");
    expect(await img.getAttribute("src")).toMatch(new RegExp(`^${baseUrl}/files/f_[0-9a-z]+/photo\\.png$`));
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);

    await v.part("input").evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(new File(["order 991\n"], "notes.txt", { type: "text/plain" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    const link = v.part("message-visitor").locator("a.file");
    await link.waitFor();
    expect(await link.textContent()).toContain("notes.txt");
    expect(await link.getAttribute("download")).toBe("notes.txt");

    const detail = await (await agentApi(baseUrl, agentEmail(E2E_SITES.widget))).detail(await conversationOf(v));
    expect(detail.messages.flatMap((m) => m.attachments ?? []).map((a) => a.type)).toEqual(["image/png", "text/plain"]);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it("refuses files over the size limit or of the wrong type with a clear message, before or after upload", async () => {
    const v = await openVisitor(browser, sitePage(baseUrl, E2E_SITES.small));
    await v.part("launcher").click();
    const input = v.page.locator("parley-chat").locator(".file-input");
    const alert = v.page.locator("parley-chat").locator(".notice[role=alert]");
    await input.setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(4096)]) });
    await alert.filter({ hasText: "big.png is too large (the limit is 2 KB)." }).waitFor();
    await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await alert.filter({ hasText: "notes.txt is not a type of file we accept." }).waitFor();
    // Claims to be an image, is text: the worker sniffs the bytes and refuses it.
    await input.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") });
    await alert.filter({ hasText: "fake.png is not a type of file we accept." }).waitFor();
    expect(await v.part("message-visitor").count()).toBe(0);
    await v.close();
  });
});
