// The headline figures of a report as cards: volume, first response, resolution, satisfaction, the
// bot's share, SLA compliance and complaint timeliness; plus the 1–5 rating distribution.

import type { ReportSummary } from "../../../../protocol/src/reports.ts";
import { count, duration, percent, rating, t } from "./report-strings.ts";

function Card(props: { id: string; label: string; value: string; notes: string[] }) {
  return (
    <div class="reports-card" data-figure={props.id}>
      <span class="reports-card-label">{props.label}</span>
      <strong class="reports-card-value">{props.value}</strong>
      {props.notes.map((n) => (
        <span key={n} class="reports-card-note">
          {n}
        </span>
      ))}
    </div>
  );
}

/** The headline figures of the summary as cards. */
export function Headline({ s }: { s: ReportSummary }) {
  const cx = s.complaints;
  return (
    <div class="reports-cards">
      <Card id="conversations" label={t("conversations")} value={count(s.conversations)} notes={[`${count(s.handedOff)} ${t("handedOff")}`]} />
      <Card
        id="first-response"
        label={`${t("frt")} (${t("p50")})`}
        value={duration(s.firstResponse.p50Ms)}
        notes={[
          `${t("p90")} ${duration(s.firstResponse.p90Ms)}`,
          `${t("frtBusiness")}: ${duration(s.firstResponseBusiness.p50Ms)} · ${t("p90")} ${duration(s.firstResponseBusiness.p90Ms)}`,
        ]}
      />
      <Card
        id="resolution"
        label={`${t("resolution")} (${t("p50")})`}
        value={duration(s.resolution.p50Ms)}
        notes={[`${t("p90")} ${duration(s.resolution.p90Ms)}`]}
      />
      <Card id="csat" label={t("csat")} value={rating(s.csat.average)} notes={[t("ratings", { n: count(s.csat.count) })]} />
      <Card id="containment" label={t("containment")} value={percent(s.containmentRate)} notes={[t("botResolved", { n: count(s.botResolved) })]} />
      <Card id="handoff" label={t("handoffRate")} value={percent(s.handoffRate)} notes={[]} />
      <Card
        id="sla"
        label={t("sla")}
        value={percent(s.sla.overall.rate)}
        notes={[t("slaParts", { fr: percent(s.sla.firstResponse.rate), res: percent(s.sla.resolution.rate) })]}
      />
      <Card
        id="complaints"
        label={t("complaints")}
        value={percent(cx.sla.overall.rate)}
        notes={[
          t("complaintCount", { n: count(cx.conversations) }),
          t("slaParts", { fr: percent(cx.sla.firstResponse.rate), res: percent(cx.sla.resolution.rate) }),
        ]}
      />
    </div>
  );
}

/** The ratings 1–5 as bars (a list, readable without the picture). */
export function CsatDistribution({ s }: { s: ReportSummary }) {
  const d = s.csat.distribution;
  const max = Math.max(1, d["1"], d["2"], d["3"], d["4"], d["5"]);
  return (
    <section class="panel-card reports-distribution" aria-labelledby="reports-distribution">
      <h2 id="reports-distribution">{t("distribution")}</h2>
      <ul>
        {(["5", "4", "3", "2", "1"] as const).map((k) => (
          <li key={k} data-rating={k}>
            <span class="reports-stars">{"★".repeat(Number(k))}</span>
            <span class="reports-bar" style={{ width: `${(d[k] / max) * 100}%` }} />
            <span class="reports-bar-count">{count(d[k])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
