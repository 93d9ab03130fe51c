// Attachments in R2: store an upload (size-limited, type sniffed, allow-listed) and serve it back
// under /files/ with headers that keep any file from running as a page in our origin.

import { typeAllowed } from "../../../protocol/src/widget-config.ts";
import { insertAttachment, type StoredAttachment } from "../db/attachments.ts";
import { AppError } from "../errors.ts";
import { readBytesLimited } from "../lib/body.ts";
import { newId } from "../lib/ids.ts";
import { INLINE_TYPES, sanitizeFileName, sniffType } from "./sniff.ts";

/** Reads a request body, refusing (413) as soon as it passes `max` bytes — even without a Content-Length. */
export async function readBodyLimited(req: Request, max: number): Promise<Uint8Array> {
  const bytes = await readBytesLimited(req, max, () => new AppError(413, "too_large", `Files can be at most ${formatBytes(max)}.`, { field: "file" }));
  if (bytes.byteLength === 0) throw new AppError(400, "empty", "The file is empty.", { field: "file" });
  return bytes;
}

/** "10 MB", "512 KB": sizes in the words the widget shows. */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}

export interface UploadInput {
  siteId: string;
  conversationId: string;
  uploadedBy: string;
  name: string | null | undefined;
  declaredType: string | null | undefined;
  bytes: Uint8Array;
  policy: { maxBytes: number; types: readonly string[] };
}

/** Checks an upload against the policy, writes it to R2 and records it in D1. */
export async function storeAttachment(env: Env, u: UploadInput, now = Date.now()): Promise<StoredAttachment> {
  if (u.bytes.byteLength === 0) throw new AppError(400, "empty", "The file is empty.", { field: "file" });
  if (u.bytes.byteLength > u.policy.maxBytes)
    throw new AppError(413, "too_large", `Files can be at most ${formatBytes(u.policy.maxBytes)}.`, { field: "file" });
  const type = sniffType(u.bytes.subarray(0, 1024), u.declaredType ?? "");
  if (!typeAllowed(type, u.policy.types))
    throw new AppError(415, "type_not_allowed", `This kind of file (${type}) is not accepted here. Allowed: ${u.policy.types.join(", ")}.`, { field: "file" });
  const id = newId("f", now);
  const name = sanitizeFileName(u.name);
  // Under the conversation's prefix: erasing a contact deletes everything under `<conversationId>/`.
  const r2Key = `${u.conversationId}/${id}`;
  await env.FILES.put(r2Key, u.bytes, { httpMetadata: { contentType: type }, customMetadata: { name, uploadedBy: u.uploadedBy } });
  const stored: StoredAttachment = {
    id,
    siteId: u.siteId,
    conversationId: u.conversationId,
    uploadedBy: u.uploadedBy,
    name,
    type,
    size: u.bytes.byteLength,
    r2Key,
    createdAt: now,
  };
  await insertAttachment(env.DB, stored);
  return stored;
}

/**
 * The response for a stored file. Raster images display inline; everything else downloads. `nosniff`
 * and a sandboxing CSP mean even a file that slipped through can never run script in our origin.
 */
export async function fileResponse(env: Env, a: StoredAttachment, method: string): Promise<Response> {
  const object: R2Object | R2ObjectBody | null = method === "HEAD" ? await env.FILES.head(a.r2Key) : await env.FILES.get(a.r2Key);
  if (!object) throw new AppError(404, "not_found", "No such file.");
  const inline = INLINE_TYPES.has(a.type);
  const headers = new Headers({
    "content-type": inline || a.type === "application/pdf" ? a.type : a.type.startsWith("text/") ? "text/plain; charset=utf-8" : "application/octet-stream",
    "content-length": String(a.size),
    "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "cross-origin-resource-policy": "cross-origin",
    "referrer-policy": "no-referrer",
    "cache-control": "private, max-age=86400, immutable",
    etag: object.httpEtag,
  });
  return new Response(method === "HEAD" ? null : (object as R2ObjectBody).body, { headers });
}
