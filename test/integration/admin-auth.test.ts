// Accounts: sign-in, CSRF, sessions listed and revoked, password change, the TOTP second factor.

import { afterEach, describe, expect, it, vi } from "vitest";
import { base32Decode, hotp, totpStep } from "../../worker/src/auth/totp.ts";
import { DEMO_PASSWORD } from "../../worker/src/db/seed.ts";
import { api, siteWithPeople } from "./admin-helpers.ts";
import { login, seedSite } from "./helpers.ts";

const cookieOf = (r: { headers: Headers }) => r.headers.get("set-cookie")!.split(";")[0]!;

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in", () => {
  it("names the missing field, refuses wrong passwords and sets an HttpOnly SameSite cookie", async () => {
    const { owner } = await seedSite();
    expect((await api("/auth/login", { method: "POST", body: { password: "x" } })).body.error.field).toBe("email");
    expect((await api("/auth/login", { method: "POST", body: { email: owner } })).body.error.field).toBe("password");
    expect((await api("/auth/login", { method: "POST", body: "{nope" })).status).toBe(400);
    const bad = await api("/auth/login", { method: "POST", body: { email: owner, password: "wrong" } });
    expect([bad.status, bad.body.error.code]).toEqual([401, "bad_credentials"]);
    const ok = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD } });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(ok.body.user.email).toBe(owner);
  });

  it("refuses a sign-in posted from another site (login CSRF)", async () => {
    const { owner } = await seedSite();
    const r = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD }, origin: "https://evil.test" });
    expect([r.status, r.body.error.code]).toEqual([403, "csrf"]);
  });

  it("refuses cookie-authenticated writes from another origin and changes nothing", async () => {
    const { site, owner } = await siteWithPeople();
    const forged = await api(`/sites/${site}`, { method: "PATCH", cookie: owner, origin: "https://evil.test", body: { name: "Hacked" } });
    expect([forged.status, forged.body.error.code]).toEqual([403, "csrf"]);
    expect((await api(`/sites/${site}`, { cookie: owner })).body.site.name).toBe("Parley Demo Shop");
  });

  it("signs out: the cookie stops working", async () => {
    const { owner } = await seedSite();
    const cookie = await login(owner);
    expect((await api("/auth/logout", { method: "POST", cookie, body: {} })).status).toBe(200);
    expect((await api("/auth/me", { cookie })).status).toBe(401);
  });
});

describe("sessions", () => {
  it("lists a person's sessions and revokes one; a token cannot use these routes", async () => {
    const { owner } = await seedSite();
    const a = await login(owner);
    const b = await login(owner);
    expect((await api("/auth/sessions")).status).toBe(401);
    const list = await api<{ items: { id: string; current: boolean }[] }>("/auth/sessions", { cookie: a });
    expect(list.body.items).toHaveLength(2);
    const other = list.body.items.find((s) => !s.current)!;
    expect((await api(`/auth/sessions/${other.id}`, { method: "DELETE", cookie: a })).status).toBe(200);
    expect((await api("/auth/me", { cookie: b })).status).toBe(401);
    expect((await api("/auth/me", { cookie: a })).status).toBe(200);
    expect((await api(`/auth/sessions/${other.id}`, { method: "DELETE", cookie: a })).status).toBe(404);
  });
});

describe("password change", () => {
  it("checks the current password, signs out other sessions, and the new password works", async () => {
    const { owner } = await seedSite();
    const a = await login(owner);
    const b = await login(owner);
    const wrong = await api("/auth/password", { method: "POST", cookie: a, body: { current: "nope", next: "a-new-password-1" } });
    expect([wrong.status, wrong.body.error.field]).toEqual([400, "current"]);
    const short = await api("/auth/password", { method: "POST", cookie: a, body: { current: DEMO_PASSWORD, next: "short" } });
    expect([short.status, short.body.error.field]).toEqual([400, "next"]);
    const ok = await api("/auth/password", { method: "POST", cookie: a, body: { current: DEMO_PASSWORD, next: "a-new-password-1" } });
    expect(ok.body).toEqual({ ok: true, signedOut: 1 });
    expect((await api("/auth/me", { cookie: b })).status).toBe(401);
    expect((await api("/auth/me", { cookie: a })).status).toBe(200);
    expect((await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD } })).status).toBe(401);
    expect((await api("/auth/login", { method: "POST", body: { email: owner, password: "a-new-password-1" } })).status).toBe(200);
  });
});

describe("TOTP second factor", () => {
  it("is enrolled with a confirmed code, then required at sign-in; a code works once", async () => {
    const t0 = Date.parse("2026-11-20T10:00:05Z");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t0);
    const { owner } = await seedSite();
    const cookie = await login(owner);
    const setup = await api<{ secret: string; uri: string }>("/auth/totp/setup", { method: "POST", cookie, body: {} });
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    const key = base32Decode(setup.body.secret)!;
    const code = (t: number) => hotp(key, totpStep(t));

    const bad = await api("/auth/totp/enable", { method: "POST", cookie, body: { code: "000000" === (await code(t0)) ? "111111" : "000000" } });
    expect([bad.status, bad.body.error.field]).toEqual([400, "code"]);
    expect((await api("/auth/totp/enable", { method: "POST", cookie, body: { code: await code(t0) } })).status).toBe(200);
    expect((await api("/auth/me", { cookie })).body.totpEnabled).toBe(true);

    vi.setSystemTime(t0 + 30_000);
    const noCode = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD } });
    expect([noCode.status, noCode.body.error.code, noCode.body.error.field]).toEqual([401, "totp_required", "code"]);
    const wrongCode = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD, code: "12345x" } });
    expect(wrongCode.body.error.code).toBe("bad_totp");
    const fresh = await code(t0 + 30_000);
    const ok = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD, code: fresh } });
    expect(ok.status).toBe(200);
    const replay = await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD, code: fresh } });
    expect([replay.status, replay.body.error.code]).toEqual([401, "bad_totp"]);

    vi.setSystemTime(t0 + 60_000);
    const s2 = cookieOf(ok);
    const noPw = await api("/auth/totp/disable", { method: "POST", cookie: s2, body: { password: "nope", code: await code(t0 + 60_000) } });
    expect(noPw.body.error.field).toBe("password");
    expect((await api("/auth/totp/disable", { method: "POST", cookie: s2, body: { password: DEMO_PASSWORD, code: await code(t0 + 60_000) } })).status).toBe(
      200,
    );
    expect((await api("/auth/login", { method: "POST", body: { email: owner, password: DEMO_PASSWORD } })).status).toBe(200);
  });

  it("refuses to enable without a setup, and to set up twice", async () => {
    const { owner } = await seedSite();
    const cookie = await login(owner);
    expect((await api("/auth/totp/enable", { method: "POST", cookie, body: { code: "123456" } })).status).toBe(409);
    expect((await api("/auth/totp/enable", { method: "POST", cookie, body: { code: "12" } })).body.error.field).toBe("code");
  });
});
