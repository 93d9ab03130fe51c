// Who the visitor is: the signed visitor token (kept in localStorage once they interact), the
// session call that creates or renews it, and identify()/setAttributes() — sent at once when a
// session exists, else carried by the session when the visitor starts chatting.

import type { EventName } from "../host.ts";
import type { ApiResult, WidgetApi } from "./api-client.ts";
import { storage } from "./storage.ts";

export interface SessionAnswer {
  token: string;
  conversation: { id: string } | null;
  identify?: { ok: boolean; code?: string; message?: string };
  attributes?: { ok: boolean; code?: string; message?: string };
}

export class VisitorSession {
  private readonly api: WidgetApi;
  private readonly key: string;
  private readonly emit: (name: EventName, detail: unknown) => void;
  /** identify() calls made before a session existed; the last one wins. */
  private identifyQueue: unknown[] = [];
  private attributes: Record<string, unknown> = {};

  constructor(api: WidgetApi, tokenKey: string, emit: (name: EventName, detail: unknown) => void) {
    this.api = api;
    this.key = tokenKey;
    this.emit = emit;
    api.token = storage.get(tokenKey);
  }

  get exists(): boolean {
    return this.api.token !== null;
  }

  /** Starts or renews the session, sending the identify()/setAttributes() calls made before it. */
  async renew(): Promise<ApiResult<SessionAnswer>> {
    const body: Record<string, unknown> = this.api.token ? { token: this.api.token } : {};
    const identify = this.identifyQueue.at(-1);
    if (identify !== undefined) body.identify = identify;
    if (Object.keys(this.attributes).length) body.attributes = this.attributes;
    const r = await this.api.request<SessionAnswer>("/session", { body });
    if (!r.ok) return r;
    this.identifyQueue = [];
    this.attributes = {};
    for (const part of [r.data.identify, r.data.attributes])
      if (part && !part.ok) this.emit("error", { code: part.code ?? "refused", message: part.message ?? "Refused." });
    this.setToken(r.data.token);
    return r;
  }

  identify(input: unknown): void {
    if (!this.api.token) return void this.identifyQueue.push(input);
    void this.api.request<{ token: string }>("/identify", { body: input }).then((r) => {
      if (r.ok) this.setToken(r.data.token);
      else this.emit("error", { code: r.code, message: r.message });
    });
  }

  setAttributes(input: unknown): void {
    if (typeof input !== "object" || input === null || Array.isArray(input))
      return this.emit("error", { code: "invalid", message: "setAttributes needs an object of name → value." });
    if (!this.api.token) return void Object.assign(this.attributes, input);
    void this.api.request("/attributes", { body: { attributes: input } }).then((r) => {
      if (!r.ok) this.emit("error", { code: r.code, message: r.message });
    });
  }

  /** Another tab renewed or started the session: use its token. Returns true when this tab had none. */
  adopt(token: string): boolean {
    const fresh = !this.api.token;
    this.api.token = token;
    return fresh;
  }

  /** Forgets the visitor (reset). The caller clears storage. */
  forget(): void {
    this.api.token = null;
    this.identifyQueue = [];
    this.attributes = {};
  }

  private setToken(token: string): void {
    this.api.token = token;
    storage.set(this.key, token);
  }
}
