// Calls to provider APIs: configurable base URLs (tests point them at a local fake), a time limit,
// and one error classification — 5xx, 429, timeouts and network errors are retried, other 4xx are not.

import { DeliveryError } from "./types.ts";

const TIMEOUT_MS = 15_000;

/**
 * True for a base URL we may call: https anywhere, http only on the local machine (development and
 * tests; a deployed Worker cannot reach those anyway).
 */
export function allowedBaseUrl(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.username || u.password || u.search || u.hash) return false;
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && (u.hostname === "localhost" || u.hostname === "127.0.0.1" || u.hostname === "[::1]");
}

/** The channel's base URL for a provider, without a trailing slash. */
export function baseUrl(config: Record<string, string>, fallback: string): string {
  const v = config.baseUrl && allowedBaseUrl(config.baseUrl) ? config.baseUrl : fallback;
  return v.replace(/\/+$/, "");
}

/** Calls a provider; returns the response body parsed as JSON (or text). Throws DeliveryError. */
export async function callProvider(label: string, url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new DeliveryError(`${label} could not be reached (${e instanceof Error ? e.message : "network error"}).`, false);
  }
  const text = await res.text().catch(() => "");
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  if (!res.ok) {
    const retry = res.status >= 500 || res.status === 429 || res.status === 408;
    throw new DeliveryError(`${label} answered ${res.status}: ${describe(body)}`, !retry, res.status);
  }
  return { status: res.status, body };
}

/** A short description of a provider's error body. */
function describe(body: unknown): string {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const inner = b.error && typeof b.error === "object" ? (b.error as Record<string, unknown>).message : b.error;
    const msg = b.description ?? b.message ?? inner;
    if (typeof msg === "string") return msg.slice(0, 300);
  }
  return String(body ?? "").slice(0, 300) || "no details";
}

/** Downloads a file from a provider with a size cap; null when it fails or is too large. */
export async function download(url: string, headers: Record<string, string>, maxBytes: number): Promise<{ bytes: Uint8Array; type: string } | null> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) return null;
    const length = Number(res.headers.get("content-length") ?? "0");
    if (length > maxBytes) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > maxBytes) return null;
    return { bytes, type: res.headers.get("content-type")?.split(";")[0]?.trim() || "application/octet-stream" };
  } catch {
    return null;
  }
}
