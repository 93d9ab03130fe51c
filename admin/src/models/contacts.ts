// Contacts for the console: the searchable list (paged) and one contact's profile with its actions.

import { signal } from "@preact/signals";
import type { ContactListItem, ContactProfile } from "../../../protocol/src/contacts.ts";
import { api, type ApiError } from "../api/client.ts";
import { createRemote } from "./remote.ts";

/** A row of the contact list. */
export type ContactRow = ContactListItem;
export type { ContactProfile };

export interface ConversationRow {
  id: string;
  channel: string;
  status: string;
  priority: string;
  lastMessageText: string | null;
  createdAt: number;
  updatedAt: number;
}

export function createContactList(siteId: string) {
  const items = signal<ContactRow[]>([]);
  const next = signal<string | null>(null);
  const error = signal<ApiError | null>(null);
  const query = signal({ q: "", tier: "", known: false });
  let seq = 0;

  const load = async (append = false) => {
    const my = ++seq;
    const p = new URLSearchParams();
    const f = query.value;
    if (f.q.trim()) p.set("q", f.q.trim());
    if (f.tier) p.set("tier", f.tier);
    if (f.known) p.set("known", "1");
    if (append && next.value) p.set("cursor", next.value);
    const r = await api<{ items: ContactRow[]; next: string | null }>(`/sites/${siteId}/contacts?${p}`);
    if (my !== seq) return; // a newer search is under way
    if (!r.ok) return void (error.value = r.error);
    error.value = null;
    items.value = append ? [...items.value, ...r.data.items] : r.data.items;
    next.value = r.data.next;
  };

  const create = async (body: Record<string, unknown>): Promise<string | null> => {
    const r = await api<{ contact: { id: string } }>(`/sites/${siteId}/contacts`, { method: "POST", body });
    if (!r.ok) return (void (error.value = r.error), null);
    return r.data.contact.id;
  };

  return { items, next, error, query, load, create };
}

export function createContactModel(id: string) {
  const remote = createRemote<{ contact: ContactProfile; conversations: ConversationRow[] }>(`/contacts/${id}`);
  return {
    ...remote,
    save: (patch: Record<string, unknown>) =>
      remote.run("PATCH", `/contacts/${id}`, patch, (r: { contact: ContactProfile; conversations: ConversationRow[] }) => remote.set(r), false),
    merge: (otherId: string) =>
      remote.run("POST", `/contacts/${id}/merge`, { otherId }, (r: { contact: ContactProfile; conversations: ConversationRow[] }) => remote.set(r), false),
    erase: () => remote.run("DELETE", `/contacts/${id}?confirm=${encodeURIComponent(id)}`, undefined, undefined, false),
    exportUrl: `/api/v1/contacts/${id}/export`,
  };
}

/** A typed attribute value back from a text box: numbers and true/false keep their type. */
export function parseAttribute(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

/** How a contact is called in lists: name, else email, else phone, else a short id. */
export function contactLabel(c: { id: string; name: string | null; email: string | null; phone: string | null }, anonymous: string): string {
  return c.name || c.email || c.phone || `${anonymous} ${c.id.slice(-6)}`;
}
