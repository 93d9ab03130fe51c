// Serves the admin single-page app: files under /admin/ as they are, every other /admin path gets
// the app's index.html so deep links (/admin/conversations/:id) work.

import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

export const adminShell = new Hono<AppEnv>();

// img-src allows https: so the widget preview can show a site's avatar from its own host.
const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

adminShell.get("/*", async (c) => {
  const url = new URL(c.req.url);
  const isFile = /\.[a-z0-9]+$/i.test(url.pathname);
  // The asset router serves admin/index.html at "/admin/" (asking for the .html name redirects).
  const target = isFile ? c.req.raw : new Request(new URL("/admin/", url), c.req.raw);
  const res = await c.env.ASSETS.fetch(target);
  const out = new Response(res.body, res);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) out.headers.set(k, v);
  if (!isFile) out.headers.set("Cache-Control", "no-cache");
  return out;
});
