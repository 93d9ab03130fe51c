// Security headers an attacker's page or a sniffing browser would otherwise exploit: the console is
// served with a strict content security policy and may not be framed (clickjacking); every API and
// widget answer — errors included — is JSON that can never be sniffed into a page, run or framed.

import { describe, expect, it } from "vitest";
import { call, ORIGIN, seedSite } from "../integration/helpers.ts";

describe("security headers", () => {
  it("serves the console with a strict CSP, no framing and nosniff (deep links too)", async () => {
    for (const path of ["/admin/", "/admin/conversations/c_123"]) {
      const r = await call(path);
      expect(r.status).toBe(200);
      const csp = r.headers.get("content-security-policy") ?? "";
      const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
      expect(script.trim()).toBe("'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("gives API and widget answers (and their errors) nosniff, a deny-all CSP and no-store", async () => {
    const { site } = await seedSite();
    const answers = [
      await call("/api/v1/auth/me"),
      await call("/api/v1/no-such-route"),
      await call(`/widget/v1/sites/${site}/session`, { method: "POST", body: "{", headers: { origin: ORIGIN } }),
      await call(`/widget/v1/sites/${site}/session`, { method: "POST", body: "{}", headers: { origin: ORIGIN } }),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 400, 200]);
    for (const r of answers) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });
});
