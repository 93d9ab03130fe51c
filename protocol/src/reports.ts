// Report shapes (GET /api/v1/sites/:site/reports/…), shared by the worker that computes them and the
// admin's reports page. Durations are milliseconds; rates are fractions 0–1 (null when nothing counted).

/** p50 and p90 (nearest rank) of the conversations that have the duration. */
export interface Percentiles {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** SLA outcome counts: met, missed (breached) and pending (still running); rate = met / (met + missed). */
export interface SlaFigure {
  met: number;
  missed: number;
  pending: number;
  rate: number | null;
}

export interface SlaCompliance {
  /** Both targets met: resolved without any breach. */
  overall: SlaFigure;
  firstResponse: SlaFigure;
  resolution: SlaFigure;
}

export interface CsatFigure {
  count: number;
  average: number | null;
  /** How many ratings of 1, 2, 3, 4 and 5. */
  distribution: { "1": number; "2": number; "3": number; "4": number; "5": number };
}

/** The window a report covers: [from, to) in ms, the site's zone, and the filters applied. */
export interface ReportWindow {
  from: number;
  to: number;
  timezone: string;
  /** The local dates the window covers (first and last), in the site's zone. */
  firstDay: string;
  lastDay: string;
  team: string | null;
  channel: string | null;
}

/** Every figure of one group of conversations (the whole window, a channel, a team, a label, an agent, a day). */
export interface ReportFigures {
  conversations: number;
  handedOff: number;
  /** Resolved without a hand-off: the bot handled them alone. */
  botResolved: number;
  resolved: number;
  containmentRate: number | null;
  handoffRate: number | null;
  firstResponse: Percentiles;
  /** The same interval counted only while the site is open (business hours, holidays excluded). */
  firstResponseBusiness: Percentiles;
  resolution: Percentiles;
  csat: CsatFigure;
  sla: SlaCompliance;
  complaints: { conversations: number; sla: SlaCompliance };
}

export interface AgentReportRow {
  agentId: string;
  name: string | null;
  conversations: number;
  firstResponseP50Ms: number | null;
  resolutionP50Ms: number | null;
  csat: { count: number; average: number | null };
  sla: SlaFigure;
}

/** GET …/reports/summary */
export interface ReportSummary extends ReportFigures {
  window: ReportWindow;
  byChannel: { channel: string; conversations: number }[];
  byTeam: { team: string | null; name: string | null; conversations: number }[];
  agents: AgentReportRow[];
}

export const REPORT_DIMENSIONS = ["channel", "team", "label", "agent"] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** One row of GET …/reports/breakdown?by=… (key: the channel, team id, label or agent id). */
export interface BreakdownRow extends ReportFigures {
  key: string | null;
  name: string | null;
}

export interface ReportBreakdown {
  window: ReportWindow;
  by: ReportDimension;
  rows: BreakdownRow[];
}

/** One local day of GET …/reports/timeseries. */
export interface SeriesDay {
  date: string;
  conversations: number;
  handedOff: number;
  botResolved: number;
  firstResponseP50Ms: number | null;
  firstResponseP90Ms: number | null;
  firstResponseBusinessP50Ms: number | null;
  resolutionP50Ms: number | null;
  csatAverage: number | null;
  csatCount: number;
}

export interface ReportSeries {
  window: ReportWindow;
  days: SeriesDay[];
}
