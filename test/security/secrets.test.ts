// Secrets are shown once, when they are made, and never again: every GET route of the API (taken
// from the OpenAPI document, so a new route is checked too) is read after making an identity secret,
// channel credentials and generated secrets, a webhook secret, an API token and an invitation link —
// none of them may appear in any answer, in the logs, or in clear in D1.

import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, siteWithPeople } from "../integration/admin-helpers.ts";
import { createChannel, fake } from "../integration/channel-helpers.ts";
import { startVisitor } from "../integration/helpers.ts";
import { agentOf } from "../integration/widget-helpers.ts";

const TABLES = ["sites", "channels", "webhooks", "api_tokens", "invitations", "audit_log", "users", "sessions"];

afterEach(() => vi.restoreAllMocks());

describe("secrets", () => {
  it("are never returned by a GET route, never logged, and never stored in clear", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation(
        (...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? a.stack : JSON.stringify(a))).join(" ")),
      );
    const p = await siteWithPeople();
    const post = async (path: string, body: unknown) => {
      const r = await api(path, { method: "POST", cookie: p.owner, body });
      expect([path, r.status]).toEqual([path, 201]);
      return r.body;
    };
    const identity = (await post(`/sites/${p.site}/identity-secret`, {})).secret as string;
    const wa = await createChannel(p.site, p.owner, {
      kind: "whatsapp",
      name: "WA",
      phoneNumberId: "106540352242922",
      accessToken: "EAAGsecurity-suite-access-token-5555",
      appSecret: "security-suite-app-secret-6666",
      baseUrl: `${fake()}/graph/v21.0`,
    });
    const apiChannel = await createChannel(p.site, p.owner, { kind: "api", name: "App" });
    const webhook = (await post(`/sites/${p.site}/webhooks`, { url: `${fake()}/hooks/secrets-${p.site}` })).webhook as { id: string; secret: string };
    const token = (await post("/tokens", { site: p.site, name: "CRM", role: "admin" })).secret as string;
    const invite = (await post(`/sites/${p.site}/invitations`, { email: "new@example.com", role: "agent" })).link as string;
    const secrets = {
      identity,
      accessToken: "EAAGsecurity-suite-access-token-5555",
      appSecret: "security-suite-app-secret-6666",
      verifyToken: wa.generated.verifyToken as string,
      apiChannelSecret: apiChannel.generated.secret as string,
      webhook: webhook.secret,
      token,
      invitation: invite.split("/").pop()!,
    };
    for (const [name, value] of Object.entries(secrets)) expect([name, typeof value, value.length >= 16]).toEqual([name, "string", true]);

    // Every GET route, with the ids it needs.
    const visitor = await startVisitor(p.site);
    const contactId = (await (await agentOf(`agent+${p.site}@example.com`)).detail(visitor.conversationId)).contact.id;
    const ids: Record<string, string> = {
      channels: wa.id,
      webhooks: webhook.id,
      conversations: visitor.conversationId,
      contacts: contactId,
      agents: p.agentId,
    };
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json", { origin: null });
    const checked: string[] = [];
    const skipped: string[] = [];
    for (const [path, ops] of Object.entries(doc.body.paths)) {
      if (!ops.get || !path.startsWith("/api/v1/")) continue;
      let ok = true;
      const filled = path.replace(/\{(\w+)\}/g, (_m, name: string, at: number) => {
        if (name === "site") return p.site;
        const segment = path.slice(0, at).split("/").filter(Boolean).pop()!;
        if (name === "id" && ids[segment]) return ids[segment]!;
        ok = false;
        return "x";
      });
      if (!ok) {
        skipped.push(path);
        continue;
      }
      const query = path.endsWith("/tokens") || path.endsWith("/audit") ? `?site=${p.site}` : "";
      const r = await api(`${filled.slice("/api/v1".length)}${query}`, { cookie: p.owner });
      const text = JSON.stringify(r.body);
      for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) checked.push(`LEAK ${name} in GET ${filled}`);
      checked.push(`${r.status} ${path}`);
    }
    expect(checked.filter((c) => c.startsWith("LEAK"))).toEqual([]);
    // The check reached the routes that hold secrets (and most of the rest).
    for (const must of [
      "/sites/{site}",
      "/sites/{site}/channels",
      "/sites/{site}/channels/{id}",
      "/sites/{site}/webhooks/{id}",
      "/tokens",
      "/sites/{site}/invitations",
      "/sites/{site}/audit",
    ])
      expect(checked).toContain(`200 /api/v1${must}`);
    expect(skipped.length).toBeLessThan(checked.length);

    // Not in the logs; not in clear in D1 (hashed or sealed).
    for (const [name, value] of Object.entries(secrets)) expect([name, logged.some((l) => l.includes(value))]).toEqual([name, false]);
    for (const table of TABLES) {
      const { results } = await env.DB.prepare(`SELECT * FROM ${table}`).all();
      const dump = JSON.stringify(results);
      for (const [name, value] of Object.entries(secrets)) expect([table, name, dump.includes(value)]).toEqual([table, name, false]);
    }
  });
});
