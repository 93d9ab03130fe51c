// The console's HTTP client: JSON in and out, errors as values (never thrown into render).

export interface ApiError {
  code: string;
  message: string;
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

/** Calls /api/v1 with the session cookie; network failures become `{ ok: false, status: 0 }`. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  try {
    const res = await fetch(`/api/v1${path}`, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: init.body !== undefined ? { "content-type": "application/json" } : {},
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const error = (json as { error?: ApiError } | null)?.error ?? { code: "http", message: `Request failed (${res.status}).` };
      return { ok: false, status: res.status, error };
    }
    return { ok: true, data: json as T };
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "The server cannot be reached." } };
  }
}

/** The WebSocket URL for an /api/v1 path on this origin. */
export function wsUrl(path: string): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1${path}`;
}
