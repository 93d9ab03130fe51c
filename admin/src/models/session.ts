// The signed-in user and their sites; sign-in (with a second-factor code where needed) and sign-out.

import { signal } from "@preact/signals";
import { api, type ApiError } from "../api/client.ts";

export interface Me {
  user: { id: string; email: string; name: string; roles: Record<string, string> };
  sites: { id: string; name: string; role: string }[];
  totpEnabled?: boolean;
}

/** `undefined` while loading, `null` when signed out. */
export const me = signal<Me | null | undefined>(undefined);
export const currentSite = signal<string | null>(null);

export async function loadMe(): Promise<void> {
  const r = await api<Me>("/auth/me");
  me.value = r.ok ? r.data : null;
  if (r.ok && (!currentSite.value || !r.data.sites.some((s) => s.id === currentSite.value))) currentSite.value = r.data.sites[0]?.id ?? null;
}

/** Signs in; returns null on success or the API's error (`totp_required` asks for the code). */
export async function login(email: string, password: string, code?: string): Promise<ApiError | null> {
  const r = await api<{ user: Me["user"] }>("/auth/login", { method: "POST", body: { email, password, ...(code ? { code } : {}) } });
  if (!r.ok) return r.error;
  await loadMe();
  return null;
}

export async function logout(): Promise<void> {
  await api("/auth/logout", { method: "POST", body: {} });
  me.value = null;
  currentSite.value = null;
}
