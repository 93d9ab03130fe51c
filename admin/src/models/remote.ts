// A model for one API resource: its value, whether it is loading and the last error, as signals,
// plus `run()` for a change (the error keeps the offending field so forms can point at it).

import { signal, type ReadonlySignal } from "@preact/signals";
import { api, type ApiError, type ApiResult } from "../api/client.ts";

export interface Remote<T> {
  value: ReadonlySignal<T | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ApiError | null>;
  /** Set after a successful change, cleared by the next one (for "Saved" notes). */
  saved: ReadonlySignal<boolean>;
  load(): Promise<void>;
  /** Performs a change; on success runs `then` with the reply (e.g. to replace the value) and reloads unless told not to. */
  run<R>(method: string, path: string, body?: unknown, then?: (r: R) => void, reload?: boolean): Promise<R | null>;
  set(v: T): void;
}

export function createRemote<T>(path: string | (() => string)): Remote<T> {
  const value = signal<T | null>(null);
  const loading = signal(false);
  const error = signal<ApiError | null>(null);
  const saved = signal(false);
  const url = () => (typeof path === "string" ? path : path());

  const load = async () => {
    loading.value = true;
    const r = await api<T>(url());
    loading.value = false;
    if (r.ok) value.value = r.data;
    else error.value = r.error;
  };

  const run = async <R>(method: string, p: string, body?: unknown, then?: (r: R) => void, reload = true): Promise<R | null> => {
    saved.value = false;
    error.value = null;
    const r: ApiResult<R> = await api<R>(p, { method, ...(body !== undefined ? { body } : {}) });
    if (!r.ok) {
      error.value = r.error;
      return null;
    }
    then?.(r.data);
    saved.value = true;
    if (reload) await load();
    return r.data;
  };

  return { value, loading, error, saved, load, run, set: (v) => (value.value = v) };
}

/** The message for a field when the last error names it (or something inside it). */
export function fieldError(error: ApiError | null, field: string): string | null {
  if (!error?.field) return null;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.message : null;
}
