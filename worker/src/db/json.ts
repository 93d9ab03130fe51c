// Tolerant JSON column decoding: a damaged column yields the fallback, never an exception.

export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== "string") return fallback;
  try {
    const v = JSON.parse(text) as unknown;
    return v === null || v === undefined ? fallback : (v as T);
  } catch {
    return fallback;
  }
}
