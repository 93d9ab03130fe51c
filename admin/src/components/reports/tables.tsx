// The report tables: the breakdown by channel / team / label / agent (tabs), and one row per agent.

import { REPORT_DIMENSIONS, type AgentReportRow, type ReportBreakdown, type ReportDimension } from "../../../../protocol/src/reports.ts";
import { count, duration, percent, rating, t } from "./report-strings.ts";

const TAB: Record<ReportDimension, Parameters<typeof t>[0]> = { channel: "byChannel", team: "byTeam", label: "byLabel", agent: "byAgent" };

/** Every figure per channel, team, label or agent, with tabs to switch and the table's CSV. */
export function BreakdownTable(props: { by: ReportDimension; data: ReportBreakdown | null; onBy: (d: ReportDimension) => void; csvHref: string }) {
  const rows = props.data?.by === props.by ? props.data.rows : null;
  return (
    <section class="panel-card reports-breakdown" aria-labelledby="reports-breakdown">
      <h2 id="reports-breakdown">{t("breakdown")}</h2>
      <div class="reports-tabs-row">
        <div class="reports-tabs" role="tablist" aria-label={t("breakdown")}>
          {REPORT_DIMENSIONS.map((d) => (
            <button
              key={d}
              id={`reports-tab-${d}`}
              type="button"
              role="tab"
              aria-selected={d === props.by}
              aria-controls="reports-tabpanel"
              onClick={() => props.onBy(d)}
            >
              {t(TAB[d])}
            </button>
          ))}
        </div>
        <a class="reports-csv-small" href={props.csvHref} download>
          {t("csvBreakdown")}
        </a>
      </div>
      {!rows ? (
        <p class="muted">{t("loading")}</p>
      ) : rows.length === 0 ? (
        <p class="muted">{t("empty")}</p>
      ) : (
        <table class="table" id="reports-tabpanel" role="tabpanel" aria-labelledby={`reports-tab-${props.by}`}>
          <thead>
            <tr>
              <th>{t(TAB[props.by])}</th>
              <th>{t("conversations")}</th>
              <th>{t("handoffShare")}</th>
              <th>{t("containment")}</th>
              <th>
                {t("frt")} ({t("p50")})
              </th>
              <th>{t("frtBusiness")}</th>
              <th>
                {t("resolution")} ({t("p50")})
              </th>
              <th>{t("csat")}</th>
              <th>{t("slaShort")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key ?? ""} data-key={r.key ?? ""}>
                <td>{r.name ?? r.key ?? t("noTeam")}</td>
                <td>{count(r.conversations)}</td>
                <td>{percent(r.handoffRate)}</td>
                <td>{percent(r.containmentRate)}</td>
                <td>{duration(r.firstResponse.p50Ms)}</td>
                <td>{duration(r.firstResponseBusiness.p50Ms)}</td>
                <td>{duration(r.resolution.p50Ms)}</td>
                <td>
                  {rating(r.csat.average)} ({count(r.csat.count)})
                </td>
                <td>{percent(r.sla.overall.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The summary's per-agent rows. */
export function AgentsTable({ agents }: { agents: AgentReportRow[] }) {
  return (
    <section class="panel-card reports-agents" aria-labelledby="reports-agents">
      <h2 id="reports-agents">{t("agents")}</h2>
      {agents.length === 0 ? (
        <p class="muted">{t("empty")}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>{t("agent")}</th>
              <th>{t("conversations")}</th>
              <th>
                {t("frt")} ({t("p50")})
              </th>
              <th>
                {t("resolution")} ({t("p50")})
              </th>
              <th>{t("csat")}</th>
              <th>{t("slaShort")}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.agentId} data-agent={a.agentId}>
                <td>{a.name ?? a.agentId}</td>
                <td>{count(a.conversations)}</td>
                <td>{duration(a.firstResponseP50Ms)}</td>
                <td>{duration(a.resolutionP50Ms)}</td>
                <td>
                  {rating(a.csat.average)} ({count(a.csat.count)})
                </td>
                <td>{percent(a.sla.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
