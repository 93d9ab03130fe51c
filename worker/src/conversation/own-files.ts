// Attachments a message may carry: only files uploaded to this very conversation, described as they
// were stored (sniffed type, real size, sanitised name) — never as the sender claims in a frame.

import type { Attachment } from "../../../protocol/src/types.ts";
import { getAttachmentsOfConversation, toMessageAttachment } from "../db/attachments.ts";

/**
 * The stored form of a message's attachments, in the order given; `undefined` for none, `null` when
 * any of them is not a file of this conversation (a forged id, another conversation's file).
 */
export async function ownAttachments(db: D1Database, conversationId: string, claimed: Attachment[] | undefined): Promise<Attachment[] | undefined | null> {
  if (!claimed?.length) return undefined;
  const stored = new Map(
    (
      await getAttachmentsOfConversation(
        db,
        conversationId,
        claimed.map((a) => a.id),
      )
    ).map((a) => [a.id, a]),
  );
  const out: Attachment[] = [];
  for (const a of claimed) {
    const s = stored.get(a.id);
    if (!s) return null;
    out.push(toMessageAttachment(s));
  }
  return out;
}

/** The refusal for a message whose attachments are not this conversation's uploads. */
export const NOT_OWN_FILES = {
  ok: false as const,
  code: "attachment_url",
  message: "Attachments must be uploaded to this conversation first.",
  field: "attachments",
};
