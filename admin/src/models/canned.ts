// Canned replies for the reply box: loaded once per site, matched by the `/shortcut` being typed.

import { signal, type Signal } from "@preact/signals";
import { api } from "../api/client.ts";

export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

const bySite = new Map<string, Signal<CannedReply[]>>();

/** The site's canned replies (a signal filled on first use and shared by every reply box). */
export function cannedReplies(siteId: string): Signal<CannedReply[]> {
  let s = bySite.get(siteId);
  if (!s) {
    s = signal<CannedReply[]>([]);
    bySite.set(siteId, s);
    const target = s;
    void api<{ items: CannedReply[] }>(`/sites/${siteId}/canned-replies`).then((r) => {
      if (r.ok) target.value = r.data.items;
    });
  }
  return s;
}

/** The `/word` being typed at the start of the draft or after a space, or null. */
export function slashQuery(draft: string, caret: number): { query: string; start: number } | null {
  const m = /(^|\s)\/([\w-]*)$/.exec(draft.slice(0, caret));
  return m ? { query: m[2]!.toLowerCase(), start: caret - m[2]!.length - 1 } : null;
}

/** Replies whose shortcut starts with (then contains) the query, at most 8. */
export function matchCanned(list: CannedReply[], query: string): CannedReply[] {
  const starts = list.filter((r) => r.shortcut.toLowerCase().startsWith(query));
  const contains = list.filter((r) => !starts.includes(r) && (r.shortcut.toLowerCase().includes(query) || r.title.toLowerCase().includes(query)));
  return [...starts, ...contains].slice(0, 8);
}
