// Identifiers: time-ordered, URL-safe, unguessable (80 random bits after a millisecond timestamp).

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32]! + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/** Random base32 characters from the platform CSPRNG. */
export function randomChars(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** A new id like `c_01jd…`: sortable by creation time, with 80 random bits. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${encodeTime(now)}${randomChars(16)}`;
}

/** Checks the shape of an id from the outside world before it reaches storage. */
export function isId(value: unknown, prefix: string): value is string {
  return (
    typeof value === "string" && value.length === prefix.length + 27 && value.startsWith(`${prefix}_`) && /^[0-9a-z]+$/.test(value.slice(prefix.length + 1))
  );
}
