// Identity attacks on a site that verifies its users: unverified or forged identify (bad userHash,
// JWTs that are wrongly signed, expired, `alg: none`), anonymous visitors where the site switched
// them off, a spoofed identity trying to see a real user's history, and a second user on the same
// browser trying to inherit the first one's.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { userHash } from "../../worker/src/auth/identity-verify.ts";
import { connect, visitorSocketPath } from "../integration/helpers.ts";
import { agentOf, newVisitor, seedWidgetSite, signJwt, startConversation, widgetCall } from "../integration/widget-helpers.ts";

const SECRET = "security-suite-identity-secret";
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
/** Whether a visitor socket to this conversation opens with this token. */
const socketTo = (site: string, conversationId: string, token: string) =>
  connect(visitorSocketPath(site, { token, conversationId })).then(
    (s) => (s.close(), "open"),
    () => "refused",
  );

/** A verified user of the site with a conversation in which they said something private. */
async function realUser(site: string, userId: string) {
  const v = await newVisitor(site, { identify: { userId, userHash: await userHash(SECRET, userId), email: `${userId}@example.com` } });
  expect(v.body.identify).toMatchObject({ ok: true, verified: true });
  const conversationId = await startConversation(site, v.token);
  const s = await connect(visitorSocketPath(site, { token: v.token, conversationId }));
  s.send({ t: "send", clientId: "secret-1", text: `my card ends in 4242 (${userId})` });
  await s.waitFor("ack", (a) => a.clientId === "secret-1");
  s.close();
  return { token: v.token, conversationId };
}

describe("a site that requires verified identities", () => {
  it("refuses identify without proof, with a bad userHash, and with bad / expired / alg-none / other-key JWTs", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true });
    const { token } = await newVisitor(site);
    const header = { alg: "none", typ: "JWT" };
    const attempts: [string, unknown][] = [
      ["no proof", { userId: "alice", email: "alice@example.com" }],
      ["bad userHash", { userId: "alice", userHash: "0".repeat(64) }],
      ["userHash of another user", { userId: "alice", userHash: await userHash(SECRET, "mallory") }],
      ["userHash with another key", { userId: "alice", userHash: await userHash("guessed-secret", "alice") }],
      ["JWT with another key", { token: await signJwt("guessed-secret", { sub: "alice", exp: inAnHour() }) }],
      ["expired JWT", { token: await signJwt(SECRET, { sub: "alice", exp: Math.floor(Date.now() / 1000) - 60 }) }],
      ["JWT without expiry", { token: await signJwt(SECRET, { sub: "alice" }) }],
      ["alg none JWT", { token: (await signJwt(SECRET, { sub: "alice", exp: inAnHour() }, header)).replace(/\.[^.]+$/, ".") }],
      ["tampered JWT payload", { token: await tamperedJwt() }],
    ];
    for (const [name, body] of attempts) {
      const r = await widgetCall(site, "/identify", { token, body });
      expect([name, r.status]).toEqual([name, 403]);
    }
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM contact_identities WHERE site_id = ? AND kind = 'external'").bind(site).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("with anonymous chats switched off, refuses a conversation to anyone not verified", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET, identityRequired: true, anonymousAllowed: false });
    const { token } = await newVisitor(site);
    const refused = await widgetCall(site, "/conversations", { token, body: { locale: "en" } });
    expect(refused.status).toBe(403);
    // A failed identify does not open the door either.
    const spoof = await newVisitor(site, { identify: { userId: "alice", userHash: "f".repeat(64) } });
    expect((await widgetCall(site, "/conversations", { token: spoof.token, body: { locale: "en" } })).status).toBe(403);
    const none = await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE site_id = ?").bind(site).first<{ n: number }>();
    expect(none!.n).toBe(0);
  });
});

describe("spoofed identities", () => {
  it("an unverified claim to a real user's id and email (on a lax site) never sees that user's history", async () => {
    const { site, agent } = await seedWidgetSite({ identitySecret: SECRET });
    const alice = await realUser(site, "alice");
    const mallory = await newVisitor(site, { identify: { userId: "alice", email: "alice@example.com", name: "Alice" } });
    expect(mallory.body.identify).toMatchObject({ ok: true, verified: false });
    expect(mallory.body.conversation).toBeNull();
    expect(await socketTo(site, alice.conversationId, alice.token)).toBe("open");
    expect(await socketTo(site, alice.conversationId, mallory.token)).toBe("refused");
    const own = await startConversation(site, mallory.token);
    expect(own).not.toBe(alice.conversationId);
    // Not merged on the email: the two conversations belong to different contacts.
    const staff = await agentOf(agent);
    const [a, m] = await Promise.all([staff.detail(alice.conversationId), staff.detail(own)]);
    expect(m.contact.id).not.toBe(a.contact.id);
    expect(m.contact.externalId).toBeNull();
    expect(m.messages.map((x) => x.text).join(" ")).not.toContain("4242");
  });

  it("a second user on the same browser inherits nothing from the first", async () => {
    const { site } = await seedWidgetSite({ identitySecret: SECRET });
    const alice = await realUser(site, "alice2");
    // Bob signs in on the same browser without the page calling reset: refused, the token stays Alice's.
    const bob = await widgetCall(site, "/identify", { token: alice.token, body: { userId: "bob", userHash: await userHash(SECRET, "bob") } });
    expect(bob.status).toBe(409);
    const viaSession = await newVisitor(site, { token: alice.token, identify: { userId: "bob", userHash: await userHash(SECRET, "bob") } });
    expect(viaSession.body.identify).toMatchObject({ ok: false, code: "already_identified" });
    // After reset (a new session without the old token) Bob starts clean.
    const fresh = await newVisitor(site, { identify: { userId: "bob", userHash: await userHash(SECRET, "bob") } });
    expect(fresh.body.conversation).toBeNull();
    expect(await socketTo(site, alice.conversationId, fresh.token)).toBe("refused");
    expect(await startConversation(site, fresh.token)).not.toBe(alice.conversationId);
  });
});

async function tamperedJwt(): Promise<string> {
  const [h, , s] = (await signJwt(SECRET, { sub: "mallory", exp: inAnHour() })).split(".");
  const body = btoa(JSON.stringify({ sub: "alice", exp: inAnHour() }))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  return `${h}.${body}.${s}`;
}
