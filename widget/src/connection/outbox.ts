// Messages typed but not yet acknowledged by the server, kept in localStorage and shared by every tab
// of the site: each one is sent (and re-sent after a reconnect) until acknowledged; the server stores
// a client id once, so a message is never duplicated whichever tab sends it.

import { storage } from "./storage.ts";

export interface OutboxItem {
  clientId: string;
  text: string;
  payload?: string;
  createdAt: number;
  /** Why the server refused it; a refused message stays visible and is not retried. */
  error?: string;
}

function valid(v: unknown): v is OutboxItem {
  const o = v as OutboxItem;
  return typeof o === "object" && o !== null && typeof o.clientId === "string" && typeof o.text === "string" && typeof o.createdAt === "number";
}

export class Outbox {
  items: OutboxItem[] = [];
  private readonly key: string;

  constructor(key: string) {
    this.key = key;
    this.reload();
  }

  /** Re-reads the shared list (another tab may have changed it). Returns true when it changed. */
  reload(): boolean {
    const raw = storage.getJson<unknown[]>(this.key);
    const next = Array.isArray(raw) ? raw.filter(valid).sort((a, b) => a.createdAt - b.createdAt) : [];
    const changed = JSON.stringify(next) !== JSON.stringify(this.items);
    this.items = next;
    return changed;
  }

  add(item: OutboxItem): void {
    this.update((items) => [...items.filter((i) => i.clientId !== item.clientId), item]);
  }

  /** Drops an item once the server has it. */
  remove(clientId: string): void {
    if (this.items.some((i) => i.clientId === clientId)) this.update((items) => items.filter((i) => i.clientId !== clientId));
  }

  fail(clientId: string, error: string): void {
    this.update((items) => items.map((i) => (i.clientId === clientId ? { ...i, error } : i)));
  }

  /** Items still to send, oldest first. */
  pending(): OutboxItem[] {
    return this.items.filter((i) => !i.error);
  }

  clear(): void {
    this.items = [];
    storage.remove(this.key);
  }

  private update(fn: (items: OutboxItem[]) => OutboxItem[]): void {
    this.reload();
    this.items = fn(this.items);
    if (this.items.length) storage.setJson(this.key, this.items);
    else storage.remove(this.key);
  }
}

/** A random client id (the idempotency key of one message). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`;
}
