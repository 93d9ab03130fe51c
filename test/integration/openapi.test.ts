// The OpenAPI document: valid 3.1, public, and covering every route the app serves under /api/v1
// and /widget/v1 (a route without a description fails here, naming it).

import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app.ts";
import { api } from "./admin-helpers.ts";

/** Every method + path the app answers under /api and /widget. `ALL` entries are middleware, the
 * catch-all 404 and the preview's refusal of everything but its config: not endpoints. */
function appRoutes(): string[] {
  const out = new Set<string>();
  for (const r of createApp().routes) {
    if (!/^\/(api|widget)\//.test(r.path) || r.method === "ALL" || r.method === "OPTIONS") continue;
    out.add(`${r.method} ${r.path.replace(/\/$/, "").replace(/:(\w+)/g, "{$1}")}`);
  }
  return [...out].sort();
}

describe("OpenAPI document", () => {
  it("is served publicly as OpenAPI 3.1 with both auth schemes", async () => {
    const r = await api<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } }>("/openapi.json", {
      origin: null,
    });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe("3.1.0");
    expect(Object.keys(r.body.components.securitySchemes)).toEqual(expect.arrayContaining(["session", "bearer"]));
  });

  it("describes every route of the app, and nothing that does not exist", async () => {
    const r = await api<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json", { origin: null });
    const documented = Object.entries(r.body.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(appRoutes());
  });

  it("documents request bodies from the same schemas that validate them", async () => {
    const r = await api<{ paths: Record<string, Record<string, any>> }>("/openapi.json", { origin: null });
    const patch = r.body.paths["/api/v1/sites/{site}"]!.patch;
    const schema = patch.requestBody.content["application/json"].schema;
    expect(JSON.stringify(schema)).toContain("SitePatch");
    expect(patch.responses["400"]).toBeTruthy();
    expect(patch.responses["403"]).toBeTruthy();
  });
});
