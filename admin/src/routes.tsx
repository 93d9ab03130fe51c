// The console's route table: a path pattern, the page (loaded lazily), the minimum role, and the
// navigation entry. Pages receive the route's params plus the current site and user.

import { lazy } from "preact/compat";
import type { ComponentType } from "preact";
import { t } from "./i18n.ts";

export interface PageProps {
  siteId: string;
  myId: string;
  role: string;
  params: Record<string, string>;
}

export interface Route {
  pattern: RegExp;
  keys: string[];
  page: ComponentType<PageProps>;
  minRole: "agent" | "admin" | "owner";
  nav?: () => string;
}

const InboxPage = lazy(() => import("./pages/inbox.tsx").then((m) => m.InboxPage));
// Admin pages (accounts, sites, settings, contacts).
const ContactsPage = lazy(() => import("./pages/contacts.tsx").then((m) => m.ContactsPage));
const ContactPage = lazy(() => import("./pages/contact.tsx").then((m) => m.ContactPage));
const SiteSettingsPage = lazy(() => import("./pages/settings-site.tsx").then((m) => m.SiteSettingsPage));
const WidgetSettingsPage = lazy(() => import("./pages/settings-widget.tsx").then((m) => m.WidgetSettingsPage));
const HoursPage = lazy(() => import("./pages/settings-hours.tsx").then((m) => m.HoursPage));
const PeoplePage = lazy(() => import("./pages/settings-people.tsx").then((m) => m.PeoplePage));
const TeamsPage = lazy(() => import("./pages/settings-teams.tsx").then((m) => m.TeamsPage));
const CannedRepliesPage = lazy(() => import("./pages/settings-canned.tsx").then((m) => m.CannedRepliesPage));
const TokensPage = lazy(() => import("./pages/settings-tokens.tsx").then((m) => m.TokensPage));
const AuditPage = lazy(() => import("./pages/audit.tsx").then((m) => m.AuditPage));
const SitesPage = lazy(() => import("./pages/sites.tsx").then((m) => m.SitesPage));
const AccountPage = lazy(() => import("./pages/account.tsx").then((m) => m.AccountPage));
const RulesPage = lazy(() => import("./pages/rules.tsx").then((m) => m.RulesPage));
const SlaPage = lazy(() => import("./pages/sla.tsx").then((m) => m.SlaPage));
const ReportsPage = lazy(() => import("./pages/reports.tsx").then((m) => m.ReportsPage));
const ChannelsPage = lazy(() => import("./pages/channels.tsx").then((m) => m.ChannelsPage));
const WebhooksPage = lazy(() => import("./pages/webhooks.tsx").then((m) => m.WebhooksPage));

/** First match wins. Admin-only pages are hidden from agents and refused by the API as well. */
export const ROUTES: Route[] = [
  { pattern: /^\/admin\/?$/, keys: [], page: InboxPage, minRole: "agent", nav: () => t("inbox") },
  { pattern: /^\/admin\/conversations\/([\w-]+)$/, keys: ["id"], page: InboxPage, minRole: "agent" },
  // Agents may read the rules and simulate; the page hides editing and the API refuses it below admin.
  { pattern: /^\/admin\/rules\/?$/, keys: [], page: RulesPage, minRole: "agent", nav: () => t("rules") },
  { pattern: /^\/admin\/contacts$/, keys: [], page: ContactsPage, minRole: "agent", nav: () => t("contacts") },
  { pattern: /^\/admin\/reports\/?$/, keys: [], page: ReportsPage, minRole: "admin", nav: () => t("reports") },
  { pattern: /^\/admin\/contacts\/([\w-]+)$/, keys: ["id"], page: ContactPage, minRole: "agent" },
  { pattern: /^\/admin\/settings$/, keys: [], page: SiteSettingsPage, minRole: "admin", nav: () => t("settings") },
  { pattern: /^\/admin\/settings\/widget$/, keys: [], page: WidgetSettingsPage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/hours$/, keys: [], page: HoursPage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/people$/, keys: [], page: PeoplePage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/teams$/, keys: [], page: TeamsPage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/canned-replies$/, keys: [], page: CannedRepliesPage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/tokens$/, keys: [], page: TokensPage, minRole: "admin" },
  { pattern: /^\/admin\/settings\/audit$/, keys: [], page: AuditPage, minRole: "admin" },
  { pattern: /^\/admin\/sites$/, keys: [], page: SitesPage, minRole: "admin" },
  { pattern: /^\/admin\/account$/, keys: [], page: AccountPage, minRole: "agent", nav: () => t("account") },
  { pattern: /^\/admin\/sla\/?$/, keys: [], page: SlaPage, minRole: "admin" },
  { pattern: /^\/admin\/channels\/?$/, keys: [], page: ChannelsPage, minRole: "admin" },
  { pattern: /^\/admin\/webhooks\/?$/, keys: [], page: WebhooksPage, minRole: "admin" },
];

const RANK = { agent: 1, admin: 2, owner: 3 } as const;

export function allowed(route: Route, role: string): boolean {
  return (RANK[role as keyof typeof RANK] ?? 0) >= RANK[route.minRole];
}

/** The route for a path and its params, or null. */
export function match(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m) return { route, params: Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? "")])) };
  }
  return null;
}

/** The path a navigation entry links to (its pattern without regex syntax). */
export function hrefOf(route: Route): string {
  return (
    route.pattern.source
      .replace(/^\^\\\//, "/")
      .replace(/\\\//g, "/")
      .replace(/\/\?\$$|\$$/, "")
      .replace(/\/\?$/, "") || "/admin/"
  );
}
