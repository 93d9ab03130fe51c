// The one error type of the worker, and the one place that turns errors into JSON responses.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { readBytesLimited } from "./lib/body.ts";

/** An error meant for the client: its status, a stable code and a human-readable message. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string> | undefined;
  /** More machine-readable facts for the body (e.g. `retryAfter`), next to code and message. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    opts: { field?: string; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = opts.field;
    this.headers = opts.headers;
    this.extra = opts.extra;
  }
}

/** Body of every error response: `{ error: { code, message, field? } }`. */
export function errorBody(code: string, message: string, field?: string, extra?: Record<string, unknown>) {
  return { error: { code, message, ...(field ? { field } : {}), ...extra } };
}

/** Hono `onError`: known errors keep their status; anything else is a 500 without internals. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.field, err.extra), err.status, err.headers);
  }
  console.error("unhandled", err);
  return c.json(errorBody("internal", "Something went wrong on our side. Please try again."), 500);
}

/**
 * Reads a JSON body with a size cap; bad JSON is a 400, a body over the cap a 413. The cap holds for
 * the bytes received, not only the declared Content-Length (a chunked body cannot get past it).
 */
export async function readJson(c: Context, maxBytes = 256 * 1024): Promise<unknown> {
  const tooLarge = () => new AppError(413, "too_large", `The request body is larger than ${maxBytes} bytes.`);
  const bytes = await readBytesLimited(c.req.raw, maxBytes, tooLarge);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError(400, "bad_json", "The request body is not valid UTF-8 JSON.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(400, "bad_json", "The request body is not valid JSON.");
  }
}
