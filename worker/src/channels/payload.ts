// Tolerant readers for untrusted provider payloads: each returns null instead of throwing.

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
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
