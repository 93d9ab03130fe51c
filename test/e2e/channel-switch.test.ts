// End to end in the browser: a visitor starts on the web widget, leaves their email and closes the
// page; the agent's reply goes out by email (wrangler dev's send_email); the customer's email reply
// (through wrangler dev's local Email Routing) lands in the same conversation; the contact page
// shows both channels.

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, part, signIn } from "./browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Signs in over HTTP (as the console does) and returns a caller of the API with that session. */
async function apiAs(email: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: "parley-demo" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { origin: baseUrl, cookie, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}

async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface SentMail {
  to: string[];
  subject: string;
  replyTo: string;
  messageId: string;
}

describe("web → email → back into the same conversation", () => {
  it("emails the agent's reply to a visitor who left, files their email answer in the conversation, and the contact shows both channels", async () => {
    // Nobody has a console open (agents would be "online"): the bot will ask where to answer.
    const api = await apiAs("admin@example.com");
    const email = `emma.${Date.now().toString(36)}@example.com`;
    const address = "support@demo.parley.test"; // the demo site's email channel (seeded)
    const connected = await api<{ items: { address: string; enabled: boolean }[] }>("GET", "/sites/demo/channels");
    expect(connected.body.items).toContainEqual(expect.objectContaining({ address, enabled: true }));

    const visitorCtx = await browser.newContext({ locale: "en-US" });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${baseUrl}/demo`);
    await part(visitor, "launcher").click();
    await part(visitor, "input").fill("I need a human please");
    await part(visitor, "send").click();
    await part(visitor, "message-bot").filter({ hasText: "What email address should we answer at?" }).waitFor();
    await part(visitor, "input").fill(email);
    await part(visitor, "send").click();
    await part(visitor, "message-bot")
      .filter({ hasText: `We'll answer at ${email}` })
      .waitFor();
    await visitorCtx.close(); // the visitor leaves

    const contacts = await api<{ items: { id: string }[] }>("GET", `/sites/demo/contacts?q=${encodeURIComponent(email)}`);
    const contactId = contacts.body.items[0]!.id;
    const profile = await api<{ conversations: { id: string }[] }>("GET", `/contacts/${contactId}`);
    const conversation = { id: profile.body.conversations[0]!.id, contactId };
    await poll(
      () => api<{ visitorOnline: boolean }>("GET", `/conversations/${conversation.id}/deliveries`),
      (r) => r.body.visitorOnline === false,
      "the visitor's socket to close",
    );
    const reply = await api("POST", `/conversations/${conversation.id}/messages`, { text: "Hi Emma, your refund was approved today." });
    expect(reply.status).toBe(201);

    // The reply went out by email (wrangler dev keeps what send_email sent).
    const mail = await poll(
      async () => {
        const r = await fetch(`${baseUrl}/cdn-cgi/local/explorer/api/local/email/sending`);
        return ((await r.json()) as { result: SentMail[] }).result.find((m) => m.to.includes(email));
      },
      (m) => m !== undefined,
      "the reply by email",
    );
    expect(mail!.subject).toBe("Your conversation with Parley Demo Shop");
    expect(mail!.replyTo.startsWith(`${address.split("@")[0]}+`)).toBe(true);

    // Emma answers from her mail client; Email Routing hands it to the worker.
    const raw = [
      `From: Emma Example <${email}>`,
      `To: ${mail!.replyTo}`,
      "Subject: Re: Your conversation with Parley Demo Shop",
      "Message-ID: <e2e-reply-1@example.com>",
      `In-Reply-To: ${mail!.messageId}`,
      `References: ${mail!.messageId}`,
      "Date: Mon, 23 Nov 2026 10:00:00 +0000",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Wonderful, thank you!",
      "",
      `On Mon, 23 Nov 2026 at 09:58, Parley Demo Shop <${mail!.replyTo}> wrote:`,
      "> Hi Emma, your refund was approved today.",
      "",
    ].join("\r\n");
    const delivered = await fetch(`${baseUrl}/cdn-cgi/local/email?from=${encodeURIComponent(email)}&to=${encodeURIComponent(mail!.replyTo)}`, {
      method: "POST",
      body: raw,
    });
    expect(delivered.status).toBe(200);

    const detail = await poll(
      () => api<{ conversation: { channel: string }; messages: { author: string; text: string }[] }>("GET", `/conversations/${conversation.id}`),
      (r) => r.body.messages.some((m) => m.text === "Wonderful, thank you!"),
      "the email reply in the conversation",
    );
    expect(detail.body.conversation.channel).toBe("web");
    expect(detail.body.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["I need a human please", email, "Wonderful, thank you!"]);
    expect((await api<{ conversations: unknown[] }>("GET", `/contacts/${contactId}`)).body.conversations).toHaveLength(1);

    // The contact page shows both channels, and the email as verified.
    const agentCtx = await browser.newContext({ locale: "en-US" });
    const console_ = await agentCtx.newPage();
    await signIn(console_, baseUrl, "admin@example.com");
    await console_.goto(`${baseUrl}/admin/contacts/${conversation.contactId}`);
    const channels = console_.getByTestId("contact-channels");
    await channels.locator('[data-channel="email"]').waitFor();
    expect(await channels.locator("[data-channel]").evaluateAll((els) => els.map((e) => e.getAttribute("data-channel")))).toEqual(["email", "web"]);
    await console_.locator(".identities li", { hasText: email }).filter({ hasText: "verified" }).waitFor();
    await agentCtx.close();
  });
});
