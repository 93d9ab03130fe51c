// Hostile input at the widget's door: oversized and malformed socket frames (refused, nothing
// stored, the socket and everyone else's carry on), oversized bodies and uploads, executables
// disguised as images, and file names built to trick a browser or a file system.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, MAX_TEXT_LENGTH } from "../../protocol/src/frames.ts";
import { conversationStub } from "../../worker/src/stubs.ts";
import { call, connect, startVisitor, visitorSocketPath } from "../integration/helpers.ts";
import { newVisitor, seedWidgetSite, startConversation, widgetCall } from "../integration/widget-helpers.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const visitorMessages = async (id: string) => (await conversationStub(env, id).detail())!.messages.filter((m) => m.author === "visitor");
const filesOf = async (conversationId: string) => (await env.FILES.list({ prefix: `${conversationId}/` })).objects.length;
const attachmentRows = async (conversationId: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM attachments WHERE conversation_id = ?").bind(conversationId).first<{ n: number }>())!.n;

/** Bytes that start like a program, padded to a plausible size. */
function program(magic: number[], size = 2048): Uint8Array {
  const b = new Uint8Array(size);
  b.set(magic);
  for (let i = magic.length; i < size; i++) b[i] = (i * 7) % 251;
  return b;
}

async function uploader(settings: Record<string, unknown> = {}) {
  const { site } = await seedWidgetSite({ settings });
  const { token } = await newVisitor(site);
  const id = await startConversation(site, token);
  let n = 0;
  const upload = (bytes: BodyInit, name: string, type: string) =>
    widgetCall(site, `/conversations/${id}/attachments?name=${encodeURIComponent(name)}&clientId=up${n++}`, { token, raw: bytes, type });
  return { site, token, id, upload };
}

describe("socket frames", () => {
  it("answers oversized and malformed frames with an error, stores nothing, and the socket and others carry on", async () => {
    const { site } = await seedWidgetSite();
    const attacker = await startVisitor(site);
    const neighbour = await startVisitor(site);
    const ws = await connect(visitorSocketPath(site, attacker));
    const other = await connect(visitorSocketPath(site, neighbour));
    const hostile: (string | ArrayBuffer)[] = [
      JSON.stringify({ t: "send", clientId: "big", text: "x".repeat(MAX_FRAME_BYTES) }),
      "{not json",
      "null",
      "[]",
      '"send"',
      "1e999",
      JSON.stringify({ t: "send" }),
      JSON.stringify({ t: "send", clientId: 5, text: "x" }),
      JSON.stringify({ t: "send", clientId: "a".repeat(500), text: "x" }),
      JSON.stringify({ t: "send", clientId: "ok", text: { toString: "x" } }),
      JSON.stringify({ t: "send", clientId: "ok2", text: "x", attachments: "nope" }),
      JSON.stringify({ t: "no-such-frame" }),
      "[".repeat(5000),
      new Uint8Array([0xff, 0x00, 0x13]).buffer,
    ];
    for (const frame of hostile) ws.ws.send(frame);
    // Every hostile frame gets an error frame; none becomes a message.
    await ws.waitFor("error", () => ws.frames.filter((f) => f.t === "error").length >= hostile.length);
    expect(await visitorMessages(attacker.conversationId)).toEqual([]);
    // Over-long text inside a well-formed frame is refused too.
    ws.send({ t: "send", clientId: "long", text: "y".repeat(MAX_TEXT_LENGTH + 1) });
    expect((await ws.waitFor("error", (e) => e.clientId === "long")).code).toBe("too_long");
    // The same socket still works, and so does the neighbour's. Unknown keys (even `__proto__`) are dropped.
    ws.send('{"t":"send","clientId":"fine","text":"a normal message","__proto__":{"admin":true},"author":"agent"}');
    await ws.waitFor("ack", (a) => a.clientId === "fine");
    other.send({ t: "send", clientId: "n1", text: "hello" });
    await other.waitFor("ack", (a) => a.clientId === "n1");
    const [stored] = await visitorMessages(attacker.conversationId);
    expect(await visitorMessages(attacker.conversationId)).toHaveLength(1);
    expect(stored).toMatchObject({ text: "a normal message", author: "visitor" });
    expect((stored as unknown as Record<string, unknown>).admin).toBeUndefined();
    ws.close();
    other.close();
  });
});

describe("bodies and uploads", () => {
  it("refuses JSON bodies over the cap on the bytes received (413), with or without a Content-Length", async () => {
    const { site } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const huge = JSON.stringify({ attributes: { note: "z".repeat(200 * 1024) } });
    expect((await widgetCall(site, "/attributes", { token, raw: huge, type: "application/json" })).status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("x".repeat(4096)));
        c.close();
      },
    });
    const r = await call(`/widget/v1/sites/${site}/session`, {
      method: "POST",
      body: stream,
      headers: { origin: "https://parley.test" },
      duplex: "half",
    } as RequestInit);
    expect(r.status).toBe(413);
  });

  it("refuses an upload over the limit — even where a site asks for more than 10 MB — storing nothing", async () => {
    const v = await uploader({ attachments: { enabled: true, maxBytes: 50 * 1024 * 1024, types: ["image/*"] } });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const r = await v.upload(big, "huge.png", "image/png");
    expect(r.status).toBe(413);
    expect([await filesOf(v.id), await attachmentRows(v.id), (await visitorMessages(v.id)).length]).toEqual([0, 0, 0]);
  });

  it("refuses executables disguised as images (MZ / ELF / Mach-O / script bytes named .png, sent as image/png)", async () => {
    const v = await uploader();
    const disguised: [string, Uint8Array][] = [
      ["Windows PE (MZ)", program([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00])],
      ["Linux ELF", program([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01])],
      ["Mach-O", program([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01])],
      ["PNG signature cut short", program([0x89, 0x50, 0x4e, 0x47])],
    ];
    for (const [kind, bytes] of disguised) {
      const r = await v.upload(bytes, "holiday-photo.png", "image/png");
      expect([kind, r.status, ((await r.json()) as { error: { code: string } }).error.code]).toEqual([kind, 415, "type_not_allowed"]);
    }
    expect([await filesOf(v.id), await attachmentRows(v.id)]).toEqual([0, 0]);
  });

  it("sanitises file names and serves every file with Content-Disposition, nosniff and a sandbox", async () => {
    const v = await uploader();
    const names = [
      "../../../etc/passwd.png",
      "..\\..\\boot.ini.png",
      'a"; filename="evil.html.png',
      "photo\r\nSet-Cookie: parley_session=stolen.png",
      "invoice\u202Egnp.exe.png",
      "<img src=x onerror=alert(1)>.png",
      "\u0000\u0007.png",
      "....png",
      "a".repeat(1000) + ".png",
    ];
    for (const name of names) {
      const r = await v.upload(PNG, name, "image/png");
      expect(r.status).toBe(201);
      const { attachment } = (await r.json()) as { attachment: { name: string; url: string } };
      expect(attachment.name).not.toMatch(/[\\/"\r\n\u0000-\u001f<>\u202a-\u202e]/);
      expect(attachment.name.length).toBeLessThanOrEqual(160);
      expect(attachment.name).not.toMatch(/^\./);
      const file = await call(attachment.url);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-disposition")).toMatch(/^inline; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/);
      expect(file.headers.get("x-content-type-options")).toBe("nosniff");
      expect(file.headers.get("content-security-policy")).toContain("sandbox");
      expect(file.headers.get("set-cookie")).toBeNull();
    }
    // Markup is never served as a page: it is stored as text and downloads.
    const html = await v.upload(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), "x.png", "image/png");
    const served = await call(((await html.json()) as { attachment: { url: string } }).attachment.url);
    expect(served.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(served.headers.get("content-disposition")).toMatch(/^attachment;/);
  });
});
