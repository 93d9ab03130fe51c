// Tells a site's Inbox that its people changed (members, capacities, teams, strategies), so presence
// and auto-assignment use the new settings at once rather than within the roster's 30 s refresh.

import { inboxStub } from "../stubs.ts";

/** Best effort: a failure is logged, and the Inbox picks the change up within 30 s anyway. */
export async function rosterChanged(env: Env, siteId: string): Promise<void> {
  try {
    await inboxStub(env, siteId).rosterChanged(siteId);
  } catch (e) {
    console.error("could not tell the inbox about a roster change", siteId, e);
  }
}
