// Report queries on D1: the window's conversations grouped by dimension with every figure computed in
// SQLite (see report-sql.ts for the SQL and its parameters). Returns raw sums; reports/figures.ts shapes them.

import { COUNT_BY_SQL, groupStatsSql, LAST_RESPONSE_SQL, type Dim } from "./report-sql.ts";

export type { Dim };

/** Which conversations a report covers. */
export interface ReportScope {
  siteId: string;
  from: number;
  to: number;
  team: string | null;
  channel: string | null;
}

/** Step tables for the SQL: business calendar rows (null: the site is always open) and local-day rows. */
export interface ReportTables {
  calendar: unknown[] | null;
  days: unknown[];
}

/** Raw figures of one group (`dim`, `k`), as the SQL returns them. */
export interface GroupRow {
  dim: Dim;
  k: string | null;
  name: string | null;
  n: number;
  handed: number;
  resolved: number;
  contained: number;
  cx: number;
  cx_handed: number;
  met: number;
  missed: number;
  fr_met: number;
  fr_missed: number;
  res_met: number;
  res_missed: number;
  cx_met: number;
  cx_missed: number;
  cx_fr_met: number;
  cx_fr_missed: number;
  cx_res_met: number;
  cx_res_missed: number;
  frt_n: number;
  frt_p50: number | null;
  frt_p90: number | null;
  frtb_n: number;
  frtb_p50: number | null;
  frtb_p90: number | null;
  res_n: number;
  res_p50: number | null;
  res_p90: number | null;
  csat_n: number;
  csat_sum: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

export interface CountRow {
  dim: "channel" | "team";
  k: string | null;
  name: string | null;
  n: number;
}

function params(scope: ReportScope, tables: ReportTables): unknown[] {
  return [scope.siteId, scope.from, scope.to, scope.team, scope.channel, JSON.stringify(tables.calendar ?? []), JSON.stringify(tables.days)];
}

const NO_TABLES: ReportTables = { calendar: null, days: [] };

/** The latest first response among the window's conversations (null when none was answered). */
export async function lastFirstResponse(db: D1Database, scope: ReportScope): Promise<number | null> {
  const row = await db
    .prepare(LAST_RESPONSE_SQL)
    .bind(...params(scope, NO_TABLES))
    .first<{ last: number | null }>();
  return row?.last ?? null;
}

/**
 * Every figure for each group of the requested dimensions (the `total` group is the whole window).
 * Business-time percentiles only for `businessDims` (default: all; elsewhere null); `liteDims`
 * count only conversations, hand-offs and overall SLA (elsewhere 0).
 */
export async function groupStats(
  db: D1Database,
  scope: ReportScope,
  dims: Dim[],
  tables: ReportTables,
  opts: { businessDims?: Dim[]; liteDims?: Dim[] } = {},
): Promise<GroupRow[]> {
  const { results } = await db
    .prepare(groupStatsSql(dims, tables.calendar !== null, opts))
    .bind(...params(scope, tables))
    .all<GroupRow>();
  return results;
}

/** Conversations per channel and per team. */
export async function countByChannelAndTeam(db: D1Database, scope: ReportScope): Promise<CountRow[]> {
  const { results } = await db
    .prepare(COUNT_BY_SQL)
    .bind(...params(scope, NO_TABLES))
    .all<CountRow>();
  return results;
}
