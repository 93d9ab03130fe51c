// Files that cross a channel: inbound ones are stored in R2 under the conversation (so erasing the
// contact deletes them) and served at /files/<conversation>/<file>/<name>; outbound ones are read
// back from R2 for providers that take uploads, with a public link for those that take URLs.

import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../protocol/src/frames.ts";
import type { Attachment } from "../../../protocol/src/types.ts";
import { attachmentKeys } from "../conversation/privacy.ts";
import { newId } from "../lib/ids.ts";
import type { OutboundFile } from "./types.ts";

/** A file name safe for a URL path segment and a Content-Disposition header. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  return cleaned || "file";
}

/** Stores one inbound file; returns it as a message attachment. */
export async function storeInboundFile(
  env: Env,
  conversationId: string,
  f: { name: string; type: string; bytes: Uint8Array },
  now = Date.now(),
): Promise<Attachment> {
  const id = newId("f", now);
  const name = safeFileName(f.name);
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(f.type) ? f.type.toLowerCase() : "application/octet-stream";
  const key = `${conversationId}/${id}/${name}`;
  await env.FILES.put(key, f.bytes, { httpMetadata: { contentType: type }, customMetadata: { name, uploadedBy: "channel" } });
  return { id, name, type, size: f.bytes.byteLength, url: `/files/${key.split("/").map(encodeURIComponent).join("/")}` };
}

/** What could not be kept of a message's files, said in a line agents read with the message. */
export function fileLimitNote(skipped: { name: string; reason: "too_large" | "too_many" | "unavailable" }[]): string {
  if (!skipped.length) return "";
  const words = {
    too_large: `larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
    too_many: `more than ${MAX_ATTACHMENTS} files`,
    unavailable: "could not be fetched",
  };
  return `\n\n[Not kept: ${skipped.map((s) => `${s.name} (${words[s.reason]})`).join(", ")}]`;
}

/** Outbound attachments with their bytes (when they are in R2 and small enough) and a public link. */
export async function outboundFiles(env: Env, attachments: Attachment[], publicOrigin: string | undefined): Promise<OutboundFile[]> {
  const out: OutboundFile[] = [];
  for (const a of attachments) {
    let bytes: Uint8Array | null = null;
    for (const key of attachmentKeys(a)) {
      const obj = await env.FILES.get(key);
      if (obj && obj.size <= MAX_ATTACHMENT_BYTES) {
        bytes = new Uint8Array(await obj.arrayBuffer());
        break;
      }
    }
    const link = a.url.startsWith("/") ? (publicOrigin ? `${publicOrigin}${a.url}` : null) : a.url;
    out.push({ ...a, link, bytes });
  }
  return out;
}
