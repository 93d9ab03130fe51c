// Search in the console: messages (notes included) and contacts, with filters, paged.

import { signal } from "@preact/signals";
import type { ContactHit, MessageHit } from "../../../protocol/src/search.ts";
import { api, type ApiError } from "../api/client.ts";

export type { ContactHit, MessageHit };

export interface SearchFilters {
  status: string;
  assignee: string;
  team: string;
  channel: string;
  author: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilters = { status: "", assignee: "", team: "", channel: "", author: "", from: "", to: "" };

export function createSearchModel(siteId: string) {
  const q = signal("");
  const filters = signal<SearchFilters>(NO_FILTERS);
  const messages = signal<MessageHit[]>([]);
  const contacts = signal<ContactHit[]>([]);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const error = signal<ApiError | null>(null);
  const ran = signal<string | null>(null);
  let seq = 0;

  const run = async (more = false) => {
    const text = q.value.trim();
    if (!text) return;
    const my = ++seq;
    const p = new URLSearchParams({ q: text });
    // Dates are local days: from the start of `from` to the end of `to`.
    const day = (v: string, end: boolean) => String(new Date(`${v}T00:00:00`).getTime() + (end ? 86_400_000 : 0));
    for (const [k, v] of Object.entries(filters.value)) if (v) p.set(k, k === "from" || k === "to" ? day(v, k === "to") : v);
    if (more && next.value) p.set("cursor", next.value);
    loading.value = true;
    const r = await api<{ messages: { items: MessageHit[]; next: string | null }; contacts: ContactHit[] }>(`/sites/${siteId}/search?${p}`);
    if (my !== seq) return; // a newer search is under way
    loading.value = false;
    if (!r.ok) return void (error.value = r.error);
    error.value = null;
    messages.value = more ? [...messages.value, ...r.data.messages.items] : r.data.messages.items;
    if (!more) contacts.value = r.data.contacts;
    next.value = r.data.messages.next;
    ran.value = text;
  };

  const clear = () => {
    seq++;
    q.value = "";
    messages.value = [];
    contacts.value = [];
    next.value = null;
    ran.value = null;
    error.value = null;
  };

  return { q, filters, messages, contacts, next, loading, error, ran, run, clear };
}

export type SearchModel = ReturnType<typeof createSearchModel>;
