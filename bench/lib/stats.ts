// Small statistics helpers for the benchmarks: percentiles, medians and rounding for the table.

/** The p-th percentile (0–100) of the samples, nearest-rank; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The median of a few repeated measurements (NaN values, from runs that measured nothing, are left out). */
export function median(values: readonly number[]): number {
  const ok = values.filter((v) => Number.isFinite(v));
  return percentile(ok, 50);
}

/** Latency summary of one direction of one run, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: round(percentile(samples, 50), 3),
    p99: round(percentile(samples, 99), 3),
    max: round(samples.length ? samples.reduce((m, v) => Math.max(m, v), -Infinity) : Number.NaN, 3),
  };
}

/** Rounds to `digits` decimals; keeps NaN. */
export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
