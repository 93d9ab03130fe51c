// A minimal router for /admin/…: the current path as a signal, and navigation without reloads.

import { signal } from "@preact/signals";

export const path = signal(location.pathname);

window.addEventListener("popstate", () => (path.value = location.pathname));

export function navigate(to: string): void {
  if (to === location.pathname) return;
  history.pushState(null, "", to);
  path.value = to;
}
