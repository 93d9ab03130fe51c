// The reports page's state: the filters (dates in the site's zone, team, channel), the summary and
// daily series for them, and one breakdown loaded on demand. Older answers never overwrite newer ones.

import { signal, type ReadonlySignal } from "@preact/signals";
import type { ReportBreakdown, ReportDimension, ReportSeries, ReportSummary } from "../../../protocol/src/reports.ts";
import { api, type ApiError } from "../api/client.ts";

/** What the page filters by. */
export interface ReportFilters {
  /** YYYY-MM-DD in the site's zone; "" = the server's default (the last 30 days). */
  from: string;
  to: string;
  team: string;
  channel: string;
}

/** The reports model of one site: filters to set, report signals to read, load(). */
export function createReports(siteId: string) {
  const filters = signal<ReportFilters>({ from: "", to: "", team: "", channel: "" });
  const summary = signal<ReportSummary | null>(null);
  const series = signal<ReportSeries | null>(null);
  const breakdown = signal<ReportBreakdown | null>(null);
  const by = signal<ReportDimension>("channel");
  const loading = signal(false);
  const error = signal<ApiError | null>(null);
  let generation = 0;

  /** The query string of the current filters (empty values left out). */
  const query = (extra: Record<string, string> = {}): string => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters.value, ...extra })) if (v) q.set(k, v);
    return q.toString();
  };
  const base = `/sites/${encodeURIComponent(siteId)}/reports`;

  const loadBreakdown = async (g = generation) => {
    const r = await api<ReportBreakdown>(`${base}/breakdown?${query({ by: by.value })}`);
    if (g !== generation) return;
    if (r.ok) breakdown.value = r.data;
    else error.value = r.error;
  };

  /** Loads the summary, the daily series and the current breakdown for the filters. */
  const load = async () => {
    const g = ++generation;
    loading.value = true;
    const [s, d] = await Promise.all([api<ReportSummary>(`${base}/summary?${query()}`), api<ReportSeries>(`${base}/timeseries?${query()}`)]);
    if (g !== generation) return;
    error.value = !s.ok ? s.error : !d.ok ? d.error : null;
    summary.value = s.ok ? s.data : null;
    series.value = d.ok ? d.data : null;
    loading.value = false;
    if (s.ok) await loadBreakdown(g);
  };

  const ro = <T>(x: ReadonlySignal<T>) => x;
  return {
    filters,
    summary: ro(summary),
    series: ro(series),
    breakdown: ro(breakdown),
    by: ro(by),
    loading: ro(loading),
    error: ro(error),
    load,
    /** Shows another breakdown (channel, team, label, agent). */
    setBy(dim: ReportDimension) {
      by.value = dim;
      breakdown.value = null;
      void loadBreakdown();
    },
    /** Where the CSV of a report downloads from (the session cookie goes along). */
    csvHref(kind: "summary" | "timeseries" | "breakdown"): string {
      return `/api/v1${base}/${kind}?${query({ format: "csv", ...(kind === "breakdown" ? { by: by.value } : {}) })}`;
    },
  };
}

export type ReportsModel = ReturnType<typeof createReports>;
