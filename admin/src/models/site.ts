// One site's settings as the admin edits them: load, save a patch, rotate the identity secret.

import { signal } from "@preact/signals";
import type { FormFieldDef, Localized } from "./widget-settings.ts";
import { createRemote } from "./remote.ts";

/** The widget settings shape (worker/src/db/sites.ts `WidgetSettings`). */
export interface WidgetSettings {
  title?: Localized;
  greeting?: Localized;
  accent?: string;
  position?: "right" | "left";
  avatar?: string;
  locale?: string;
  prechat?: { enabled: boolean; fields: FormFieldDef[] };
  offline?: { enabled: boolean; message?: Localized; fields?: FormFieldDef[] };
  attachments?: { enabled: boolean; maxBytes?: number; types?: string[] };
  csat?: { enabled: boolean };
}

export interface BusinessHours {
  weekly?: Record<string, [string, string][]>;
  holidays?: string[];
}

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
