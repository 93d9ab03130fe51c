// One site's settings as the admin edits them: load, save a patch, rotate the identity secret.

import { signal } from "@preact/signals";
import type { BusinessHours, WidgetSettings } from "../../../protocol/src/site-settings.ts";
import { createRemote } from "./remote.ts";

export type { BusinessHours, WidgetSettings };

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: WidgetSettings;
  timezone: string;
  businessHours: BusinessHours;
  identityRequired: boolean;
  anonymousAllowed: boolean;
  identitySecretSet: boolean;
  assignment: "round_robin" | "least_busy" | "manual";
  /** Days after which ended conversations are deleted; null keeps them. */
  retentionDays: number | null;
}

export interface SiteEnvelope {
  site: Site;
  role: string;
  embed: string;
}

export function createSiteModel(siteId: string) {
  const remote = createRemote<SiteEnvelope>(`/sites/${siteId}`);
  /** The identity secret just created: shown once, forgotten when the page goes. */
  const newSecret = signal<string | null>(null);

  return {
    ...remote,
    newSecret,
    save: (patch: Record<string, unknown>) => remote.run<SiteEnvelope>("PATCH", `/sites/${siteId}`, patch, (r) => remote.set(r), false),
    rotateSecret: () =>
      remote.run<{ secret: string }>("POST", `/sites/${siteId}/identity-secret`, {}, (r) => {
        newSecret.value = r.secret;
      }),
  };
}
