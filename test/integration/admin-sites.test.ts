// Sites: create several, change every setting (validated field by field), identity secret shown once
// and sealed at rest, the embed snippet, and the widget preview built from draft settings.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openSecret } from "../../worker/src/lib/secrets.ts";
import { api, siteWithPeople } from "./admin-helpers.ts";
import { call, ORIGIN } from "./helpers.ts";

const b64url = (v: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(v))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

describe("sites", () => {
  it("an owner creates sites; each starts with an owner, a team and working rules; keys are unique", async () => {
    const f = await siteWithPeople();
    const key = `shop-${Date.now().toString(36)}`;
    const made = await api("/sites", { method: "POST", cookie: f.owner, body: { name: "Second Shop", key } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: "owner", site: { id: key, name: "Second Shop", rulesetVersion: 1 } });
    expect(made.body.embed).toBe(`<script src="${ORIGIN}/embed.js" data-site="${key}" async></script>`);
    const mine = await api("/sites", { cookie: f.owner });
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([f.site, key]);
    expect((await api(`/sites/${key}/teams`, { cookie: f.owner })).body.items.map((t: { id: string }) => t.id)).toEqual(["complaints", "support"]);
    const taken = await api("/sites", { method: "POST", cookie: f.owner, body: { name: "Again", key } });
    expect([taken.status, taken.body.error.field]).toEqual([409, "key"]);
    const generated = await api("/sites", { method: "POST", cookie: f.owner, body: { name: "Third" } });
    expect(generated.body.site.id).toMatch(/^s-[0-9a-z]{10}$/);
    expect((await api("/sites", { method: "POST", cookie: f.owner, body: { name: "" } })).body.error.field).toBe("name");
    expect((await api("/sites", { method: "POST", cookie: f.owner, body: { name: "X", key: "Bad Key" } })).body.error.field).toBe("key");
    // A person who is only an agent anywhere cannot create sites.
    expect((await api("/sites", { method: "POST", cookie: f.agent, body: { name: "Mine" } })).status).toBe(403);
    // The widget of the new site works at once.
    expect((await call(`/widget/v1/sites/${key}/config`)).status).toBe(200);
  });

  it("saves every setting and the widget sees it", async () => {
    const f = await siteWithPeople();
    const r = await api(`/sites/${f.site}`, {
      method: "PATCH",
      cookie: f.owner,
      body: {
        name: "Renamed Shop",
        allowedOrigins: ["https://shop.example.com", "http://localhost:3000"],
        timezone: "Europe/Berlin",
        businessHours: {
          weekly: {
            "1": [
              ["09:00", "12:00"],
              ["13:00", "18:00"],
            ],
            "6": [["10:00", "14:00"]],
          },
          holidays: ["2026-12-25"],
        },
        settings: {
          accent: "#e11d48",
          greeting: { en: "Hello!", "zh-CN": "您好！" },
          position: "left",
          prechat: { enabled: true, fields: [{ name: "email", label: { en: "Email", "zh-CN": "邮箱" }, type: "email", required: true }] },
          offline: { enabled: true, message: "We are closed; leave a message." },
          attachments: { enabled: true, maxBytes: 5_000_000, types: ["image/*", "application/pdf"] },
          csat: { enabled: true },
        },
        anonymousAllowed: false,
        assignment: "least_busy",
      },
    });
    expect([r.status, r.body.error]).toEqual([200, undefined]);
    expect(r.body.site).toMatchObject({
      name: "Renamed Shop",
      timezone: "Europe/Berlin",
      anonymousAllowed: false,
      assignment: "least_busy",
      settings: { accent: "#e11d48", position: "left", title: { en: "Parley Demo Shop" } },
    });
    const config = await call(`/widget/v1/sites/${f.site}/config`, { headers: { origin: "https://shop.example.com" } });
    expect(await config.json()).toMatchObject({ accent: "#e11d48", position: "left", greeting: { en: "Hello!" } });
    expect((await call(`/widget/v1/sites/${f.site}/config`, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    // null puts a setting back to its default; untouched settings stay.
    const back = await api(`/sites/${f.site}`, { method: "PATCH", cookie: f.owner, body: { settings: { position: null } } });
    expect(back.body.site.settings.position).toBeUndefined();
    expect(back.body.site.settings.accent).toBe("#e11d48");
  });

  it("names the field of bad input and changes nothing", async () => {
    const f = await siteWithPeople();
    const bad: [unknown, string][] = [
      [{ settings: { accent: "red" } }, "settings.accent"],
      [{ settings: { position: "top" } }, "settings.position"],
      [{ settings: { colour: "#fff" } }, "settings.colour"],
      [{ settings: { prechat: { enabled: true, fields: [{ name: "plan", label: "Plan", type: "select" }] } } }, "settings.prechat.fields.0.options"],
      [{ settings: { attachments: { enabled: true, maxBytes: 10 } } }, "settings.attachments.maxBytes"],
      [{ settings: { greeting: { en: "" } } }, "settings.greeting.en"],
      [{ allowedOrigins: ["https://shop.example.com/path"] }, "allowedOrigins.0"],
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ businessHours: { weekly: { "1": [["18:00", "09:00"]] } } }, "businessHours.weekly.1.0"],
      [{ businessHours: { weekly: { "8": [["09:00", "10:00"]] } } }, "businessHours.weekly.8"],
      [{ businessHours: { holidays: ["2026-02-30"] } }, "businessHours.holidays.0"],
      [{ assignment: "random" }, "assignment"],
      [{ identityRequired: true }, "identityRequired"],
    ];
    for (const [body, field] of bad) {
      const r = await api(`/sites/${f.site}`, { method: "PATCH", cookie: f.owner, body });
      expect([JSON.stringify(body), r.status, r.body.error?.field]).toEqual([JSON.stringify(body), 400, field]);
    }
    const site = (await api(`/sites/${f.site}`, { cookie: f.owner })).body.site;
    expect(site).toMatchObject({ name: "Parley Demo Shop", timezone: "Asia/Shanghai", identityRequired: false, settings: { accent: "#4f46e5" } });
  });

  it("shows the identity secret once, keeps it sealed, and rotates it", async () => {
    const f = await siteWithPeople();
    expect((await api(`/sites/${f.site}`, { cookie: f.owner })).body.site.identitySecretSet).toBe(false);
    const first = await api(`/sites/${f.site}/identity-secret`, { method: "POST", cookie: f.owner, body: {} });
    expect(first.status).toBe(201);
    const stored = await env.DB.prepare("SELECT identity_secret FROM sites WHERE id = ?").bind(f.site).first<{ identity_secret: string }>();
    expect(stored!.identity_secret).toMatch(/^v1\./);
    expect(stored!.identity_secret).not.toContain(first.body.secret);
    expect(await openSecret("test-secret-not-for-production", stored!.identity_secret)).toBe(first.body.secret);
    const site = await api(`/sites/${f.site}`, { cookie: f.owner });
    expect(site.body.site.identitySecretSet).toBe(true);
    expect(JSON.stringify(site.body)).not.toContain(first.body.secret);
    expect((await api(`/sites/${f.site}`, { method: "PATCH", cookie: f.owner, body: { identityRequired: true } })).body.site.identityRequired).toBe(true);
    const second = await api(`/sites/${f.site}/identity-secret`, { method: "POST", cookie: f.owner, body: {} });
    expect(second.body.secret).not.toBe(first.body.secret);
    const rotated = await env.DB.prepare("SELECT identity_secret FROM sites WHERE id = ?").bind(f.site).first<{ identity_secret: string }>();
    expect(await openSecret("test-secret-not-for-production", rotated!.identity_secret)).toBe(second.body.secret);
    const log = await api(`/sites/${f.site}/audit?action=site.identity_secret`, { cookie: f.owner });
    expect(log.body.items).toHaveLength(2);
    expect(JSON.stringify(log.body)).not.toContain(second.body.secret);
  });

  it("serves the live preview's widget config from draft settings, and refuses everything else", async () => {
    const f = await siteWithPeople();
    const draft = b64url({ settings: { accent: "#0f766e", title: "Draft title", position: "left" }, open: false });
    const base = `/sites/${f.site}/preview/${draft}`;
    const r = await api(`${base}/widget/v1/sites/preview/config`, { cookie: f.owner });
    expect(r.body).toMatchObject({ site: f.site, accent: "#0f766e", title: "Draft title", position: "left", open: false, preview: true });
    // The saved settings are untouched.
    expect((await api(`/sites/${f.site}`, { cookie: f.owner })).body.site.settings.accent).toBe("#4f46e5");
    expect(
      (await api(`/sites/${f.site}/preview/${b64url({ settings: { accent: "nope" } })}/widget/v1/sites/p/config`, { cookie: f.owner })).body.error.field,
    ).toBe("settings.accent");
    expect((await api(`/sites/${f.site}/preview/%%%/widget/v1/sites/p/config`, { cookie: f.owner })).status).toBe(400);
    const session = await api(`${base}/widget/v1/sites/preview/session`, { method: "POST", cookie: f.owner, body: {} });
    expect([session.status, session.body.error.code]).toEqual([403, "preview"]);
  });
});
