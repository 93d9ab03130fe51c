// Login flooding: failures are counted per email and per client IP; over the limit sign-in is
// refused with 429 + Retry-After (even with the right password) until the window ends.

import { afterEach, describe, expect, it, vi } from "vitest";
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "../../worker/src/auth/login-limiter.ts";
import { DEMO_PASSWORD } from "../../worker/src/db/seed.ts";
import { api } from "./admin-helpers.ts";
import { seedSite } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

const attempt = (email: string, password: string, ip?: string) => api("/auth/login", { method: "POST", body: { email, password }, ...(ip ? { ip } : {}) });

describe("login rate limiting", () => {
  it("locks an email after repeated failures, with Retry-After, until the window ends", async () => {
    const t0 = Date.parse("2026-11-20T10:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t0);
    const { owner, agent } = await seedSite();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await attempt(owner, `wrong-${i}`, "198.51.100.1")).status).toBe(401);
    const flooded = await attempt(owner, DEMO_PASSWORD, "198.51.100.2");
    expect([flooded.status, flooded.body.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(flooded.headers.get("retry-after"))).toBe(LOGIN_WINDOW_MS / 1000);
    // Another account is not affected.
    expect((await attempt(agent, DEMO_PASSWORD, "198.51.100.3")).status).toBe(200);
    vi.setSystemTime(t0 + 5 * 60_000);
    expect(Number((await attempt(owner, DEMO_PASSWORD)).headers.get("retry-after"))).toBe((LOGIN_WINDOW_MS - 5 * 60_000) / 1000);
    vi.setSystemTime(t0 + LOGIN_WINDOW_MS);
    expect((await attempt(owner, DEMO_PASSWORD)).status).toBe(200);
  });

  it("a success clears the email's count", async () => {
    const { owner } = await seedSite();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await attempt(owner, "wrong");
    expect((await attempt(owner, DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await attempt(owner, "wrong");
    expect((await attempt(owner, DEMO_PASSWORD)).status).toBe(200);
  });

  it("limits one client IP trying many emails, and leaves other IPs alone", async () => {
    const { owner } = await seedSite();
    const ip = "203.0.113.77";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i += 10)
      await Promise.all(Array.from({ length: 10 }, (_, j) => attempt(`nobody-${i + j}@example.com`, "guess", ip)));
    const r = await attempt(owner, DEMO_PASSWORD, ip);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt(owner, DEMO_PASSWORD, "203.0.113.78")).status).toBe(200);
  });
});
