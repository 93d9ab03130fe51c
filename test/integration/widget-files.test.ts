// Visitor uploads through the worker into R2: type sniffing, size and type limits, the message that
// carries the file, and /files/ serving it with safe headers.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, connect, login, ORIGIN, visitorSocketPath } from "./helpers.ts";
import { newVisitor, seedWidgetSite, startConversation, widgetCall } from "./widget-helpers.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const json = async <T>(r: Response) => (await r.json()) as T;

async function visitorWithConversation(settings: Record<string, unknown> = {}) {
  const { site } = await seedWidgetSite({ settings });
  const { token } = await newVisitor(site);
  const id = await startConversation(site, token);
  const upload = (bytes: BodyInit, name: string, type: string, clientId = `u${Math.random().toString(36).slice(2)}`) =>
    widgetCall(site, `/conversations/${id}/attachments?name=${encodeURIComponent(name)}&clientId=${clientId}`, { token, raw: bytes, type });
  return { site, token, id, upload };
}

describe("attachments", () => {
  it("stores an image, posts it as the visitor's message and serves it inline with safe headers", async () => {
    const v = await visitorWithConversation();
    const socket = await connect(visitorSocketPath(v.site, { token: v.token, conversationId: v.id }));
    const res = await v.upload(PNG, "截图 1.png", "image/png", "file-1");
    expect(res.status).toBe(201);
    const { attachment } = await json<{ attachment: { id: string; url: string; type: string; size: number; name: string } }>(res);
    expect(attachment).toMatchObject({ type: "image/png", size: PNG.byteLength, name: "截图 1.png" });
    expect(attachment.url).toBe(`/files/${attachment.id}/${encodeURIComponent("截图 1.png")}`);

    const live = await socket.waitFor("message", (f) => f.message.author === "visitor");
    expect(live.message.attachments).toEqual([attachment]);
    expect(live.message.clientId).toBe("file-1");

    const file = await call(attachment.url);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toMatch(/^inline; filename\*=UTF-8''/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    socket.close();
  });

  it("trusts the bytes, not the declared type: HTML called image/png is stored as text and downloads", async () => {
    const v = await visitorWithConversation();
    const res = await v.upload(new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>"), "cat.png", "image/png");
    expect(res.status).toBe(201);
    const { attachment } = await json<{ attachment: { url: string; type: string } }>(res);
    expect(attachment.type).toBe("text/plain");
    const file = await call(attachment.url);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("refuses types outside the site's list and files over its size limit, storing nothing", async () => {
    const v = await visitorWithConversation({ attachments: { enabled: true, maxBytes: 1024, types: ["image/*"] } });
    const svg = await v.upload(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "x.svg", "image/svg+xml");
    expect(svg.status).toBe(415);
    expect((await json<{ error: { code: string; field: string } }>(svg)).error).toMatchObject({ code: "type_not_allowed", field: "file" });
    const big = new Uint8Array(4096);
    big.set(PNG);
    const large = await v.upload(big, "big.png", "image/png");
    expect(large.status).toBe(413);
    expect((await json<{ error: { code: string } }>(large)).error.code).toBe("too_large");
    const empty = await v.upload(new Uint8Array(0), "empty.png", "image/png");
    expect(empty.status).toBe(400);
  });

  it("is refused when the site switched uploads off, and for someone else's conversation", async () => {
    const off = await visitorWithConversation({ attachments: { enabled: false } });
    expect((await off.upload(PNG, "a.png", "image/png")).status).toBe(403);
    const v = await visitorWithConversation();
    const stranger = await newVisitor(v.site);
    const res = await widgetCall(v.site, `/conversations/${v.id}/attachments?name=a.png&clientId=s1`, { token: stranger.token, raw: PNG, type: "image/png" });
    expect(res.status).toBe(404);
  });

  it("answers 404 for unknown or malformed file ids", async () => {
    expect((await call("/files/f_0000000000000000000000000/x.png")).status).toBe(404);
    expect((await call("/files/../../etc/passwd")).status).toBe(404);
  });
});

describe("erasing the contact", () => {
  it("deletes the visitor's uploaded files from R2 and their records, so the link stops working", async () => {
    const { site, owner } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const id = await startConversation(site, token);
    const res = await widgetCall(site, `/conversations/${id}/attachments?name=passport.png&clientId=p1`, { token, raw: PNG, type: "image/png" });
    const { attachment, message } = await json<{ attachment: { id: string; url: string }; message: { seq: number } }>(res);
    expect((await call(attachment.url)).status).toBe(200);
    const cookie = await login(owner);
    const conversation = await json<{ contact: { id: string } }>(await call(`/api/v1/conversations/${id}`, { cookie }));
    const contactId = conversation.contact.id;
    const erased = await call(`/api/v1/contacts/${contactId}?confirm=${contactId}`, { method: "DELETE", cookie, headers: { origin: ORIGIN } });
    expect(erased.status).toBe(200);
    expect((await call(attachment.url)).status).toBe(404);
    expect(await env.FILES.list({ prefix: `${id}/` })).toMatchObject({ objects: [] });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM attachments WHERE conversation_id = ?").bind(id).first()).toEqual({ n: 0 });
    expect(message.seq).toBeGreaterThan(0);
  });
});
