// Reports (报表): the service-quality figures of a period — headline numbers, daily charts, the
// rating distribution, breakdowns and per-agent rows — with date range, team and channel filters and
// CSV downloads. Admins only (the API refuses everyone else too).

import { useEffect, useMemo } from "preact/hooks";
import { useSignal } from "@preact/signals";
import { CHANNELS } from "../../../protocol/src/types.ts";
import { AgentsTable, BreakdownTable } from "../components/reports/tables.tsx";
import { DailyCharts, DailyTable } from "../components/reports/daily.tsx";
import { CsatDistribution, Headline } from "../components/reports/headline.tsx";
import { t } from "../components/reports/report-strings.ts";
import { ErrorNote } from "../components/ui.tsx";
import { createReports, type ReportFilters } from "../models/reports.ts";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** /admin/reports */
export function ReportsPage({ siteId }: PageProps) {
  const model = useMemo(() => createReports(siteId), [siteId]);
  const teams = useMemo(() => createRemote<{ items: { id: string; name: string }[] }>(`/sites/${siteId}/teams`), [siteId]);
  /** Today in the site's zone, as the server's default window told us. */
  const today = useSignal<string | null>(null);
  const f = model.filters.value;
  useEffect(() => void teams.load(), [teams]);
  useEffect(() => void model.load(), [model, JSON.stringify(f)]);
  const s = model.summary.value;
  const series = model.series.value;
  useEffect(() => {
    if (s && !f.to) today.value = s.window.lastDay;
  }, [s]);

  const set = (patch: Partial<ReportFilters>) => (model.filters.value = { ...f, ...patch });
  const preset = (days: number) => today.value && set({ from: addDays(today.value, 1 - days), to: today.value });

  return (
    <main class="page reports" aria-busy={model.loading.value}>
      <div class="reports-head">
        <h1>{t("title")}</h1>
        {s && <span class="muted reports-window">{t("window", { first: s.window.firstDay, last: s.window.lastDay, zone: s.window.timezone })}</span>}
        <a class="button reports-csv" href={model.csvHref("summary")} download>
          {t("csv")}
        </a>
      </div>
      <div class="form row filters reports-filters">
        <label>
          {t("from")} <input type="date" name="from" value={f.from || s?.window.firstDay || ""} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          {t("to")} <input type="date" name="to" value={f.to || s?.window.lastDay || ""} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <div class="reports-presets">
          {([7, 30, 90] as const).map((n) => (
            <button key={n} type="button" disabled={!today.value} onClick={() => preset(n)}>
              {t(n === 7 ? "last7" : n === 30 ? "last30" : "last90")}
            </button>
          ))}
        </div>
        <select aria-label={t("team")} value={f.team} onChange={(e) => set({ team: e.currentTarget.value })}>
          <option value="">{t("anyTeam")}</option>
          {(teams.value.value?.items ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
        <select aria-label={t("channel")} value={f.channel} onChange={(e) => set({ channel: e.currentTarget.value })}>
          <option value="">{t("anyChannel")}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={model.error.value} />
      {!s || !series ? (
        <p class="loading">{t("loading")}</p>
      ) : (
        <>
          <Headline s={s} />
          {s.conversations === 0 && <p class="muted">{t("empty")}</p>}
          <DailyCharts series={series} />
          <div class="reports-columns">
            <CsatDistribution s={s} />
            <AgentsTable agents={s.agents} />
          </div>
          <BreakdownTable by={model.by.value} data={model.breakdown.value} onBy={model.setBy} csvHref={model.csvHref("breakdown")} />
          <DailyTable series={series} csvHref={model.csvHref("timeseries")} />
        </>
      )}
    </main>
  );
}
