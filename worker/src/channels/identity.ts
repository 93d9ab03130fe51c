// One contact across channels: the identities a message carries attach to one contact; a message
// from a known identity joins that contact; a *verified* identity that another contact holds means
// both are the same person, so the two are merged (nothing is lost: contacts/merge.ts).

import { mergeContacts } from "../contacts/merge.ts";
import { auditStatement } from "../db/audit.ts";
import { getContactProfile } from "../db/contact-records.ts";
import { attachIdentity, createContactWithIdentity, fillContactFields, identityOwner } from "../db/identities.ts";
import { contactChanged } from "../inbox/notify.ts";
import { newId } from "../lib/ids.ts";
import type { InboundIdentity, InboundMessage } from "./types.ts";

/**
 * Merges two contacts a verified identity proved to be one person. The older contact survives (its id
 * is what integrations and links know); returns the survivor's id.
 */
async function mergeVerified(env: Env, siteId: string, a: string, b: string, identity: InboundIdentity, now: number): Promise<string> {
  const [pa, pb] = await Promise.all([getContactProfile(env.DB, a), getContactProfile(env.DB, b)]);
  if (!pa || !pb || pa.siteId !== siteId || pb.siteId !== siteId) return a;
  const [survivor, other] = pb.createdAt < pa.createdAt ? [pb, pa] : [pa, pb];
  const moved = await mergeContacts(env, survivor, other, now);
  await auditStatement(
    env.DB,
    {
      siteId,
      actorId: null,
      actorKind: "system",
      action: "contact.merge",
      target: survivor.id,
      detail: { merged: other.id, reason: `verified ${identity.kind}`, conversations: moved.conversations },
    },
    now,
  ).run();
  await contactChanged(env, siteId, survivor.id);
  return survivor.id;
}

/**
 * Attaches one identity to the contact; a verified one held elsewhere merges the two. Returns the
 * contact to go on with, and whether the identity is now that contact's.
 */
async function claim(env: Env, siteId: string, contactId: string, identity: InboundIdentity, now: number): Promise<[string, boolean]> {
  const holder = await attachIdentity(env.DB, siteId, contactId, identity.kind, identity.value, identity.verified, now);
  if (holder === contactId) return [contactId, true];
  if (!identity.verified) return [contactId, false];
  const survivor = await mergeVerified(env, siteId, contactId, holder, identity, now);
  await attachIdentity(env.DB, siteId, survivor, identity.kind, identity.value, true, now);
  return [survivor, true];
}

/**
 * The contact an inbound message belongs to: `pinned` (the contact of the conversation the message
 * explicitly answers), else whoever holds the message's identity, else a new contact. Every identity
 * of the message is attached; the contact's empty name / email / phone / external id are filled in.
 */
export async function resolveContact(env: Env, siteId: string, m: InboundMessage, pinned: string | null, now = Date.now()): Promise<string> {
  let contactId = pinned;
  if (!contactId) {
    const owner = await identityOwner(env.DB, siteId, m.identity.kind, m.identity.value);
    contactId = owner && !owner.erased ? owner.contactId : await createContactWithIdentity(env.DB, siteId, newId("ct", now), m.identity, m.name ?? null, now);
  }
  const mine: InboundIdentity[] = [];
  for (const identity of [m.identity, ...(m.extraIdentities ?? [])]) {
    const [next, attached] = await claim(env, siteId, contactId, identity, now);
    contactId = next;
    if (attached) mine.push(identity);
  }
  const value = (kind: InboundIdentity["kind"]) => mine.find((i) => i.kind === kind)?.value ?? null;
  await fillContactFields(env.DB, contactId, { name: m.name ?? null, email: value("email"), phone: value("phone"), externalId: value("external") }, now);
  return contactId;
}
