// The one table `npm run bench` prints: a row per figure, a column per server (Parley, the DO relay
// floor, the Node reference), the ratios to both baselines, and the budget where there is one.

export interface Row {
  /** A section heading row when only `label` is set. */
  label: string;
  unit?: string;
  parley?: number | string;
  floor?: number | string;
  ref?: number | string;
  budget?: string;
  /** Show ratios (Parley ÷ floor, Parley ÷ reference) for this row. */
  ratio?: boolean;
}

/** Formats a figure with about three significant digits. */
export function fmt(v: number | string | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "n/a";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}

function ratio(a: number | string | undefined, b: number | string | undefined): string {
  if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "";
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;
}

const HEAD = ["benchmark", "unit", "Parley", "DO relay (floor)", "Node ws (ref)", "÷ floor", "÷ ref", "budget"];

/** Renders rows as a Markdown table with aligned columns (reads well in a terminal and in the README). */
export function renderTable(rows: Row[]): string {
  const cells = rows.map((r) =>
    r.parley === undefined && r.floor === undefined && r.ref === undefined && !r.unit
      ? [`**${r.label}**`, "", "", "", "", "", "", ""]
      : [
          r.label,
          r.unit ?? "",
          fmt(r.parley),
          fmt(r.floor),
          fmt(r.ref),
          r.ratio ? ratio(r.parley, r.floor) : "",
          r.ratio ? ratio(r.parley, r.ref) : "",
          r.budget ?? "",
        ],
  );
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => (i >= 2 && i <= 6 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i >= 2 && i <= 6 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(HEAD), sep, ...cells.map(line)].join("\n");
}
