// Channels (/api/v1/sites/:site/channels): connect, change, disable, test and remove a site's email,
// Telegram, WhatsApp, SMS and API channels. Admins only. Secrets Parley generates are returned once,
// when made (connecting, or `rotate-secrets`); credentials are only ever shown masked.

import { z } from "@hono/zod-openapi";
import { Hono, type Context } from "hono";
import { actorOf, requireRole } from "../auth/middleware.ts";
import { CHANNEL_FIELDS, channelView, foreignField, generateSecret, splitInput } from "../channels/manage.ts";
import { loadChannel, openChannel, sealChannelSecrets, webhookUrl } from "../channels/records.ts";
import { ADAPTERS } from "../channels/registry.ts";
import { DeliveryError, type ChannelRecord, type TestResult } from "../channels/types.ts";
import { audit } from "../db/audit.ts";
import { deleteChannel, getChannel, insertChannel, listChannels, updateChannel } from "../db/channels.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { newId } from "../lib/ids.ts";
import { endpoint } from "../openapi/endpoint.ts";
import { ChannelCreateInput, ChannelPatchInput } from "../schemas/channel.ts";
import { Ok } from "../schemas/common.ts";

export const channelRoutes = new Hono<AppEnv>();

const View = z.record(z.string(), z.unknown()).openapi("Channel", {
  description:
    "A channel: settings, `webhookUrl`, `generated` secrets (values only in the answer that made them, to paste into the provider; null afterwards) and masked `credentials`.",
});
const Test = z.object({ ok: z.boolean(), detail: z.string() }).openapi("ChannelTest");

async function channelOf(c: Context<AppEnv>): Promise<ChannelRecord> {
  const site = c.req.param("site")!;
  const ch = await loadChannel(c.env, c.req.param("id") ?? "");
  if (!ch || ch.siteId !== site) throw new AppError(404, "not_found", "No such channel.");
  return ch;
}

/** Runs a provider check; a provider's refusal is an answer (ok: false), not an error of ours. */
async function check(run: () => Promise<TestResult>): Promise<TestResult> {
  try {
    return await run();
  } catch (e) {
    return { ok: false, detail: e instanceof DeliveryError || e instanceof Error ? e.message : "The provider could not be reached." };
  }
}

endpoint(
  channelRoutes,
  {
    method: "get",
    path: "/sites/:site/channels",
    tag: "Channels",
    summary: "The site's channels",
    access: "user",
    role: "admin",
    responses: { 200: { description: "Channels", schema: z.object({ items: z.array(View) }) } },
  },
  async (c) => {
    const rows = await listChannels(c.env.DB, c.req.param("site")!);
    return c.json({ items: (await Promise.all(rows.map((r) => openChannel(c.env, r)))).map((ch) => channelView(ch)) });
  },
);

endpoint(
  channelRoutes,
  {
    method: "post",
    path: "/sites/:site/channels",
    tag: "Channels",
    summary: "Connect a channel",
    description: "Telegram channels also register their webhook with Telegram (`connect` in the answer says how that went).",
    access: "user",
    role: "admin",
    body: ChannelCreateInput,
    responses: { 201: { description: "The channel", schema: z.object({ channel: View, connect: Test.nullable() }) }, 409: "The email address is taken" },
  },
  async (c, { body }) => {
    const site = c.req.param("site")!;
    const { config, secrets } = splitInput(body.kind, body);
    for (const field of CHANNEL_FIELDS[body.kind].generated) secrets[field] = generateSecret(field);
    config.publicOrigin = new URL(c.req.url).origin;
    const id = newId("ch");
    const address = body.kind === "email" ? body.address : null;
    const ok = await insertChannel(c.env.DB, {
      id,
      siteId: site,
      kind: body.kind,
      name: body.name,
      address,
      config,
      secretsSealed: await sealChannelSecrets(c.env, secrets),
    });
    if (!ok) throw new AppError(409, "taken", "Another channel already uses this address.", { field: "address" });
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "channel.create", target: id, detail: { kind: body.kind, name: body.name } });
    const ch = (await loadChannel(c.env, id))!;
    const connect = ADAPTERS[ch.kind].connect ? await check(() => ADAPTERS[ch.kind].connect!(ch, webhookUrl(ch)!)) : null;
    c.header("Cache-Control", "no-store");
    return c.json({ channel: channelView(ch, true), connect }, 201);
  },
);

endpoint(
  channelRoutes,
  {
    method: "get",
    path: "/sites/:site/channels/:id",
    tag: "Channels",
    summary: "One channel",
    access: "user",
    role: "admin",
    responses: { 200: { description: "The channel", schema: z.object({ channel: View }) } },
  },
  async (c) => c.json({ channel: channelView(await channelOf(c)) }),
);

endpoint(
  channelRoutes,
  {
    method: "patch",
    path: "/sites/:site/channels/:id",
    tag: "Channels",
    summary: "Rename, disable/enable, or change a channel's settings or credentials",
    access: "user",
    role: "admin",
    body: ChannelPatchInput,
    responses: { 200: { description: "The channel", schema: z.object({ channel: View }) }, 409: "The email address is taken" },
  },
  async (c, { body }) => {
    const ch = await channelOf(c);
    const foreign = foreignField(ch.kind, body);
    if (foreign) throw new AppError(400, "invalid", `${foreign}: not a setting of ${ch.kind} channels`, { field: foreign });
    const { config, secrets } = splitInput(ch.kind, body);
    const nextConfig = { ...ch.config, ...config };
    for (const k of ["baseUrl", "outboundUrl"]) if (nextConfig[k] === "") delete nextConfig[k];
    const ok = await updateChannel(c.env.DB, ch.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      ...(Object.keys(config).length ? { config: nextConfig } : {}),
      ...(Object.keys(secrets).length ? { secretsSealed: await sealChannelSecrets(c.env, { ...ch.secrets, ...secrets }) } : {}),
    });
    if (!ok) throw new AppError(409, "taken", "Another channel already uses this address.", { field: "address" });
    const changed = Object.keys(body);
    await audit(c.env.DB, {
      siteId: ch.siteId,
      ...actorOf(c),
      action: body.enabled === false ? "channel.disable" : "channel.update",
      target: ch.id,
      detail: { changed },
    });
    return c.json({ channel: channelView((await loadChannel(c.env, ch.id))!) });
  },
);

endpoint(
  channelRoutes,
  {
    method: "delete",
    path: "/sites/:site/channels/:id",
    tag: "Channels",
    summary: "Remove a channel (its conversations stay)",
    access: "user",
    role: "admin",
    responses: { 200: { description: "Removed", schema: Ok } },
  },
  async (c) => {
    const site = c.req.param("site")!;
    const row = await getChannel(c.env.DB, c.req.param("id")!);
    if (!row || row.siteId !== site) throw new AppError(404, "not_found", "No such channel.");
    await deleteChannel(c.env.DB, row.id);
    await audit(c.env.DB, { siteId: site, ...actorOf(c), action: "channel.delete", target: row.id, detail: { kind: row.kind, name: row.name } });
    return c.json({ ok: true });
  },
);

endpoint(
  channelRoutes,
  {
    method: "post",
    path: "/sites/:site/channels/:id/test",
    tag: "Channels",
    summary: "Check the channel's credentials with the provider (email: sends you a test message)",
    access: "user",
    role: "admin",
    responses: { 200: { description: "What the provider said", schema: Test } },
  },
  async (c) => {
    const ch = await channelOf(c);
    return c.json(await check(() => ADAPTERS[ch.kind].test(ch, { userEmail: c.get("user").email, env: c.env })));
  },
);

endpoint(
  channelRoutes,
  {
    method: "post",
    path: "/sites/:site/channels/:id/connect",
    tag: "Channels",
    summary: "Register the channel's webhook URL with the provider (Telegram); others show the URL to paste",
    access: "user",
    role: "admin",
    responses: { 200: { description: "What the provider said", schema: Test } },
  },
  async (c) => {
    const ch = await channelOf(c);
    const url = webhookUrl(ch);
    const connect = ADAPTERS[ch.kind].connect;
    if (!connect || !url) return c.json({ ok: true, detail: url ? `Paste ${url} into the provider's webhook settings.` : "Email needs no webhook." });
    const result = await check(() => connect(ch, url));
    await audit(c.env.DB, { siteId: ch.siteId, ...actorOf(c), action: "channel.connect", target: ch.id, detail: { ok: result.ok } });
    return c.json(result);
  },
);

endpoint(
  channelRoutes,
  {
    method: "post",
    path: "/sites/:site/channels/:id/rotate-secrets",
    tag: "Channels",
    summary: "Make new generated secrets (the old ones stop working at once); returned this once",
    description: "For Telegram, WhatsApp and API channels. Telegram's webhook is registered again with the new secret (`connect`).",
    access: "user",
    role: "admin",
    responses: { 200: { description: "The channel with its new secrets", schema: z.object({ channel: View, connect: Test.nullable() }) } },
  },
  async (c) => {
    const ch = await channelOf(c);
    const fields = CHANNEL_FIELDS[ch.kind].generated;
    if (!fields.length) throw new AppError(400, "no_secrets", "This kind of channel has no generated secrets.");
    const secrets = { ...ch.secrets };
    for (const field of fields) secrets[field] = generateSecret(field);
    await updateChannel(c.env.DB, ch.id, { secretsSealed: await sealChannelSecrets(c.env, secrets) });
    await audit(c.env.DB, { siteId: ch.siteId, ...actorOf(c), action: "channel.rotate_secrets", target: ch.id, detail: { fields } });
    const next = (await loadChannel(c.env, ch.id))!;
    const url = webhookUrl(next);
    const connect = ADAPTERS[next.kind].connect && url ? await check(() => ADAPTERS[next.kind].connect!(next, url)) : null;
    c.header("Cache-Control", "no-store");
    return c.json({ channel: channelView(next, true), connect });
  },
);
