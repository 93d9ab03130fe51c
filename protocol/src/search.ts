// Search results as the console's search API returns them (GET /api/v1/sites/:site/search).

import type { Author } from "./types.ts";

/** A message that matched, with the conversation it belongs to; `snippet` shows the matched words. */
export interface MessageHit {
  conversationId: string;
  seq: number;
  author: Exclude<Author, "system">;
  private: boolean;
  snippet: string;
  createdAt: number;
  conversation: {
    status: string;
    priority: string;
    team: string | null;
    assigneeId: string | null;
    channel: string;
    contactId: string;
    contactName: string | null;
  };
}

/** A contact that matched. */
export interface ContactHit {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: string;
  updatedAt: number;
}
