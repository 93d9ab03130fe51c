// Benchmarks that other parts of the project own (widget sizes, triage, reports) plug in here: each is
// a module in bench/ exporting a function that returns its figures. A missing module gives a clear
// "not yet available" row; a present one is imported, called and its figures flattened into metrics.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type OptionalResult =
  | { status: "missing"; file: string }
  | { status: "error"; file: string; error: string }
  | { status: "ok"; file: string; metrics: Record<string, number>; raw: unknown };

/** What a plugged-in benchmark function is called with. */
export interface OptionalContext {
  quick: boolean;
  root: string;
}

type Fn = (ctx: OptionalContext) => unknown;

/**
 * The module's benchmark function: its default export, one of `names`, its only exported function,
 * or its only function named run…/measure…/bench… (fixture builders such as `benchRuleset` excluded).
 */
export function pickFunction(mod: Record<string, unknown>, names: readonly string[]): Fn | null {
  if (typeof mod.default === "function") return mod.default as Fn;
  for (const n of names) if (typeof mod[n] === "function") return mod[n] as Fn;
  const fns = Object.entries(mod).filter((e): e is [string, Fn] => typeof e[1] === "function");
  if (fns.length === 1) return fns[0]![1];
  const runners = fns.filter(([name]) => /^(run|measure|bench)/i.test(name) && !/ruleset|messages|fixture/i.test(name));
  return runners.length === 1 ? runners[0]![1] : null;
}

const ALIASES: Record<string, string> = {
  gz: "gzip",
  gzipped: "gzip",
  compressed: "gzip",
  min: "raw",
  minified: "raw",
  uncompressed: "raw",
  pageload: "launcher",
  initial: "launcher",
  load: "launcher",
  openpanel: "panel",
  open: "panel",
  chat: "panel",
  compiletime: "compile",
  evaluation: "evaluate",
  eval: "evaluate",
};

const UNITS: Record<string, number> = { ms: 1, millis: 1, us: 1e-3, micros: 1e-3, ns: 1e-6, nanos: 1e-6 };

/** A key as a metric path segment, with the factor to milliseconds when its name ends in a time unit. */
function segment(key: string): { name: string; scale: number } {
  const unit = /(?:_|(?<=[a-z0-9]))(Ms|ms|Millis|Us|us|Micros|Ns|ns|Nanos)$/.exec(key);
  const explicit = unit && (unit[1]![0] === unit[1]![0]!.toUpperCase() || key.includes("_"));
  const k = explicit ? key.slice(0, unit.index) : key;
  const scale = explicit ? (UNITS[unit[1]!.toLowerCase()] ?? 1) : 1;
  let name = k
    .toLowerCase()
    .replace(/\.m?js$/, "")
    .replace(/[^a-z0-9]/g, "");
  name = name.replace(/(bytes|size)$/, "") || name;
  if (name !== "js") name = name.replace(/js$/, "");
  return { name: ALIASES[name] ?? name, scale };
}

/** Flattens numbers in a nested result into `prefix.a.b` metrics (times in ms). Arrays of named rows use the name. */
export function flatten(value: unknown, prefix: string, out: Record<string, number> = {}, scale = 1): Record<string, number> {
  if (typeof value === "number" && Number.isFinite(value)) out[prefix] = value * scale;
  else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      const r = v as Record<string, unknown> | null;
      const label = r && typeof r === "object" ? (r.name ?? r.label ?? r.file ?? r.id) : undefined;
      flatten(v, `${prefix}.${typeof label === "string" ? segment(label).name : i}`, out, scale);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const s = segment(k);
      flatten(v, `${prefix}.${s.name}`, out, scale * s.scale);
    }
  }
  return out;
}

/** Imports `bench/<file>` if it exists and runs its benchmark function. Never throws. */
export async function runOptional(file: string, prefix: string, names: readonly string[], ctx: OptionalContext): Promise<OptionalResult> {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  if (!existsSync(path)) return { status: "missing", file };
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const fn = pickFunction(mod, names);
    if (!fn) return { status: "error", file, error: `no benchmark function exported (expected default or one of ${names.join(", ")})` };
    const raw = await fn(ctx);
    return { status: "ok", file, metrics: flatten(raw, prefix), raw };
  } catch (e) {
    return { status: "error", file, error: e instanceof Error ? e.message : String(e) };
  }
}
