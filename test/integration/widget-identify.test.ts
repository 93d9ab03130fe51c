// identify() and setAttributes() through the real widget routes: userHash and HS256 JWT verification,
// refusals that change nothing, sites that require verification or refuse anonymous visitors.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { userHash } from "../../worker/src/auth/identity-verify.ts";
import { connect, visitorSocketPath } from "./helpers.ts";
import { agentOf, newVisitor, signJwt, startConversation, widgetCall, seedWidgetSite } from "./widget-helpers.ts";

const SECRET = "site-identity-secret-for-tests";

async function identities(site: string, kind: string, value: string) {
  return env.DB.prepare("SELECT contact_id, verified FROM contact_identities WHERE site_id = ? AND kind = ? AND value = ?")
    .bind(site, kind, value)
    .first<{ contact_id: string; verified: number }>();
}

describe("identify with userHash", () => {
  it("verifies the hash, records the verified user with tier and profile, and marks the token", async () => {
    const { site, agent } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true });
    const { token } = await newVisitor(site);
    const hash = await userHash(SECRET, "user-42");
    const res = await widgetCall(site, "/identify", {
      token,
      body: { userId: "user-42", name: "Li Lei", email: "LI@Example.com", tier: "vip", attributes: { plan: "pro" }, userHash: hash },
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { token: string; verified: boolean };
    expect(out.verified).toBe(true);

    const id = await startConversation(site, out.token);
    const detail = await (await agentOf(agent)).detail(id);
    expect(detail.contact).toMatchObject({ name: "Li Lei", email: "li@example.com", tier: "vip", externalId: "user-42", attributes: { plan: "pro" } });
    expect(await identities(site, "external", "user-42")).toMatchObject({ contact_id: detail.contact.id, verified: 1 });
  });

  it("refuses a wrong hash with 403 and leaves the visitor anonymous", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET });
    const { token } = await newVisitor(site);
    const res = await widgetCall(site, "/identify", { token, body: { userId: "user-42", tier: "vip", userHash: "0".repeat(64) } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_user_hash");
    expect(await identities(site, "external", "user-42")).toBeNull();
  });

  it("on a site that requires verification, refuses identify without proof", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true });
    const { token } = await newVisitor(site);
    const res = await widgetCall(site, "/identify", { token, body: { userId: "user-42", name: "Mallory" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: "identity_unverified", field: "userHash" });
  });

  it("on a lax site, keeps unverified claims as profile data but never grants a tier or an identity", async () => {
    const { site, agent } = await seedWidgetSite({ identitySecret: SECRET });
    const { token } = await newVisitor(site);
    const res = await widgetCall(site, "/identify", { token, body: { userId: "ceo", name: "Claims To Be CEO", tier: "vip" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verified: boolean }).verified).toBe(false);
    const id = await startConversation(site, token);
    const { contact } = await (await agentOf(agent)).detail(id);
    expect(contact).toMatchObject({ name: "Claims To Be CEO", tier: "regular", externalId: null, attributes: { unverifiedUserId: "ceo" } });
    expect(await identities(site, "external", "ceo")).toBeNull();
  });

  it("refuses switching to another verified user without reset", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET });
    const { token } = await newVisitor(site);
    const a = await widgetCall(site, "/identify", { token, body: { userId: "a", userHash: await userHash(SECRET, "a") } });
    const { token: asA } = (await a.json()) as { token: string };
    const b = await widgetCall(site, "/identify", { token: asA, body: { userId: "b", userHash: await userHash(SECRET, "b") } });
    expect(b.status).toBe(409);
  });
});

describe("identify with a JWT", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it("accepts a valid HS256 token and takes the profile from its claims", async () => {
    const { site, agent } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true });
    const { token } = await newVisitor(site);
    const jwt = await signJwt(SECRET, { sub: "u-7", exp: now() + 600, name: "王芳", email: "wf@example.cn", tier: "key" });
    const res = await widgetCall(site, "/identify", { token, body: { token: jwt } });
    expect(res.status).toBe(200);
    const id = await startConversation(site, ((await res.json()) as { token: string }).token);
    const { contact } = await (await agentOf(agent)).detail(id);
    expect(contact).toMatchObject({ name: "王芳", email: "wf@example.cn", tier: "key", externalId: "u-7" });
  });

  it("refuses expired, unsigned, wrongly signed and malformed tokens", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET });
    const { token } = await newVisitor(site);
    const cases: [string, string][] = [
      [await signJwt(SECRET, { sub: "u", exp: now() - 3600 }), "token_expired"],
      [await signJwt(SECRET, { sub: "u" }), "bad_token"],
      [await signJwt("another-secret", { sub: "u", exp: now() + 600 }), "bad_token"],
      [(await signJwt(SECRET, { sub: "u", exp: now() + 600 }, { alg: "none" })).replace(/\.[^.]+$/, "."), "bad_token"],
      [await signJwt(SECRET, { sub: "u", exp: now() + 600 }, { alg: "HS512" }), "bad_token"],
      ["not-a-jwt", "bad_token"],
    ];
    for (const [jwt, code] of cases) {
      const res = await widgetCall(site, "/identify", { token, body: { token: jwt } });
      expect(res.status, code).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await identities(site, "external", "u")).toBeNull();
  });
});

describe("the same user on another device", () => {
  it("finds the conversation the user started elsewhere once identified", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET });
    const hash = await userHash(SECRET, "traveller");
    const laptop = await newVisitor(site, { identify: { userId: "traveller", userHash: hash } });
    expect(laptop.body.identify).toMatchObject({ ok: true, verified: true });
    const conversation = await startConversation(site, laptop.token);

    const phone = await newVisitor(site, { identify: { userId: "traveller", userHash: hash } });
    expect(phone.body.conversation).toEqual({ id: conversation });
  });

  it("merges an anonymous visitor's conversation into the known user's contact once they prove who they are", async () => {
    const { site, agent } = await seedWidgetSite({ identitySecret: SECRET });
    const hash = await userHash(SECRET, "returning");
    const laptop = await newVisitor(site, { identify: { userId: "returning", userHash: hash, name: "Known User" } });
    const older = await startConversation(site, laptop.token);
    const staff = await agentOf(agent);
    await staff.setStatus(older, "resolved");
    await staff.setStatus(older, "closed");

    const phone = await newVisitor(site);
    const anonymous = await startConversation(site, phone.token);
    const res = await widgetCall(site, "/identify", { token: phone.token, body: { userId: "returning", userHash: hash } });
    expect(((await res.json()) as { merged: boolean }).merged).toBe(true);
    const { token } = (await (await widgetCall(site, "/session", { body: { token: phone.token } })).json()) as { token: string };
    // Still the visitor's conversation (their socket works), now on the known user's contact.
    const socket = await connect(visitorSocketPath(site, { token, conversationId: anonymous }));
    socket.close();
    const [a, b] = await Promise.all([staff.detail(anonymous), staff.detail(older)]);
    expect(a.contact.id).toBe(b.contact.id);
    expect(a.contact).toMatchObject({ name: "Known User", externalId: "returning" });
  });

  it("reports a refused identify in the session answer and stays anonymous", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true });
    const v = await newVisitor(site, { identify: { userId: "x", userHash: "f".repeat(64) } });
    expect(v.body.identify).toMatchObject({ ok: false, code: "bad_user_hash" });
    expect(v.body.identified).toBe(false);
  });
});

describe("sites that refuse anonymous conversations", () => {
  it("needs a verified identify before a conversation starts", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET, anonymousAllowed: false });
    const { token } = await newVisitor(site);
    const refused = await widgetCall(site, "/conversations", { token, body: { locale: "en" } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("identity_required");
    const ok = await widgetCall(site, "/identify", { token, body: { userId: "m", userHash: await userHash(SECRET, "m") } });
    await expect(startConversation(site, ((await ok.json()) as { token: string }).token)).resolves.toMatch(/^c_/);
  });
});

describe("setAttributes", () => {
  it("merges attributes on the contact, removes nulls, and refuses bad names with the field", async () => {
    const { site, agent } = await seedWidgetSite();
    const { token } = await newVisitor(site);
    const id = await startConversation(site, token);
    expect((await widgetCall(site, "/attributes", { token, body: { attributes: { plan: "pro", seats: 12, trial: true } } })).status).toBe(200);
    expect((await widgetCall(site, "/attributes", { token, body: { attributes: { trial: null, plan: "team" } } })).status).toBe(200);
    const bad = await widgetCall(site, "/attributes", { token, body: { attributes: { "bad key!": 1 } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("attributes.bad key!");
    const tooBig = await widgetCall(site, "/attributes", { token, body: { attributes: { note: "x".repeat(2000) } } });
    expect(tooBig.status).toBe(400);
    const { contact } = await (await agentOf(agent)).detail(id);
    expect(contact.attributes).toEqual({ plan: "team", seats: 12 });
  });
});
