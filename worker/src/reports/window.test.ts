// Report windows from query strings, and CSV cells: total parsers, exact bounds, clear errors.

import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.ts";
import { parseWindow } from "./window.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");

describe("report window", () => {
  it("reads local dates as whole days in the site's zone, both ends included", () => {
    expect(parseWindow({ from: "2026-03-02", to: "2026-03-08" }, "Asia/Shanghai", NOW)).toEqual({
      ok: true,
      from: Date.parse("2026-03-01T16:00:00Z"),
      to: Date.parse("2026-03-08T16:00:00Z"),
      firstDay: "2026-03-02",
      lastDay: "2026-03-08",
    });
    // The week of the spring-forward jump in Berlin is an hour short.
    const w = parseWindow({ from: "2026-03-23", to: "2026-03-29" }, "Europe/Berlin", NOW);
    expect(w.ok && w.to - w.from).toBe(7 * 86_400_000 - 3_600_000);
  });

  it("reads instants exactly, `to` excluded", () => {
    expect(parseWindow({ from: "2026-03-02T09:00:00+08:00", to: "1772442600000" }, "UTC", NOW)).toMatchObject({
      ok: true,
      from: Date.parse("2026-03-02T01:00:00Z"),
      to: 1772442600000,
      firstDay: "2026-03-02",
    });
  });

  it("defaults to the last 30 local days, today included", () => {
    expect(parseWindow({}, "Asia/Shanghai", NOW)).toEqual({
      ok: true,
      from: Date.parse("2026-02-08T16:00:00Z"),
      to: Date.parse("2026-03-10T16:00:00Z"),
      firstDay: "2026-02-09",
      lastDay: "2026-03-10",
    });
    expect(parseWindow({ to: "2026-01-31" }, "UTC", NOW)).toMatchObject({ ok: true, firstDay: "2026-01-02", lastDay: "2026-01-31" });
  });

  it("refuses what it cannot read, an empty or reversed window, and more than 366 days", () => {
    const bad = (q: Record<string, string>) => {
      const r = parseWindow(q, "UTC", NOW);
      return r.ok ? "ok" : r.field;
    };
    expect(bad({ from: "2026-02-30" })).toBe("from");
    expect(bad({ from: "2026-3-1" })).toBe("from");
    expect(bad({ from: "2026-03-01T10:00" })).toBe("from"); // an instant needs its zone
    expect(bad({ to: "tomorrow" })).toBe("to");
    expect(bad({ from: "2026-03-02", to: "2026-03-01" })).toBe("to");
    expect(bad({ from: "2025-02-28", to: "2026-03-01" })).toBe("from"); // 367 days
    expect(bad({ from: "2025-03-01", to: "2026-03-01" })).toBe("ok"); // 366 days
  });
});

describe("CSV cells", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("客服")).toBe("客服");
    expect(
      toCsv([
        ["a", 1],
        [null, "b"],
      ]),
    ).toBe("\ufeffa,1\r\n,b\r\n");
  });
});
