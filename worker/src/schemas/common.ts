// Small zod building blocks shared by the request schemas: localized text, ids, locales, times.

import { z } from "@hono/zod-openapi";

export const LOCALE_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/;

/** A BCP 47-ish locale tag such as `en`, `zh-CN`, `zh-TW`. */
export const Locale = z.string().regex(LOCALE_RE, "must be a locale such as en, zh-CN or zh-TW");

/** Text for visitors: one string, or one per locale (`{ "en": "…", "zh-CN": "…" }`). */
export const Localized = (max: number) =>
  z.union([
    z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`),
    z
      .record(Locale, z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`))
      .refine((r) => Object.keys(r).length > 0, "needs the text in at least one language"),
  ]);

/** A person's display name. */
export const PersonName = z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");

export const Email = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be an email address"))
  .transform((e) => e.toLowerCase());

/** New passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const NewPassword = z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters");

export const Role = z.enum(["owner", "admin", "agent"]);

/** A slug used as an id in URLs and rules (`support`, `billing-cn`). */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1–40 lower-case letters, digits or dashes");

/** Query-string integers (`?limit=20`). */
export const QueryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const Ok = z.object({ ok: z.literal(true) });
