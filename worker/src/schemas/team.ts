// Request schemas for teams, canned replies and audit queries.

import { z } from "@hono/zod-openapi";
import { unknownVariables } from "../../../protocol/src/canned.ts";
import { QueryInt, Slug } from "./common.ts";

const Strategy = z.enum(["round_robin", "least_busy", "manual"]);
const Members = z
  .array(z.string().min(1).max(64))
  .max(500)
  .refine((m) => new Set(m).size === m.length, "members must not repeat");

export const TeamCreateInput = z
  .strictObject({
    id: Slug.openapi({ description: "The id rules route to, e.g. `support`." }),
    name: z.string().trim().min(1, "must not be empty").max(80),
    assignment: Strategy.nullable().default(null).openapi({ description: "null = the site's default strategy" }),
    members: Members.default([]),
  })
  .openapi("TeamCreate");

export const TeamPatchInput = z
  .strictObject({ name: z.string().trim().min(1, "must not be empty").max(80), assignment: Strategy.nullable(), members: Members })
  .partial()
  .openapi("TeamPatch");

const CannedText = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(4000, "must be at most 4000 characters")
  .superRefine((t, ctx) => {
    const bad = unknownVariables(t);
    if (bad.length) ctx.addIssue({ code: "custom", message: `unknown variable {{${bad[0]}}}` });
  });

const Shortcut = z
  .string()
  .regex(/^[a-z0-9\u4e00-\u9fff][a-z0-9_\u4e00-\u9fff-]{0,31}$/, "must be 1–32 lower-case letters, digits, Chinese characters, _ or -");

export const CannedCreateInput = z
  .strictObject({ shortcut: Shortcut, title: z.string().trim().max(120).default(""), text: CannedText })
  .openapi("CannedReplyCreate");

export const CannedPatchInput = z
  .strictObject({ shortcut: Shortcut, title: z.string().trim().max(120), text: CannedText })
  .partial()
  .openapi("CannedReplyPatch");

export const AuditQuery = z.object({
  action: z.string().max(64).optional().openapi({ description: "Action prefix, e.g. `site.` or `contact.merge`" }),
  actor: z.string().max(64).optional(),
  target: z.string().max(128).optional(),
  since: QueryInt(0, 8.64e15).optional(),
  until: QueryInt(0, 8.64e15).optional(),
  before: QueryInt(1, Number.MAX_SAFE_INTEGER).optional().openapi({ description: "Page: entries with a smaller id than this" }),
  limit: QueryInt(1, 500).optional(),
});
