// Request schemas for contacts: edits (name, emails, phones, external id, tier, attributes, notes),
// list queries, merge and erase confirmation.

import { z } from "@hono/zod-openapi";
import { Email, QueryInt } from "./common.ts";

/** Phone numbers are kept as digits with an optional leading +, whatever the spacing typed. */
export const Phone = z
  .string()
  .trim()
  .max(40)
  .transform((p) => p.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+?\d{5,20}$/, "must be a phone number (digits, optionally starting with +)"));

const unique = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .refine((xs) => new Set(xs as unknown[]).size === xs.length, `${what} must not repeat`);

const AttributeKey = z.string().regex(/^[A-Za-z_][\w.-]{0,63}$/, "attribute names are letters, digits, _ . - (up to 64)");
const AttributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const ContactEditInput = z
  .strictObject({
    name: z.string().trim().max(200).nullable(),
    emails: unique(Email, 20, "emails"),
    phones: unique(Phone, 20, "phones"),
    externalId: z.string().trim().min(1).max(200).nullable(),
    tier: z.enum(["vip", "key", "regular"]),
    attributes: z.record(AttributeKey, AttributeValue).refine((a) => Object.keys(a).length <= 100, "at most 100 attributes"),
    notes: z.string().max(20_000).nullable(),
  })
  .partial()
  .openapi("ContactEdit", { description: "`emails` and `phones` replace the lists; the first of each is the primary one." });

export const ContactListQuery = z.object({
  q: z.string().max(200).optional().openapi({ description: "Searches names, emails, phones, external ids and contact ids" }),
  tier: z.enum(["vip", "key", "regular"]).optional(),
  known: z.enum(["1", "0"]).optional().openapi({ description: "1 = only contacts with a name, email, phone or external id" }),
  cursor: z.string().max(100).optional(),
  limit: QueryInt(1, 200).optional(),
});

export const MergeInput = z.strictObject({ otherId: z.string().min(1).max(64) }).openapi("ContactMerge");

export const EraseQuery = z.object({
  confirm: z.string().max(64).openapi({ description: "The contact's id again, to confirm the erase" }),
});
