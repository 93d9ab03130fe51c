// One API endpoint = one definition: the handler is mounted on a Hono sub-app and described in the
// OpenAPI document from the same zod schemas that validate its input, so the two cannot drift.

import { z, type RouteConfig } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import { requireRole, requireSession, requireUser } from "../auth/middleware.ts";
import type { Role } from "../db/users.ts";
import type { AppEnv } from "../env.ts";
import { AppError, readJson } from "../errors.ts";

/** Who may call: anyone, a signed-in user or API token, or a signed-in person only (no tokens). */
export type Access = "public" | "user" | "session";

export interface EndpointDef<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Path below /api/v1 in Hono syntax, e.g. `/contacts/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** The least role the handler requires on the site (documentation; the handler enforces it). */
  role?: Role;
  body?: B;
  /** Largest accepted body in bytes (default 64 KB). */
  bodyLimit?: number;
  query?: Q;
  /** Success responses: status → description, or description + body schema. */
  responses: Record<number, string | { description: string; schema: z.ZodType }>;
}

type Parsed<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type Handler<B, Q> = (c: Context<AppEnv>, input: { body: Parsed<B>; query: Parsed<Q> }) => Response | Promise<Response>;

/** Every endpoint defined so far, for the OpenAPI document. */
export const definedRoutes: RouteConfig[] = [];

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })
  .openapi("Error", { description: "Every error: a stable code, a message for people and, for bad input, the offending field." });

/** Turns the first problem zod found into a 400 that names the field (`settings.accent`, `emails.1`). */
export function invalid(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const path = issue ? [...issue.path, ...(issue.code === "unrecognized_keys" ? issue.keys.slice(0, 1) : [])] : [];
  const field = path.map(String).join(".") || undefined;
  const message = issue ? `${field ? `${field}: ` : ""}${issue.message}` : "The input is not valid.";
  return new AppError(400, "invalid", message, field ? { field } : {});
}

/** Validates untrusted input against a schema; bad input becomes a 400 naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** `/contacts/:id` → `/contacts/{id}` and the params it has. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:(\w+)/g, (_, name: string) => (params.push(name), `{${name}}`));
  return { path: `/api/v1${converted}`, params };
}

function describe(def: EndpointDef<z.ZodType | undefined, z.ZodType | undefined>): RouteConfig {
  const { path, params } = openApiPath(def.path);
  const responses: RouteConfig["responses"] = {};
  for (const [status, r] of Object.entries(def.responses)) {
    responses[status] = typeof r === "string" ? { description: r } : { description: r.description, content: { "application/json": { schema: r.schema } } };
  }
  const err = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });
  if (def.body || def.query || params.length) responses[400] = err("Bad input: the `field` names what to fix.");
  if (def.access !== "public") responses[401] = err("Not signed in (no session cookie or API token, or it has ended).");
  if (def.role || def.access === "session")
    responses[403] = err("Wrong role for this site, another site's data, a forged (cross-site) request, or an API token where a person must sign in.");
  const security: Record<string, string[]>[] = def.access === "public" ? [] : def.access === "session" ? [{ session: [] }] : [{ session: [] }, { bearer: [] }];
  return {
    method: def.method,
    path,
    tags: [def.tag],
    summary: def.summary,
    description: [def.description, def.role ? `Needs the **${def.role}** role on the site.` : ""].filter(Boolean).join("\n\n") || undefined,
    security,
    request: {
      ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
      ...(def.query ? { query: def.query as never } : {}),
      ...(def.body ? { body: { required: true, content: { "application/json": { schema: def.body } } } } : {}),
    },
    responses,
  } as RouteConfig;
}

/**
 * Mounts an endpoint on `app` (mounted at /api/v1) and records its description. The handler gets
 * the parsed body and query; authentication runs first, so bad input from a stranger is a 401.
 */
export function endpoint<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  app: Hono<AppEnv>,
  def: EndpointDef<B, Q>,
  handler: Handler<B, Q>,
): void {
  definedRoutes.push(describe(def as EndpointDef<z.ZodType | undefined, z.ZodType | undefined>));
  const run = async (c: Context<AppEnv>) => {
    if (def.access === "session") requireSession(c);
    // Where the site is in the path, the role is checked before the input is even read.
    const site = c.req.param("site");
    if (def.role && site !== undefined) requireRole(c.get("user"), site, def.role);
    const body = def.body ? parseWith(def.body, await readJson(c, def.bodyLimit ?? 64 * 1024)) : undefined;
    const query = def.query ? parseWith(def.query, c.req.query()) : undefined;
    return handler(c, { body, query } as { body: Parsed<B>; query: Parsed<Q> });
  };
  if (def.access === "public") app.on(def.method.toUpperCase(), def.path, run);
  else app.on(def.method.toUpperCase(), def.path, requireUser(), run);
}
