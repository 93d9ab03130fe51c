// A site's people for the admin: members (role, capacity) and invitations (link shown once).

import { signal } from "@preact/signals";
import { createRemote } from "./remote.ts";

export interface Member {
  id: string;
  name: string;
  email: string;
  role: "owner" | "admin" | "agent";
  capacity: number;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  createdAt: number;
  expiresAt: number;
  state: "pending" | "accepted" | "revoked" | "expired";
}

export function createPeopleModel(siteId: string) {
  const members = createRemote<{ items: Member[] }>(`/sites/${siteId}/agents`);
  const invitations = createRemote<{ items: Invitation[] }>(`/sites/${siteId}/invitations`);
  /** The link of the invitation just made (its token is shown once). */
  const link = signal<string | null>(null);
  /** Whether that invitation was also mailed (from the site's email channel), or why not. */
  const mailed = signal<{ sent: boolean; from?: string; reason?: string } | null>(null);
  return {
    members,
    invitations,
    link,
    mailed,
    load: () => Promise.all([members.load(), invitations.load()]),
    update: (userId: string, patch: { role?: string; capacity?: number }) => members.run("PATCH", `/sites/${siteId}/agents/${userId}`, patch),
    remove: (userId: string) => members.run("DELETE", `/sites/${siteId}/agents/${userId}`),
    invite: (email: string, role: string) =>
      invitations.run<{ link: string; email: { sent: boolean; from?: string; reason?: string } }>(
        "POST",
        `/sites/${siteId}/invitations`,
        { email, role },
        (r) => {
          link.value = r.link;
          mailed.value = r.email;
        },
      ),
    revoke: (id: string) => invitations.run("DELETE", `/sites/${siteId}/invitations/${id}`),
  };
}
