// Pre-chat and offline form answers, checked against the site's field list. Pure; never throws.

import type { FormField } from "../db/sites.ts";
import { localize } from "../lib/localize.ts";

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]{1,253}\.[^\s@<>()",;:.]{2,63}$/;
const PHONE = /^\+?[\d\s().-]{5,40}$/;
/** Contact columns a form may fill; every other field becomes a custom attribute. */
export const CONTACT_FIELDS = ["name", "email", "phone"] as const;

export type FormResult = { ok: true; values: Record<string, string> } | { ok: false; field: string; message: string };

/** Checks one answer against its field; returns an error message or null. */
export function checkField(f: FormField, value: string): string | null {
  const label = localize(f.label, "en");
  if (!value) return f.required ? `${label} is required.` : null;
  if (value.length > (f.type === "textarea" ? 4000 : 300)) return `${label} is too long.`;
  if ((f.type === "email" || f.name === "email") && !EMAIL.test(value)) return `${label} is not a valid email address.`;
  if ((f.type === "tel" || f.name === "phone") && !PHONE.test(value)) return `${label} is not a valid phone number.`;
  if (f.type === "select" && f.options && !f.options.includes(value)) return `${label} must be one of the listed options.`;
  return null;
}

/**
 * Validates form answers: every required field answered, types respected, select values from the
 * list. Keys that are not fields of the form are ignored (a form cannot write arbitrary attributes).
 */
export function validateFormValues(fields: FormField[], input: unknown): FormResult {
  const given = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const f of fields) {
    const raw = given[f.name];
    if (raw !== undefined && raw !== null && typeof raw !== "string") return { ok: false, field: f.name, message: `${localize(f.label, "en")} must be text.` };
    const value = (raw ?? "").trim();
    const error = checkField(f, value);
    if (error) return { ok: false, field: f.name, message: error };
    if (value) values[f.name] = f.name === "email" || f.type === "email" ? value.toLowerCase() : value;
  }
  return { ok: true, values };
}

/** True when `value` looks like an email address (the offline form's own email field). */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && value.length <= 320 && EMAIL.test(value.trim());
}
