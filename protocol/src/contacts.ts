// Contact records (客户档案) as the contacts API returns them and the admin shows them.

export type Tier = "vip" | "key" | "regular";

/** One way a contact is known: an email, a phone, a channel's user id, an external id. */
export interface Identity {
  kind: string;
  value: string;
  verified: boolean;
}

/** A contact as the admin sees it: the row plus every email/phone it is known by. */
export interface ContactProfile {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  tier: Tier;
  attributes: Record<string, unknown>;
  notes: string | null;
  emails: string[];
  phones: string[];
  identities: Identity[];
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
}

/** A row of the contact list. */
export interface ContactListItem {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  tier: string;
  conversationCount: number;
  updatedAt: number;
  lastSeenAt: number | null;
}
