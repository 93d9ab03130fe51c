// Helpers for the admin API tests: JSON calls with a cookie or token, sign-ins per role, a second site.

import { env } from "cloudflare:workers";
import { call, login, ORIGIN, seedSite } from "./helpers.ts";

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the API as a browser on our origin would (cookie + same-origin Origin), or with a bearer token. */
export async function api<T = Record<string, any>>(
  path: string,
  opts: { method?: string; body?: unknown; cookie?: string; token?: string; origin?: string | null; ip?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.ip) headers["cf-connecting-ip"] = opts.ip;
  const res = await call(`/api/v1${path}`, {
    method: opts.method ?? "GET",
    headers,
    ...(opts.cookie ? { cookie: opts.cookie } : {}),
    ...(opts.body !== undefined ? { body: typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** A seeded site with its owner and agent signed in, plus an admin invited the direct way. */
export async function siteWithPeople(): Promise<{ site: string; owner: string; agent: string; ownerId: string; agentId: string }> {
  const s = await seedSite();
  const [owner, agent] = await Promise.all([login(s.owner), login(s.agent)]);
  const ids = await env.DB.prepare("SELECT id, email FROM users WHERE email IN (?, ?)").bind(s.owner, s.agent).all<{ id: string; email: string }>();
  const idOf = (e: string) => ids.results.find((r) => r.email === e)!.id;
  return { site: s.site, owner, agent, ownerId: idOf(s.owner), agentId: idOf(s.agent) };
}

/** Makes a member of `site` an admin directly in D1 (tests that need the admin role without owner powers). */
export async function makeAdmin(site: string, userId: string): Promise<void> {
  await env.DB.prepare("UPDATE memberships SET role = 'admin' WHERE site_id = ? AND user_id = ?").bind(site, userId).run();
}

export { ORIGIN };
