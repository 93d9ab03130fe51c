// The client address rate limits count against: Cloudflare's CF-Connecting-IP only (X-Forwarded-For
// and friends are whatever the client wrote). IPv6 clients get a whole /64 each, so they count per /64.

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The first four hextets of an IPv6 address (its /64), or null when it is not one. */
function prefix64(ip: string): string[] | null {
  const halves = ip.split("::");
  if (halves.length > 2) return null;
  const parts = (s: string | undefined) => (s ? s.split(":") : []);
  const left = parts(halves[0]);
  const right = parts(halves[1]);
  // An embedded IPv4 tail (…:1.2.3.4) takes the place of two hextets.
  const tail = right.length ? right : left;
  if (tail.length && IPV4.test(tail[tail.length - 1]!)) tail.splice(tail.length - 1, 1, "0", "0");
  const fill = 8 - left.length - right.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? fill : 0).fill("0"), ...right];
  if (!all.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null;
  return all.slice(0, 4).map((h) => h.replace(/^0+(?=.)/, ""));
}

/**
 * The rate-limit key for a request's `CF-Connecting-IP`: an IPv4 address as it is (also when written
 * IPv4-mapped, `::ffff:1.2.3.4`), an IPv6 address as its /64 (`2001:db8:1:2::/64`), anything else
 * (no header: local tools and tests) as `unknown`.
 */
export function clientAddress(header: string | null | undefined): string {
  const ip = (header ?? "").trim().toLowerCase();
  if (IPV4.test(ip)) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (ip.includes(":") && ip.length <= 64) {
    const p = prefix64(ip.replace(/%.*$/, ""));
    if (p) return `${p.join(":")}::/64`;
  }
  return "unknown";
}
