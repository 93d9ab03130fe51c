// Files that cross a channel: inbound ones go through the same store as widget uploads (type sniffed
// from the bytes, R2 under the conversation so erasing the contact deletes them, served at
// /files/<id>/<name>); outbound ones are read back from R2 for providers that take uploads, with a
// public link for those that take URLs.

import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../protocol/src/frames.ts";
import type { Attachment } from "../../../protocol/src/types.ts";
import { storeAttachment } from "../attachments/files.ts";
import { attachmentKeys } from "../conversation/privacy.ts";
import { getAttachment, toMessageAttachment } from "../db/attachments.ts";
import { isId } from "../lib/ids.ts";
import type { OutboundFile } from "./types.ts";

/** What a channel may bring in: any type (sniffed, and never served as a page), up to the message limit. */
const CHANNEL_FILES = { maxBytes: MAX_ATTACHMENT_BYTES, types: ["*/*"] };

/** Stores one inbound file; returns it as a message attachment. */
export async function storeInboundFile(
  env: Env,
  at: { siteId: string; conversationId: string; kind: string },
  f: { name: string; type: string; bytes: Uint8Array },
  now = Date.now(),
): Promise<Attachment> {
  const stored = await storeAttachment(
    env,
    {
      siteId: at.siteId,
      conversationId: at.conversationId,
      uploadedBy: `channel:${at.kind}`,
      name: f.name,
      declaredType: f.type,
      bytes: f.bytes,
      policy: CHANNEL_FILES,
    },
    now,
  );
  return toMessageAttachment(stored);
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
    const stored = isId(a.id, "f") ? await getAttachment(env.DB, a.id) : null;
    for (const key of stored ? [stored.r2Key] : attachmentKeys(a)) {
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
