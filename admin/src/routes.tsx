// The console's route table: a path pattern, the page (loaded lazily), the minimum role, and the
// navigation entry. Pages receive the route's params plus the current site and user.

import { lazy } from "preact/compat";
import type { ComponentType } from "preact";
import { t } from "./i18n.ts";
import { t as slaT } from "./pages/sla-strings.ts";

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
const SlaPage = lazy(() => import("./pages/sla.tsx").then((m) => m.SlaPage));

/** First match wins. Admin-only pages are hidden from agents and refused by the API as well. */
export const ROUTES: Route[] = [
  { pattern: /^\/admin\/?$/, keys: [], page: InboxPage, minRole: "agent", nav: () => t("inbox") },
  { pattern: /^\/admin\/conversations\/([\w-]+)$/, keys: ["id"], page: InboxPage, minRole: "agent" },
  { pattern: /^\/admin\/sla\/?$/, keys: [], page: SlaPage, minRole: "admin", nav: () => slaT("nav") },
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
