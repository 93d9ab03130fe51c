// Agents' attachments: the console uploads a file (raw body) to R2 under the conversation, then sends
// it with its reply; `/files/<conversation>/<file>` serves it back (an unguessable capability URL, as
// the customer must be able to open it too) with headers that never let a file run in our origin.
// The R2 key is the URL's path after /files/, which is what contact erasure deletes (privacy.ts).

import { Hono } from "hono";
import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import type { Attachment } from "../../../protocol/src/types.ts";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { getConversationSummary } from "../db/conversations.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { newId } from "../lib/ids.ts";

export const agentUploadRoutes = new Hono<AppEnv>();
export const fileServeRoutes = new Hono<AppEnv>();

const MIME = /^[\w.+-]{1,60}\/[\w.+-]{1,60}$/;
/** Shown in the browser; everything else downloads (SVG and HTML included: they can carry script). */
const INLINE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"]);

/** A file name safe to store and show: no paths, no control characters, at most 120 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "")
    .trim()
    .slice(0, 120);
  return cleaned || "file";
}

async function readLimited(req: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError(413, "attachment_too_large", `Files can be at most ${Math.round(max / 1024 / 1024)} MB.`, { field: "file" });
  if (Number(req.headers.get("content-length") ?? 0) > max) throw tooLarge();
  if (!req.body) throw new AppError(400, "empty", "The file is empty.", { field: "file" });
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.byteLength));
  return out;
}

agentUploadRoutes.post("/conversations/:id/attachments", requireUser(), async (c) => {
  const summary = await getConversationSummary(c.env.DB, c.req.param("id"));
  if (!summary) throw new AppError(404, "not_found", "No such conversation.");
  const user = c.get("user");
  requireRole(user, summary.siteId, "agent");
  const type = (c.req.header("content-type") ?? "application/octet-stream").split(";")[0]!.trim().toLowerCase();
  if (!MIME.test(type)) throw new AppError(400, "invalid", "Content-Type must be the file's type.", { field: "file" });
  const bytes = await readLimited(c.req.raw, MAX_ATTACHMENT_BYTES);
  if (bytes.byteLength === 0) throw new AppError(400, "empty", "The file is empty.", { field: "file" });
  const name = cleanFileName(c.req.query("name"));
  const id = newId("f");
  const key = `${summary.id}/${id}`;
  await c.env.FILES.put(key, bytes, { httpMetadata: { contentType: type }, customMetadata: { name, uploadedBy: `agent:${user.id}` } });
  const attachment: Attachment = { id, name, type, size: bytes.byteLength, url: `/files/${key}` };
  return c.json({ attachment }, 201);
});

fileServeRoutes.on(["GET", "HEAD"], "/:conversation/:file", async (c) => {
  const key = `${c.req.param("conversation")}/${c.req.param("file")}`;
  if (!/^c_[0-9a-z]{26}\/f_[0-9a-z]{26}$/.test(key)) throw new AppError(404, "not_found", "No such file.");
  const obj = await c.env.FILES.get(key);
  if (!obj) throw new AppError(404, "not_found", "No such file.");
  const type = obj.httpMetadata?.contentType ?? "application/octet-stream";
  const name = obj.customMetadata?.name ?? "file";
  const headers = new Headers({
    "Content-Type": type,
    "Content-Length": String(obj.size),
    "Content-Disposition": `${INLINE.has(type) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "private, max-age=31536000, immutable",
  });
  return new Response(c.req.method === "HEAD" ? null : obj.body, { headers });
});
