// The SQL text of the report queries (pure string builders; db/reports.ts runs them). Every figure is
// computed in SQLite over the conversations created in the window, read from one covering index.
//
// Parameters, always all bound: ?1 site, ?2 from (ms, included), ?3 to (ms, excluded), ?4 team or
// NULL, ?5 channel or NULL, ?6 business calendar rows (JSON, see reports/calendar.ts), ?7 local-day rows.

/** Groupings one statement can compute at once; `total` is the whole window. */
export type Dim = "total" | "agent" | "channel" | "team" | "label" | "day";

/** The conversations of the report: created in [from, to), optionally of one team and/or channel. */
export const COHORT = "c.site_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND (?4 IS NULL OR c.team = ?4) AND (?5 IS NULL OR c.channel = ?5)";

const STEP_TABLES = `cal(d, s, e, b) AS MATERIALIZED (SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?6)),
  days(d, s, k) AS MATERIALIZED (SELECT value->>0, value->>1, value->>2 FROM json_each(?7))`;

/**
 * Business milliseconds from the calendar's start up to the instant `t` (an SQL expression). The row
 * with the latest start gives the largest value (each row's `b` includes every earlier interval),
 * so MAX finds it without sorting.
 */
function businessUpTo(t: string): string {
  return `(SELECT MAX(cal.b + MAX(0, MIN(${t}, cal.e) - cal.s)) FROM cal WHERE cal.d = ${t} / 86400000 AND cal.s <= ${t})`;
}

/** The local date of the instant `t` (an SQL expression): dates grow with their start, so MAX is the latest. */
function localDay(t: string): string {
  return `(SELECT MAX(days.k) FROM days WHERE days.d = ${t} / 86400000 AND days.s <= ${t})`;
}

/** The first-response interval starts at the hand-off, or at creation where there was none. */
const RESPONSE_START = "COALESCE(c.handoff_at, c.created_at)";

/** The group key of each dimension over `conv` or `rated` (alias v), with the join and filter it needs. */
function keyOf(dim: Dim, rated: boolean): { key: string; from: string; where: string } {
  switch (dim) {
    case "total":
      return { key: "''", from: "", where: "" };
    case "agent":
      return rated ? { key: "v.agent_id", from: "", where: "v.agent_id IS NOT NULL" } : { key: "v.assignee_id", from: "", where: "v.assignee_id IS NOT NULL" };
    case "channel":
      return { key: "v.channel", from: "", where: "" };
    case "team":
      return { key: "v.team", from: "", where: "" };
    case "label":
      return { key: "l.value", from: " JOIN json_each(v.labels) l", where: "" };
    case "day":
      return { key: "v.day", from: "", where: "" };
  }
}

/**
 * `select` (which may use `k`) per group of each dimension, all dimensions in one UNION ALL. The
 * whole window is one aggregate without GROUP BY (no sort, and one row even when it is empty).
 */
function perDim(dims: Dim[], table: string, select: string | ((dim: Dim) => string), rated = false): string {
  return dims
    .map((dim) => {
      const k = keyOf(dim, rated);
      const where = k.where ? ` WHERE ${k.where}` : "";
      const columns = typeof select === "string" ? select : select(dim);
      return `SELECT '${dim}' AS dim, ${k.key} AS k, ${columns} FROM ${table} v${k.from}${where}${dim === "total" ? "" : ` GROUP BY ${k.key}`}`;
    })
    .join("\n    UNION ALL ");
}

/** Nearest-rank position (1-based) of the p-th percentile among n values: ⌈p × n / 100⌉. */
const rank = (p: number, n: string) => `(${p} * ${n} + 99) / 100`;

/**
 * p50 and p90 by nearest rank: the value at rank ⌈p × n / 100⌉ in ascending order. For the whole
 * window, two bounded sorts (ORDER BY … LIMIT 1 OFFSET: SQLite keeps only the first rows); per group,
 * one window pass (one sort: both functions share the window) from which only the two rows at those
 * ranks go on to the grouping.
 */
function percentiles(name: string, column: string, dims: Dim[]): string {
  const parts = dims.map((dim) => {
    if (dim === "total") {
      const n = `(SELECT COUNT(${column}) FROM conv)`;
      return `SELECT 'total' AS dim, '' AS k, ${n} AS n,
        (SELECT ${column} FROM conv WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT 1 OFFSET ${rank(50, n)} - 1) AS p50,
        (SELECT ${column} FROM conv WHERE ${column} IS NOT NULL ORDER BY ${column} DESC LIMIT 1 OFFSET ${n} - ${rank(90, n)}) AS p90`;
    }
    const k = keyOf(dim, false);
    const where = [k.where, `v.${column} IS NOT NULL`].filter(Boolean).join(" AND ");
    return `SELECT '${dim}' AS dim, k, MAX(cnt) AS n, MAX(CASE WHEN rn = ${rank(50, "cnt")} THEN x END) AS p50, MAX(CASE WHEN rn = ${rank(90, "cnt")} THEN x END) AS p90
      FROM (SELECT ${k.key} AS k, v.${column} AS x, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS cnt
        FROM conv v${k.from} WHERE ${where} WINDOW w AS (PARTITION BY ${k.key} ORDER BY v.${column}))
      WHERE rn = ${rank(50, "cnt")} OR rn = ${rank(90, "cnt")}
      GROUP BY k`;
  });
  // No dimension asked for: an empty table of the same shape.
  if (parts.length === 0) parts.push("SELECT NULL AS dim, NULL AS k, 0 AS n, NULL AS p50, NULL AS p90 WHERE 0");
  return `${name} AS (${parts.join("\n    UNION ALL ")})`;
}

/**
 * SLA outcome of each handed-off conversation, worked out once per conversation: met (resolved /
 * answered / resolved, with no breach of that target) or missed (breached), overall / first response / resolution.
 */
const SLA_FLAGS = {
  met: "c.handoff_at IS NOT NULL AND c.resolved_at IS NOT NULL AND c.sla_breached = 0",
  missed: "c.handoff_at IS NOT NULL AND c.sla_breached = 1",
  fr_met: "c.handoff_at IS NOT NULL AND c.first_response_at IS NOT NULL AND c.sla_first_response_breached = 0",
  fr_missed: "c.handoff_at IS NOT NULL AND c.sla_first_response_breached = 1",
  res_met: "c.handoff_at IS NOT NULL AND c.resolved_at IS NOT NULL AND c.sla_resolution_breached = 0",
  res_missed: "c.handoff_at IS NOT NULL AND c.sla_resolution_breached = 1",
};
const SLA_COLUMNS = Object.keys(SLA_FLAGS);
/** What each group counts: flags of conv, and the same for complaints only (`cx`). */
const COUNTED: [string, string][] = [
  ["handed", "handed"],
  ["resolved", "resolved"],
  ["contained", "contained"],
  ["cx", "cx"],
  ["cx_handed", "cx AND handed"],
  ...SLA_COLUMNS.map((s): [string, string] => [s, s]),
  ...SLA_COLUMNS.map((s): [string, string] => [`cx_${s}`, `cx AND ${s}`]),
];
const LITE = ["handed", "met", "missed"];

/**
 * One statement computing every figure for each group of the requested dimensions: counts,
 * hand-offs, bot resolutions, first response (calendar and business), resolution, CSAT and SLA,
 * overall and for complaints. `business` says whether the site keeps business hours (else business
 * time = calendar time); `businessDims` limits the business-time percentiles to some dimensions (they
 * cost a sort each), `liteDims` the counts of some to what the summary's agent rows show. The window's conversations are read once into `conv` (keys, durations and
 * 0/1 flags); each figure then only groups them. In `rated`, CROSS JOIN keeps the CSAT answers (few,
 * found by index) as the outer loop, each finding its conversation by id.
 */
export function groupStatsSql(dims: Dim[], business: boolean, opts: { businessDims?: Dim[]; liteDims?: Dim[] } = {}): string {
  const businessDims = opts.businessDims ?? dims;
  // A lite group counts only conversations, hand-offs and overall SLA (the summary's agent rows):
  // fewer columns through GROUP BY's sort.
  const lite = new Set(opts.liteDims ?? []);
  const counted = (dim: Dim) => ["COUNT(*) AS n", ...COUNTED.map(([k, e]) => `SUM(${!lite.has(dim) || LITE.includes(k) ? e : "0"}) AS ${k}`)].join(", ");
  const frtb = business
    ? `CASE WHEN c.first_response_at IS NOT NULL THEN MAX(0, ${businessUpTo("c.first_response_at")} - ${businessUpTo(RESPONSE_START)}) END`
    : "NULL";
  const day = dims.includes("day") ? localDay("c.created_at") : "NULL";
  const labels = dims.includes("label") ? "c.labels" : "NULL";
  const flags = Object.entries(SLA_FLAGS).map(([k, cond]) => `(${cond}) AS ${k}`);
  return `WITH ${STEP_TABLES},
  conv AS MATERIALIZED (SELECT c.channel, COALESCE(c.team, '') AS team, c.assignee_id, ${labels} AS labels, ${day} AS day,
      c.handoff_at IS NOT NULL AS handed, c.resolved_at IS NOT NULL AS resolved, c.resolved_at IS NOT NULL AND c.handoff_at IS NULL AS contained,
      (instr(c.labels, '"complaint"') > 0 AND EXISTS (SELECT 1 FROM json_each(c.labels) WHERE value = 'complaint')) AS cx, ${flags.join(", ")},
      CASE WHEN c.first_response_at IS NOT NULL THEN MAX(0, c.first_response_at - ${RESPONSE_START}) END AS frt,
      ${frtb} AS frtb,
      CASE WHEN c.resolved_at IS NOT NULL THEN MAX(0, c.resolved_at - c.created_at) END AS res
    FROM conversations c WHERE ${COHORT}),
  counts AS (${perDim(dims, "conv", counted)}),
  ${percentiles("p_frt", "frt", dims)},
  ${business ? percentiles("p_frtb", "frtb", businessDims) : "p_frtb AS (SELECT * FROM p_frt)"},
  ${percentiles("p_res", "res", dims)},
  rated AS MATERIALIZED (SELECT r.rating, r.agent_id, c.channel, COALESCE(c.team, '') AS team, ${labels} AS labels, ${day} AS day
    FROM csat_responses r CROSS JOIN conversations c ON c.id = r.conversation_id
    WHERE r.site_id = ?1 AND r.created_at >= ?2 AND ${COHORT}),
  csat AS (${perDim(
    dims,
    "rated",
    "COUNT(*) AS n, SUM(rating) AS total, SUM(rating = 1) AS r1, SUM(rating = 2) AS r2, SUM(rating = 3) AS r3, SUM(rating = 4) AS r4, SUM(rating = 5) AS r5",
    true,
  )}),
  keys AS (SELECT dim, k FROM counts WHERE n > 0 UNION SELECT dim, k FROM csat WHERE n > 0)
SELECT keys.dim, keys.k,
  CASE keys.dim WHEN 'agent' THEN (SELECT name FROM users WHERE id = keys.k) WHEN 'team' THEN (SELECT name FROM teams WHERE site_id = ?1 AND id = keys.k) END AS name,
  COALESCE(n.n, 0) AS n, ${COUNTED.map(([k]) => `COALESCE(n.${k}, 0) AS ${k}`).join(", ")},
  COALESCE(f.n, 0) AS frt_n, f.p50 AS frt_p50, f.p90 AS frt_p90,
  COALESCE(b.n, 0) AS frtb_n, b.p50 AS frtb_p50, b.p90 AS frtb_p90,
  COALESCE(r.n, 0) AS res_n, r.p50 AS res_p50, r.p90 AS res_p90,
  COALESCE(s.n, 0) AS csat_n, COALESCE(s.total, 0) AS csat_sum, COALESCE(s.r1, 0) AS r1, COALESCE(s.r2, 0) AS r2, COALESCE(s.r3, 0) AS r3,
  COALESCE(s.r4, 0) AS r4, COALESCE(s.r5, 0) AS r5
FROM keys
  LEFT JOIN counts n ON n.dim = keys.dim AND n.k = keys.k
  LEFT JOIN p_frt f ON f.dim = keys.dim AND f.k = keys.k
  LEFT JOIN p_frtb b ON b.dim = keys.dim AND b.k = keys.k
  LEFT JOIN p_res r ON r.dim = keys.dim AND r.k = keys.k
  LEFT JOIN csat s ON s.dim = keys.dim AND s.k = keys.k
ORDER BY keys.dim, keys.k`;
}

/** Conversations per channel and per team (the summary's volume split), with team names: one pass, one sort. */
export const COUNT_BY_SQL = `WITH ${STEP_TABLES},
  pairs AS MATERIALIZED (SELECT c.channel, c.team, COUNT(*) AS n FROM conversations c WHERE ${COHORT} GROUP BY c.channel, c.team)
SELECT 'channel' AS dim, channel AS k, NULL AS name, SUM(n) AS n FROM pairs GROUP BY channel
UNION ALL
SELECT 'team', team, (SELECT name FROM teams t WHERE t.site_id = ?1 AND t.id = pairs.team), SUM(n) FROM pairs GROUP BY team
ORDER BY 1, 4 DESC, 2`;

/** The latest first response among the window's conversations: how far the business calendar must reach. */
export const LAST_RESPONSE_SQL = `WITH ${STEP_TABLES}
SELECT MAX(c.first_response_at) AS last FROM conversations c WHERE ${COHORT}`;
