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

// Random bytes come from the platform CSPRNG in blocks: one call per block, not one per id.
const POOL_SIZE = 1024;
let pool = new Uint8Array(0);
let used = 0;

/** Random base32 characters from the platform CSPRNG. */
export function randomChars(n: number): string {
  if (n > POOL_SIZE) return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => ALPHABET[b & 31]).join("");
  if (used + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    used = 0;
  }
  let out = "";
  for (let i = 0; i < n; i++) out += ALPHABET[pool[used + i]! & 31];
  // Spent bytes are overwritten, so no id's randomness stays readable in memory after use.
  pool.fill(0, used, used + n);
  used += n;
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
