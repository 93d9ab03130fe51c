// Tolerant readers for untrusted provider payloads: each returns null instead of throwing.

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

/** Longest sender name kept (a longer one is cut), as for email and the API channel. */
export const MAX_NAME = 120;
/** Longest provider id, address or button payload a message may carry; longer ones are not real. */
export const MAX_ID = 256;

/** A string of at most `max` characters; null when absent, empty or longer. */
export function shortStr(v: unknown, max = MAX_ID): string | null {
  const s = str(v);
  return s && s.length <= max ? s : null;
}

export function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A phone number as E.164 (`+15551234567`); null when it has no digits. */
export function e164(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const digits = v.replace(/[^\d]/g, "");
  return digits.length >= 5 && digits.length <= 15 ? `+${digits}` : null;
}
