// Request schemas for sites: widget settings (the agreed `WidgetSettings` shape of db/sites.ts),
// business hours, allowed origins and the site patch. New WidgetSettings keys must be added here
// too: input is strict, so a typo is a 400 that names the key instead of a setting silently lost.

import { z } from "@hono/zod-openapi";
import { MAX_ATTACHMENT_BYTES } from "../../../protocol/src/frames.ts";
import { Locale, Localized } from "./common.ts";

const FieldName = z.string().regex(/^[A-Za-z_][\w.-]{0,63}$/, "must be a field name (letters, digits, _ . -)");

export const FormField = z
  .strictObject({
    name: FieldName,
    label: Localized(120),
    type: z.enum(["text", "email", "tel", "select", "textarea"]),
    required: z.boolean().optional(),
    options: z.array(z.string().trim().min(1).max(120)).min(1).max(50).optional(),
  })
  .refine((f) => f.type !== "select" || (f.options?.length ?? 0) > 0, { message: "a select field needs options", path: ["options"] })
  .openapi("FormField");

const Fields = z
  .array(FormField)
  .max(20, "at most 20 fields")
  .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, "field names must be unique");

const MimePattern = z.string().regex(/^[a-z]+\/([a-z0-9.+-]+|\*)$/, "must be a MIME type such as image/png or image/*");

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`. */
export const Color = z.string().regex(/^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i, "must be a colour like #4f46e5");

const HttpUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      return ["https:", "http:"].includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL");

/** The agreed `WidgetSettings` keys (db/sites.ts) and what each may hold. */
const settingsShape = {
  title: Localized(80),
  greeting: Localized(500),
  accent: Color,
  position: z.enum(["right", "left"]),
  avatar: HttpUrl,
  locale: Locale,
  prechat: z.strictObject({ enabled: z.boolean(), fields: Fields }),
  offline: z.strictObject({ enabled: z.boolean(), message: Localized(1000).optional(), fields: Fields.optional() }),
  attachments: z.strictObject({
    enabled: z.boolean(),
    maxBytes: z.number().int().min(1024, "must be at least 1024 bytes").max(MAX_ATTACHMENT_BYTES, "must be at most 10 MB").optional(),
    types: z.array(MimePattern).max(50).optional(),
  }),
  csat: z.strictObject({ enabled: z.boolean() }),
};

/** Widget settings as a whole (every key optional), e.g. a draft for the live preview. */
export const WidgetSettingsInput = z.strictObject(settingsShape).partial().openapi("WidgetSettings");

/** A settings patch: keys that are present replace the stored ones; `null` goes back to the default. */
export const WidgetSettingsPatch = z
  .strictObject(
    Object.fromEntries(Object.entries(settingsShape).map(([k, v]) => [k, v.nullable().optional()])) as {
      [K in keyof typeof settingsShape]: z.ZodOptional<z.ZodNullable<(typeof settingsShape)[K]>>;
    },
  )
  .openapi("WidgetSettingsPatch");

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

const Span = z
  .tuple([z.string().regex(HHMM, "must be a time HH:MM"), z.string().regex(HHMM, "must be a time HH:MM")])
  .refine(([from, to]) => minutes(from) < minutes(to), "the opening time must be before the closing time");

function realDate(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** Opening hours per weekday (0 = Sunday) in the site's zone, plus closed dates. */
export const BusinessHoursInput = z
  .strictObject({
    weekly: z
      .partialRecord(
        z.enum(["0", "1", "2", "3", "4", "5", "6"], "weekdays are 0 (Sunday) to 6 (Saturday)"),
        z
          .array(Span)
          .max(6, "at most 6 opening spans a day")
          .refine((spans) => {
            const sorted = [...spans].sort((a, b) => minutes(a[0]) - minutes(b[0]));
            return sorted.every((s, i) => i === 0 || minutes(s[0]) >= minutes(sorted[i - 1]![1]));
          }, "opening spans must not overlap"),
      )
      .optional(),
    holidays: z
      .array(z.string().refine(realDate, "must be a date YYYY-MM-DD"))
      .max(366)
      .refine((h) => new Set(h).size === h.length, "holidays must not repeat")
      .optional(),
  })
  .openapi("BusinessHours");

/** An IANA time zone name the runtime knows (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export const TimeZone = z.string().refine((tz) => {
  if (tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be a time zone such as Asia/Shanghai or UTC");

/** A web origin (`https://shop.example.com`, no path) or `*` for any. */
export const Origin = z.string().refine((o) => {
  if (o === "*") return true;
  try {
    const u = new URL(o);
    return (u.protocol === "https:" || u.protocol === "http:") && u.origin === o;
  } catch {
    return false;
  }
}, "must be an origin like https://shop.example.com (scheme and host, no path)");

/** Data retention: delete conversations that ended more than N days ago (null: keep them). */
export const RetentionDays = z
  .number()
  .int()
  .min(1, "must be at least 1 day")
  .max(3650, "must be at most 3650 days")
  .nullable()
  .openapi({ description: "Days after which ended (resolved or closed) conversations are deleted with their attachments; null keeps them." });

export const SitePatchInput = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    allowedOrigins: z
      .array(Origin)
      .max(50)
      .refine((o) => new Set(o).size === o.length, "origins must not repeat"),
    settings: WidgetSettingsPatch,
    timezone: TimeZone,
    businessHours: BusinessHoursInput,
    identityRequired: z.boolean(),
    anonymousAllowed: z.boolean(),
    assignment: z.enum(["round_robin", "least_busy", "manual"]),
    retentionDays: RetentionDays,
  })
  .partial()
  .openapi("SitePatch");

export const SiteCreateInput = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty").max(120),
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,39}$/, "must be 3–40 lower-case letters, digits or dashes")
      .optional()
      .openapi({ description: "The site key used in the embed snippet; generated when absent." }),
  })
  .openapi("SiteCreate");
