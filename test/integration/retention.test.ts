// Data retention: a site keeping conversations for N days loses the ones that ended longer ago —
// Durable Object storage, attachment files and every D1 row — on the worker's schedule; nothing else.

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { conversationStub } from "../../worker/src/stubs.ts";
import worker from "../../worker/src/index.ts";
import { runRetention } from "../../worker/src/retention/purge.ts";
import { api } from "./admin-helpers.ts";
import { call, login } from "./helpers.ts";
import { agentOf, newVisitor, seedWidgetSite, startConversation, widgetCall } from "./widget-helpers.ts";

const DAY = 24 * 3600 * 1000;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A conversation with a message, an uploaded file and a rating, resolved. */
async function endedConversation(site: string, agent: string) {
  const { token } = await newVisitor(site);
  const id = await startConversation(site, token);
  const up = await widgetCall(site, `/conversations/${id}/attachments?name=receipt.png&clientId=f1`, { token, raw: PNG, type: "image/png" });
  expect(up.status).toBe(201);
  const { attachment } = (await up.json()) as { attachment: { url: string } };
  const a = await agentOf(agent);
  await a.reply(id, "Your refund is on its way.");
  expect((await a.setStatus(id, "resolved")).status).toBe(200);
  expect((await widgetCall(site, `/conversations/${id}/csat`, { token, body: { rating: 5 } })).status).toBe(201);
  return { id, file: attachment.url };
}

const rows = async (table: string, column: string, id: string) =>
  (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).bind(id).first<{ n: number }>())?.n ?? 0;

describe("data retention", () => {
  it("is set per site by an admin (1–3650 days or null) and audited", async () => {
    const { site, owner } = await seedWidgetSite();
    const cookie = await login(owner);
    expect((await api(`/sites/${site}`, { method: "PATCH", cookie, body: { retentionDays: 0 } })).body).toMatchObject({ error: { field: "retentionDays" } });
    const ok = await api(`/sites/${site}`, { method: "PATCH", cookie, body: { retentionDays: 30 } });
    expect(ok.body.site.retentionDays).toBe(30);
    const log = await api(`/sites/${site}/audit?action=site.update`, { cookie });
    expect(JSON.stringify(log.body)).toContain("retentionDays");
    expect((await api(`/sites/${site}`, { method: "PATCH", cookie, body: { retentionDays: null } })).body.site.retentionDays).toBeNull();
  });

  it("deletes ended conversations older than the period with their files, and keeps everything else", async () => {
    const { site, agent, owner } = await seedWidgetSite();
    const other = await seedWidgetSite();
    expect((await api(`/sites/${site}`, { method: "PATCH", cookie: await login(owner), body: { retentionDays: 30 } })).status).toBe(200);
    const old = await endedConversation(site, agent);
    const elsewhere = await endedConversation(other.site, other.agent);
    const { token } = await newVisitor(site);
    const open = await startConversation(site, token);
    const fileKey = decodeURIComponent(old.file.slice("/files/".length));
    const stored = await env.DB.prepare("SELECT r2_key FROM attachments WHERE conversation_id = ?").bind(old.id).first<{ r2_key: string }>();
    expect(await env.FILES.head(stored!.r2_key)).not.toBeNull();
    expect(fileKey).toContain("f_");

    // 29 days on, nothing is due.
    expect(await runRetention(env, Date.now() + 29 * DAY)).toEqual([]);
    // 31 days on, through the worker's scheduled handler (the cron).
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: Date.now() + 31 * DAY, cron: "17 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    for (const [table, column] of [
      ["conversations", "id"],
      ["attachments", "conversation_id"],
      ["csat_responses", "conversation_id"],
      ["message_index", "conversation_id"],
    ] as const)
      expect(await rows(table, column, old.id), table).toBe(0);
    expect(await env.FILES.head(stored!.r2_key)).toBeNull();
    expect(await conversationStub(env, old.id).detail()).toBeNull();
    expect((await call(old.file)).status).toBe(404);
    const audit = await env.DB.prepare("SELECT actor_kind, detail FROM audit_log WHERE site_id = ? AND action = 'retention.purge'")
      .bind(site)
      .first<{ actor_kind: string; detail: string }>();
    expect(audit?.actor_kind).toBe("system");
    expect(JSON.parse(audit!.detail)).toMatchObject({ conversations: 1, files: 1, retentionDays: 30 });
    // An open conversation of the same site and an ended one of a site without retention stay.
    expect(await rows("conversations", "id", open)).toBe(1);
    expect(await rows("conversations", "id", elsewhere.id)).toBe(1);
    expect((await call(elsewhere.file)).status).toBe(200);
    // Running again is harmless.
    expect(await runRetention(env, Date.now() + 31 * DAY)).toEqual([]);
  });
});
