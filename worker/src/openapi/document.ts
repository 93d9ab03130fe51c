// The OpenAPI 3.1 document served at /api/v1/openapi.json: every endpoint() definition plus the
// hand-written descriptions of the other routes, generated once per isolate.

import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { definedRoutes } from "./endpoint.ts";
import { externalRoutes } from "./external-routes.ts";

let cached: unknown;

/** Builds the document (after every route module has been imported, i.e. once the app exists). */
export function openApiDocument(): unknown {
  if (cached) return cached;
  const gen = new OpenAPIHono();
  gen.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "parley_session",
    description: "Set by POST /api/v1/auth/login. Cookie-authenticated writes must come from the console's own origin (CSRF check).",
  });
  gen.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token (`parley_…`) from POST /api/v1/tokens, scoped to one site.",
  });
  gen.openAPIRegistry.registerComponent("securitySchemes", "visitor", { type: "http", scheme: "bearer", description: "A widget visitor token." });
  for (const r of [...definedRoutes, ...externalRoutes]) gen.openAPIRegistry.registerPath(r);
  cached = gen.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1",
      description:
        "Agent and admin API of Parley. Errors are `{ error: { code, message, field? } }` with the fitting status. Times are milliseconds since the Unix epoch.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}

export const openApiRoutes = new Hono<AppEnv>();

openApiRoutes.get("/openapi.json", (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(openApiDocument() as object);
});
