// The one error type of the worker, and the one place that turns errors into JSON responses.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error meant for the client: its status, a stable code and a human-readable message. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, code: string, message: string, opts: { field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.headers = opts.headers;
  }
}

/** Body of every error response: `{ error: { code, message, field? } }`. */
export function errorBody(code: string, message: string, field?: string, extra?: Record<string, unknown>) {
  return { error: { code, message, ...(field ? { field } : {}), ...extra } };
}

/** Hono `onError`: known errors keep their status; anything else is a 500 without internals. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.field), err.status, err.headers);
  }
  console.error("unhandled", err);
  return c.json(errorBody("internal", "Something went wrong on our side. Please try again."), 500);
}

/** Reads a JSON body with a size cap; bad JSON is a 400, a body over the cap a 413. */
export async function readJson(c: Context, maxBytes = 256 * 1024): Promise<unknown> {
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > maxBytes) throw new AppError(413, "too_large", `The request body is larger than ${maxBytes} bytes.`);
  const text = await c.req.text();
  if (text.length > maxBytes) throw new AppError(413, "too_large", `The request body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, "bad_json", "The request body is not valid JSON.");
  }
}
