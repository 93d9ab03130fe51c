// One contact across channels: the identities a message carries attach to one contact; a message
// from a known identity joins that contact; a *verified* identity that another contact holds means
// both are the same person, so that contact is merged in (nothing is lost: contacts/merge.ts).

import { mergeContacts } from "../contacts/merge.ts";
import { auditStatement } from "../db/audit.ts";
import { getContactProfile } from "../db/contact-records.ts";
import { attachIdentity, createContactWithIdentity, fillContactFields, identityOwner } from "../db/identities.ts";
import { newId } from "../lib/ids.ts";
import type { InboundIdentity, InboundMessage } from "./types.ts";

/** Folds `otherId` into `contactId` because a verified identity proved they are one person. */
async function mergeVerified(env: Env, siteId: string, contactId: string, otherId: string, identity: InboundIdentity, now: number): Promise<void> {
  const [survivor, other] = await Promise.all([getContactProfile(env.DB, contactId), getContactProfile(env.DB, otherId)]);
  if (!survivor || !other || survivor.siteId !== siteId || other.siteId !== siteId) return;
  const moved = await mergeContacts(env, survivor, other, now);
  await auditStatement(
    env.DB,
    {
      siteId,
      actorId: null,
      actorKind: "system",
      action: "contact.merge",
      target: contactId,
      detail: { otherId, reason: `verified ${identity.kind}`, conversations: moved.conversations },
    },
    now,
  ).run();
}

/** Attaches one identity to the contact; a verified one held elsewhere merges that contact in. */
async function claim(env: Env, siteId: string, contactId: string, identity: InboundIdentity, now: number): Promise<void> {
  const holder = await attachIdentity(env.DB, siteId, contactId, identity.kind, identity.value, identity.verified, now);
  if (holder === contactId || !identity.verified) return;
  await mergeVerified(env, siteId, contactId, holder, identity, now);
  await attachIdentity(env.DB, siteId, contactId, identity.kind, identity.value, true, now);
}

/**
 * The contact an inbound message belongs to: `pinned` (the contact of the conversation the message
 * explicitly answers), else whoever holds the message's identity, else a new contact. Every identity
 * of the message is attached; the contact's empty name / email / phone are filled in.
 */
export async function resolveContact(env: Env, siteId: string, m: InboundMessage, pinned: string | null, now = Date.now()): Promise<string> {
  let contactId = pinned;
  if (!contactId) {
    const owner = await identityOwner(env.DB, siteId, m.identity.kind, m.identity.value);
    contactId = owner && !owner.erased ? owner.contactId : await createContactWithIdentity(env.DB, siteId, newId("ct", now), m.identity, m.name ?? null, now);
  }
  for (const identity of [m.identity, ...(m.extraIdentities ?? [])]) await claim(env, siteId, contactId, identity, now);
  const all = [m.identity, ...(m.extraIdentities ?? [])];
  await fillContactFields(
    env.DB,
    contactId,
    {
      name: m.name ?? null,
      email: all.find((i) => i.kind === "email")?.value ?? null,
      phone: all.find((i) => i.kind === "phone")?.value ?? null,
    },
    now,
  );
  return contactId;
}
