// The admin's live preview of the widget. The admin page runs the real <parley-chat> with
// `api-base` pointing here, so the widget fetches its usual config (same shape as
// /widget/v1/sites/:site/config) built from the draft settings in the URL instead of the saved ones.
// Anything else the widget asks for (a session, a conversation) is refused: a preview sends nothing.

import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { requireRole } from "../auth/middleware.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { fromBase64Url } from "../lib/crypto.ts";
import { endpoint, parseWith } from "../openapi/endpoint.ts";
import { WidgetSettingsInput } from "../schemas/site.ts";
import type { WidgetSettings } from "../db/sites.ts";
import { widgetConfigFrom } from "./widget-config.ts";

export const previewRoutes = new Hono<AppEnv>();

const Draft = z.strictObject({ settings: WidgetSettingsInput, open: z.boolean().default(true) });

/** Decodes the draft in the URL: base64url of `{ settings, open }`. */
function decodeDraft(text: string): z.infer<typeof Draft> {
  const bytes = text.length <= 24_000 ? fromBase64Url(text) : null;
  let value: unknown = null;
  try {
    value = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  } catch {
    // falls through to the 400 below
  }
  if (value === null) throw new AppError(400, "invalid", "draft: not a base64url JSON draft.", { field: "draft" });
  return parseWith(Draft, value);
}

endpoint(
  previewRoutes,
  {
    method: "get",
    path: "/sites/:site/preview/:draft/widget/v1/sites/:key/config",
    tag: "Sites",
    summary: "Widget config built from draft settings (the admin's live preview)",
    description:
      '`draft` is base64url of `{ settings: WidgetSettings, open?: boolean }`. Use it as the widget\'s `api-base`: `<parley-chat site="preview" api-base="/api/v1/sites/SITE/preview/DRAFT">`.',
    access: "user",
    role: "admin",
    responses: { 200: "The widget config, in the shape the widget reads at boot" },
  },
  async (c) => {
    const site = c.req.param("site")!;
    requireRole(c.get("user"), site, "admin");
    const { settings: s, open } = decodeDraft(c.req.param("draft")!);
    c.header("Cache-Control", "no-store");
    // The same builder as the real config route, so the preview shows what visitors will get.
    return c.json({ ...widgetConfigFrom(site, s as WidgetSettings, { open, identityRequired: false, anonymousAllowed: true }), preview: true });
  },
);

previewRoutes.all("/sites/:site/preview/:draft/*", () => {
  throw new AppError(403, "preview", "This is a preview: messages are not sent.");
});
