// The SLA policy API: agents read it, admins replace it (validated, audited); bad input changes nothing.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SlaPolicy } from "../../protocol/src/sla.ts";
import { DEFAULT_SLA_POLICY } from "../../worker/src/db/sla.ts";
import { post } from "./conversation-fixtures.ts";
import { call, login, seedSite } from "./helpers.ts";

describe("SLA policy API", () => {
  it("serves the defaults, refuses agents and bad input, saves and audits an admin's change", async () => {
    const { site, owner, agent } = await seedSite();
    const [ownerCookie, agentCookie] = await Promise.all([login(owner), login(agent)]);
    const path = `/api/v1/sites/${site}/sla-policy`;
    const get = async (cookie: string) => ((await (await call(path, { cookie })).json()) as { policy: SlaPolicy }).policy;

    expect(await get(agentCookie)).toEqual(DEFAULT_SLA_POLICY);
    const changed: SlaPolicy = {
      ...DEFAULT_SLA_POLICY,
      complaint: { ...DEFAULT_SLA_POLICY.complaint, firstResponse: { ...DEFAULT_SLA_POLICY.complaint.firstResponse, urgent: 3, low: null } },
      warningMinutes: 5,
      followUp: { enabled: true, delayMinutes: 2 * 24 * 60, message: { en: "How did we do?", "zh-CN": "我们做得怎么样？" } },
    };

    const asAgent = await post(path, agentCookie, changed, "PUT");
    expect(asAgent.status).toBe(403);

    const bad = await post(path, ownerCookie, { ...changed, warningMinutes: 99999 }, "PUT");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "invalid_policy", message: "warningMinutes must be a whole number from 0 to 1440.", field: "warningMinutes" },
    });
    const notJson = await call(path, { method: "PUT", cookie: ownerCookie, headers: { origin: "https://parley.test" }, body: "{" });
    expect(notJson.status).toBe(400);
    expect(await get(ownerCookie)).toEqual(DEFAULT_SLA_POLICY);

    const ok = await post(path, ownerCookie, changed, "PUT");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { changed: string[] }).changed.sort()).toEqual(
      [
        "complaint.firstResponse.low",
        "complaint.firstResponse.urgent",
        "followUp.delayMinutes",
        "followUp.enabled",
        "followUp.message.en",
        "followUp.message.zh-CN",
        "followUp.message.zh-TW",
        "warningMinutes",
      ].sort(),
    );
    expect(await get(agentCookie)).toEqual(changed);

    const audit = await env.DB.prepare("SELECT action, target, detail FROM audit_log WHERE site_id = ? AND action = 'sla.update'")
      .bind(site)
      .all<{ detail: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0]!.detail).changed).toContain("warningMinutes");
  });

  it("is not visible to people outside the site", async () => {
    const a = await seedSite();
    const b = await seedSite();
    const cookie = await login(b.owner);
    expect((await call(`/api/v1/sites/${a.site}/sla-policy`, { cookie })).status).toBe(403);
  });
});
