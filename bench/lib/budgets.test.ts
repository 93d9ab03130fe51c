// The parts of the benchmark harness that decide pass or fail: budget checks, metric matching, the
// flattening of plugged-in results, percentiles and the table.

import { describe, expect, it } from "vitest";
import { check, findMetric, type Budget } from "./budgets.ts";
import { flatten, pickFunction } from "./optional.ts";
import { percentile } from "./stats.ts";
import { renderTable } from "./table.ts";

const budget = (metric: string, max: number, ci = true): Budget => ({ metric, max, unit: "B", ci, why: "test" });

describe("budget checks", () => {
  it("passes a figure within its budget and fails one over it", () => {
    const v = check(
      [budget("widget.embed.gzip", 2048), budget("widget.panel.gzip", 25600)],
      { "widget.embed.gzip": 900, "widget.panel.gzip": 30000 },
      () => true,
    );
    expect(v.map((x) => x.status)).toEqual(["ok", "over"]);
  });

  it("fails a budgeted figure that a section which ran did not produce, and skips one that did not run", () => {
    const b = [budget("widget.embed.gzip", 2048), budget("triage.p99", 1)];
    const v = check(b, {}, (s) => s === "widget");
    expect(v.map((x) => x.status)).toEqual(["missing", "skipped"]);
  });

  it("treats a figure that is not a number as over budget", () => {
    expect(check([budget("chat.parley.many.v2aP50", 2)], { "chat.parley.many.v2aP50": Number.NaN }, () => true)[0]!.status).toBe("over");
  });

  it("finds a metric by its segments in order, and refuses an ambiguous match", () => {
    expect(findMetric({ "triage.evaluate.p99": 0.4, "triage.evaluate.p50": 0.1 }, "triage.p99")).toEqual({ key: "triage.evaluate.p99", value: 0.4 });
    expect(findMetric({ "triage.a.p99": 1, "triage.b.p99": 2 }, "triage.p99")).toEqual({ ambiguous: ["triage.a.p99", "triage.b.p99"] });
    expect(findMetric({ "widget.p99": 1 }, "triage.p99")).toBeNull();
  });
});

describe("plugged-in benchmark results", () => {
  it("flattens sizes and times under common spellings into the budget names", () => {
    const m = flatten({ embedJs: { rawBytes: 1200, gzipBytes: 700 }, openPanel: { gzip: 20000 }, compileMs: 12, evaluate: { p99Us: 400 } }, "x");
    expect(m).toEqual({ "x.embed.raw": 1200, "x.embed.gzip": 700, "x.panel.gzip": 20000, "x.compile": 12, "x.evaluate.p99": 0.4 });
  });

  it("names rows of an array by their name", () => {
    expect(flatten([{ name: "embed.js", gzip: 500 }], "widget")).toEqual({ "widget.embed.gzip": 500 });
  });

  it("picks the default export, a known name, or the only function", () => {
    const f = () => 1;
    expect(pickFunction({ default: f }, [])).toBe(f);
    expect(pickFunction({ other: () => 2, benchTriage: f }, ["benchTriage"])).toBe(f);
    expect(pickFunction({ helper: f, VALUE: 3 }, [])).toBe(f);
    expect(pickFunction({ a: f, b: () => 2 }, [])).toBeNull();
    expect(pickFunction({ benchRuleset: () => 1, runTriageBench: f, percentile: () => 2 }, [])).toBe(f);
  });
});

describe("statistics and the table", () => {
  it("takes nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 99, 100]);
    expect(percentile([], 50)).toBeNaN();
  });

  it("prints ratios to both baselines", () => {
    const t = renderTable([{ label: "cpu", unit: "µs", parley: 800, floor: 400, ref: 20, ratio: true }]);
    expect(t).toContain("2.0×");
    expect(t).toContain("40×");
  });
});
