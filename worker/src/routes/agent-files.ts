// Agents' attachments: the console uploads a file (raw body) for a conversation; it is stored like a
// visitor's upload (size limit, type read from the bytes, R2 under the conversation, recorded in D1)
// and served by the same /files route, then sent with the agent's reply.

import { Hono } from "hono";
import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import { readBodyLimited, storeAttachment } from "../attachments/files.ts";
import { requireRole, requireUser } from "../auth/middleware.ts";
import { toMessageAttachment } from "../db/attachments.ts";
import { getConversationSummary } from "../db/conversations.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";

export const agentUploadRoutes = new Hono<AppEnv>();

/** Agents may send any type: the file is served with headers that never let it run in our origin. */
const AGENT_POLICY = { maxBytes: MAX_ATTACHMENT_BYTES, types: ["*/*"] } as const;

agentUploadRoutes.post("/conversations/:id/attachments", requireUser(), async (c) => {
  const summary = await getConversationSummary(c.env.DB, c.req.param("id"));
  if (!summary) throw new AppError(404, "not_found", "No such conversation.");
  const user = c.get("user");
  requireRole(user, summary.siteId, "agent");
  const bytes = await readBodyLimited(c.req.raw, AGENT_POLICY.maxBytes);
  const stored = await storeAttachment(c.env, {
    siteId: summary.siteId,
    conversationId: summary.id,
    uploadedBy: `agent:${user.id}`,
    name: c.req.query("name"),
    declaredType: c.req.header("content-type"),
    bytes,
    policy: AGENT_POLICY,
  });
  return c.json({ attachment: toMessageAttachment(stored) }, 201);
});
