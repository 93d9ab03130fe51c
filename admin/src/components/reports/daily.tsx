// The daily charts (volume, first response, satisfaction) and the same figures as a table.

import type { ReportSeries } from "../../../../protocol/src/reports.ts";
import { Chart } from "./chart.tsx";
import { count, duration, rating, t } from "./report-strings.ts";

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);
const highest = (values: (number | null)[]) => values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);

/** The three daily charts: volume (with hand-offs and bot resolutions), first response, satisfaction. */
export function DailyCharts({ series }: { series: ReportSeries }) {
  const days = series.days.map((d) => d.date);
  const volume = series.days.map((d) => d.conversations);
  const frt = series.days.map((d) => minutes(d.firstResponseP50Ms));
  const csat = series.days.map((d) => d.csatAverage);
  return (
    <div class="reports-charts">
      <Chart
        testId="chart-volume"
        title={t("perDay")}
        summary={t("chartSummary", { title: t("perDay"), n: days.length, max: count(highest(volume)) })}
        days={days}
        xLabel={t("date")}
        series={[
          { label: t("conversations"), values: volume, color: "#4f46e5", bars: true },
          { label: t("handed"), values: series.days.map((d) => d.handedOff), color: "#f59e0b" },
          { label: t("bot"), values: series.days.map((d) => d.botResolved), color: "#10b981" },
        ]}
      />
      <Chart
        testId="chart-frt"
        title={t("frtPerDay")}
        summary={t("chartSummary", { title: t("frtPerDay"), n: days.length, max: String(highest(frt)) })}
        days={days}
        xLabel={t("date")}
        series={[
          { label: t("median"), values: frt, color: "#4f46e5" },
          { label: t("medianBusiness"), values: series.days.map((d) => minutes(d.firstResponseBusinessP50Ms)), color: "#0ea5e9" },
          { label: t("p90"), values: series.days.map((d) => minutes(d.firstResponseP90Ms)), color: "#f43f5e" },
        ]}
      />
      <Chart
        testId="chart-csat"
        title={t("csatPerDay")}
        summary={t("chartSummary", { title: t("csatPerDay"), n: days.length, max: rating(highest(csat)) })}
        days={days}
        xLabel={t("date")}
        leftRange={[1, 5]}
        series={[
          { label: t("average"), values: csat, color: "#10b981" },
          { label: t("count"), values: series.days.map((d) => d.csatCount), color: "#a3a3a3", bars: true, right: true },
        ]}
      />
    </div>
  );
}

/** Every day's figures as a table (folded away), with the daily CSV. */
export function DailyTable({ series, csvHref }: { series: ReportSeries; csvHref: string }) {
  return (
    <details class="reports-daily">
      <summary>{t("dailyTable")}</summary>
      <a href={csvHref} download>
        {t("csvDaily")}
      </a>
      <table class="table">
        <thead>
          <tr>
            <th>{t("date")}</th>
            <th>{t("conversations")}</th>
            <th>{t("handed")}</th>
            <th>{t("bot")}</th>
            <th>
              {t("frt")} ({t("p50")})
            </th>
            <th>{t("frtBusiness")}</th>
            <th>
              {t("resolution")} ({t("p50")})
            </th>
            <th>{t("csat")}</th>
          </tr>
        </thead>
        <tbody>
          {series.days.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>{count(d.conversations)}</td>
              <td>{count(d.handedOff)}</td>
              <td>{count(d.botResolved)}</td>
              <td>{duration(d.firstResponseP50Ms)}</td>
              <td>{duration(d.firstResponseBusinessP50Ms)}</td>
              <td>{duration(d.resolutionP50Ms)}</td>
              <td>
                {rating(d.csatAverage)} ({count(d.csatCount)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
