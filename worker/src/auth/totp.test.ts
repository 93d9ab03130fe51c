// RFC 6238 / RFC 4226 test vectors and the drift and replay rules of the TOTP check.

import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, otpauthUri, totpStep, verifyTotp } from "./totp.ts";

const RFC_KEY = new Uint8Array(new TextEncoder().encode("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 4226 HOTP vectors", async () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    for (let i = 0; i < expected.length; i++) expect(await hotp(RFC_KEY, i)).toBe(expected[i]);
  });

  it("matches the RFC 6238 SHA-1 vectors (8 digits)", async () => {
    const cases: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [t, code] of cases) expect(await hotp(RFC_KEY, totpStep(t * 1000), 8)).toBe(code);
  });

  it("round-trips base32 and refuses non-base32", () => {
    expect(base32Encode(RFC_KEY)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(Array.from(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")!)).toEqual(Array.from(RFC_KEY));
    expect(base32Decode("not base32!")).toBeNull();
  });

  it("accepts the current code and one step of drift, and nothing further", async () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    expect(await verifyTotp(secret, await hotp(RFC_KEY, step), now)).toBe(step);
    expect(await verifyTotp(secret, await hotp(RFC_KEY, step - 1), now)).toBe(step - 1);
    expect(await verifyTotp(secret, await hotp(RFC_KEY, step + 1), now)).toBe(step + 1);
    expect(await verifyTotp(secret, await hotp(RFC_KEY, step - 2), now)).toBeNull();
    expect(await verifyTotp(secret, "12345", now)).toBeNull();
    expect(await verifyTotp(secret, 123456, now)).toBeNull();
  });

  it("builds an otpauth URI apps can read", () => {
    expect(otpauthUri("ABC", "ada@example.com")).toBe("otpauth://totp/Parley%3Aada%40example.com?secret=ABC&issuer=Parley&algorithm=SHA1&digits=6&period=30");
  });
});
