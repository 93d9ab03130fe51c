// GET /files/:id/:name — attachments from R2, by their unguessable id (a capability URL: anyone with
// the link can read the file, like the message that carries it). Safe headers in attachments/files.ts.

import { Hono } from "hono";
import { fileResponse } from "../attachments/files.ts";
import { getAttachment } from "../db/attachments.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { isId } from "../lib/ids.ts";

export const fileRoutes = new Hono<AppEnv>();

fileRoutes.on(["GET", "HEAD"], "/:id/:name?", async (c) => {
  const id = c.req.param("id");
  const stored = isId(id, "f") ? await getAttachment(c.env.DB, id) : null;
  if (!stored) throw new AppError(404, "not_found", "No such file.");
  return fileResponse(c.env, stored, c.req.method);
});
