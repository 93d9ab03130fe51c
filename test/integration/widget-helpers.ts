// Fixtures for the widget's workerd tests: sites with special widget settings, a visitor that calls
// the widget routes, an agent that resolves conversations, and HS256 JWTs for identify().

import type { TriageTrace } from "../../protocol/src/types.ts";
import { env } from "cloudflare:workers";
import { hmacSha256, toBase64Url } from "../../worker/src/lib/crypto.ts";
import { sealSecret } from "../../worker/src/lib/secrets.ts";
import { call, login, ORIGIN, seedSite } from "./helpers.ts";

export interface WidgetSiteOptions {
  settings?: Record<string, unknown>;
  businessHours?: object;
  identitySecret?: string;
  identityRequired?: boolean;
  anonymousAllowed?: boolean;
  allowedOrigins?: string[];
}

/** A fresh site (unique key) with the given widget settings merged over the demo's. */
export async function seedWidgetSite(o: WidgetSiteOptions = {}): Promise<{ site: string; agent: string; owner: string }> {
  const seeded = await seedSite(o.businessHours ? { businessHours: o.businessHours } : {});
  const sealed = o.identitySecret ? await sealSecret(env.PARLEY_SECRET, o.identitySecret) : null;
  await env.DB.prepare(
    `UPDATE sites SET settings = json_patch(settings, ?), identity_secret = COALESCE(?, identity_secret), identity_required = ?, anonymous_allowed = ?,
       allowed_origins = ? WHERE id = ?`,
  )
    .bind(
      JSON.stringify(o.settings ?? {}),
      sealed,
      o.identityRequired ? 1 : 0,
      o.anonymousAllowed === false ? 0 : 1,
      JSON.stringify(o.allowedOrigins ?? []),
      seeded.site,
    )
    .run();
  return seeded;
}

/** Calls a widget route of `site` from the allowed test origin, with the visitor's token if given. */
export function widgetCall(site: string, path: string, o: { token?: string; body?: unknown; method?: string; raw?: BodyInit; type?: string } = {}) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.type) headers["content-type"] = o.type;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  return call(`/widget/v1/sites/${site}${path}`, {
    method: o.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body !== undefined ? { body } : {}),
  });
}

/** A new visitor session; returns its token. */
export async function newVisitor(site: string, body: Record<string, unknown> = {}): Promise<{ token: string; body: Record<string, unknown> }> {
  const res = await widgetCall(site, "/session", { body });
  if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as Record<string, unknown> & { token: string };
  return { token: json.token, body: json };
}

/** Starts (or finds) the visitor's conversation; returns its id. */
export async function startConversation(site: string, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await widgetCall(site, "/conversations", { token, body: { locale: "en", ...extra } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`conversation: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { conversation: { id: string } }).conversation.id;
}

/** An agent of the site, signed in, able to claim and change conversations through the API. */
export async function agentOf(agentEmail: string) {
  const cookie = await login(agentEmail);
  const me = (await (await call("/api/v1/auth/me", { cookie })).json()) as { user: { id: string; name: string } };
  const post = (path: string, body: unknown) => call(path, { method: "POST", cookie, headers: { origin: ORIGIN }, body: JSON.stringify(body) });
  return {
    cookie,
    user: me.user,
    claim: (id: string) => post(`/api/v1/conversations/${id}/assign`, { agentId: me.user.id }),
    reply: (id: string, text: string) => post(`/api/v1/conversations/${id}/messages`, { text }),
    setStatus: (id: string, status: string) => post(`/api/v1/conversations/${id}/status`, { status }),
    detail: async (id: string) =>
      (await (await call(`/api/v1/conversations/${id}`, { cookie })).json()) as {
        conversation: { status: string; priority: string; labels: string[] };
        messages: {
          author: string;
          text: string;
          event?: string;
          private?: boolean;
          trace?: TriageTrace;
          attachments?: { id: string; url: string; type: string }[];
        }[];
        contact: { id: string; name: string | null; email: string | null; tier: string; externalId: string | null; attributes: Record<string, unknown> };
      },
  };
}

/** An HS256 JWT, as a site owner's server would sign it. */
export async function signJwt(secret: string, payload: Record<string, unknown>, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }) {
  const enc = (v: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(v)));
  const head = `${enc(header)}.${enc(payload)}`;
  return `${head}.${toBase64Url(await hmacSha256(secret, head))}`;
}

/** The contact a visitor's conversation belongs to, straight from D1. */
export async function contactRow(contactId: string) {
  return env.DB.prepare("SELECT * FROM contacts WHERE id = ?").bind(contactId).first<Record<string, unknown>>();
}
