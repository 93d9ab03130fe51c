// Tells a site's Inbox that its people changed (members, capacities, teams, strategies), so presence
// and auto-assignment use the new settings at once rather than within the roster's 30 s refresh; or
// that a contact changed (edited, merged, erased), so consoles show the customer as they are now.

import { inboxStub } from "../stubs.ts";

/** Best effort: a failure is logged, and the Inbox picks the change up within 30 s anyway. */
export async function rosterChanged(env: Env, siteId: string): Promise<void> {
  try {
    await inboxStub(env, siteId).rosterChanged(siteId);
  } catch (e) {
    console.error("could not tell the inbox about a roster change", siteId, e);
  }
}

/** Best effort: the Inbox re-reads a customer's name at least every 2 minutes anyway. */
export async function contactChanged(env: Env, siteId: string, contactId: string): Promise<void> {
  try {
    await inboxStub(env, siteId).contactChanged(siteId, contactId);
  } catch (e) {
    console.error("could not tell the inbox about a contact change", siteId, e);
  }
}
