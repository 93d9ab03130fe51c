// Contact records (客户档案) as the contacts API returns them and the admin shows them.

export type Tier = "vip" | "key" | "regular";

/** One way a contact is known: an email, a phone, a channel's user id, an external id. */
export interface Identity {
  kind: string;
  value: string;
  verified: boolean;
}

/** A contact's row: who they are, their tier and custom attributes. */
export interface Contact {
  id: string;
  siteId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  externalId: string | null;
  tier: string;
  attributes: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** A contact as the admin sees it: the row plus every email/phone it is known by. */
export interface ContactProfile extends Omit<Contact, "tier"> {
  tier: Tier;
  notes: string | null;
  emails: string[];
  phones: string[];
  identities: Identity[];
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
