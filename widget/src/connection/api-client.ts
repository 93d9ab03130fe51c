// HTTP calls to the widget routes (/widget/v1/sites/:site/…). Never throws: every outcome, network
// failures included, comes back as a result with the server's error code and message.

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; field?: string; /** seconds, with 429 */ retryAfter?: number };

export interface RequestOptions {
  body?: unknown;
  /** A raw body (a File for uploads) sent with its own content type. */
  raw?: Blob;
  query?: Record<string, string>;
  method?: "GET" | "POST";
}

export class WidgetApi {
  /** The visitor token, once this device has one. */
  token: string | null = null;
  private readonly base: string;

  constructor(apiBase: string, site: string) {
    this.base = `${apiBase}/widget/v1/sites/${encodeURIComponent(site)}`;
  }

  /** The socket URL of a conversation (tokens go in the query: browsers cannot set socket headers). */
  socketUrl(conversationId: string): string {
    return `${this.base.replace(/^http/, "ws")}/conversations/${encodeURIComponent(conversationId)}/ws?token=${encodeURIComponent(this.token ?? "")}`;
  }

  /** An absolute URL for a path the server gave relative to its origin (attachments, avatars). */
  resolve(path: string): string {
    try {
      const u = new URL(path, this.base);
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : "";
    } catch {
      return "";
    }
  }

  async request<T>(path: string, o: RequestOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: BodyInit | undefined;
    if (o.raw) {
      body = o.raw;
      headers["content-type"] = o.raw.type || "application/octet-stream";
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers["content-type"] = "application/json";
    }
    const query = o.query ? `?${new URLSearchParams(o.query)}` : "";
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}${query}`, {
        method: o.method ?? (body === undefined ? "GET" : "POST"),
        headers,
        credentials: "omit",
        cache: "no-store",
        ...(body !== undefined ? { body } : {}),
      });
    } catch {
      return { ok: false, status: 0, code: "network", message: "The chat service cannot be reached." };
    }
    const json = (await res.json().catch(() => null)) as (T & { error?: { code?: unknown; message?: unknown; field?: unknown } }) | null;
    if (res.ok && json) return { ok: true, status: res.status, data: json };
    const e = json?.error;
    const wait = Number(res.headers.get("retry-after"));
    return {
      ...(res.status === 429 ? { retryAfter: wait > 0 ? wait : 5 } : {}),
      ok: false,
      status: res.status,
      code: typeof e?.code === "string" ? e.code : `http_${res.status}`,
      message: typeof e?.message === "string" ? e.message : `The chat service answered ${res.status}.`,
      ...(typeof e?.field === "string" ? { field: e.field } : {}),
    };
  }
}
