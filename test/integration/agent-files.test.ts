// Agents' attachments: upload, send with a reply, the visitor gets it, the file is served safely;
// size, type and role limits.

import { describe, expect, it } from "vitest";
import type { Attachment } from "../../protocol/src/types.ts";
import { desk, handOff, send } from "./inbox-fixtures.ts";
import { call, ORIGIN } from "./helpers.ts";

async function upload(id: string, cookie: string, body: BodyInit, type: string, name: string): Promise<Response> {
  return call(`/api/v1/conversations/${id}/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    cookie,
    body,
    headers: { origin: ORIGIN, "content-type": type },
  });
}

describe("agent attachments", () => {
  it("uploads a file, sends it with a reply the visitor receives, and serves it with safe headers", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const other = await desk({ assignment: "manual", agents: [{ key: "zed" }] });
    const c = await handOff(d.site);
    const res = await upload(c.id, d.agents.ann!.cookie, "Order A12345: shipped 2 May", "text/plain", "../../receipt.txt");
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ name: "receipt.txt", type: "text/plain", size: 27 });
    expect(attachment.url).toMatch(/^\/files\/f_[0-9a-z]{26}\/receipt\.txt$/);

    expect(
      (await send(`/api/v1/conversations/${c.id}/messages`, d.agents.ann!.cookie, { text: "Here is your receipt", attachments: [attachment] })).status,
    ).toBe(201);
    const got = await c.visitor.waitFor("message", (f) => f.message.text === "Here is your receipt");
    expect(got.message.attachments).toEqual([attachment]);

    const file = await call(attachment.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("Order A12345: shipped 2 May");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    // Only raster images display inline; anything else (text included) downloads.
    expect(file.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''receipt.txt");

    // Markup never displays inline; limits and roles are enforced; nothing is stored on refusal.
    const svg = (await (await upload(c.id, d.agents.ann!.cookie, "<svg onload=alert(1)/>", "image/svg+xml", "x.svg")).json()) as { attachment: Attachment };
    expect((await call(svg.attachment.url)).headers.get("content-disposition")).toMatch(/^attachment;/);
    expect((await upload(c.id, d.agents.ann!.cookie, new Uint8Array(10 * 1024 * 1024 + 1), "application/pdf", "big.pdf")).status).toBe(413);
    // The declared type is not trusted: the stored type is read from the bytes.
    const odd = (await (await upload(c.id, d.agents.ann!.cookie, "plain words", "not a type", "x")).json()) as { attachment: Attachment };
    expect(odd.attachment.type).toBe("text/plain");
    expect((await upload(c.id, other.agents.zed!.cookie, "x", "text/plain", "x.txt")).status).toBe(403);
    expect((await call(`/files/${c.id}/f_00000000000000000000000000`)).status).toBe(404);
    expect((await call("/files/../etc/passwd")).status).toBe(404);
    c.visitor.close();
  });
});
