// The widget's cost to a host page, in headless Chromium against a local Parley: time until the
// launcher shows, layout shift, the longest main-thread task once widget.js arrived, and the time
// and longest task to open the panel. `npm run bench:widget-load` prints them; `measureWidgetLoad()`
// returns them for `npm run bench`.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildAll } from "../scripts/build.ts";
import { ensureDevVars, prepareLocalState, startDevServer } from "../scripts/lib/dev-server.ts";

export interface WidgetLoadRun {
  /** ms from navigation start until the launcher is visible. */
  launcherVisibleMs: number;
  /** Cumulative layout shift over the load (0 = none). */
  cls: number;
  /** Longest main-thread task after widget.js arrived, ms (0 = none over 50 ms, the longtask threshold). */
  longestTaskAtLoadMs: number;
  /** ms from the click on the launcher until the composer is visible (panel chunk already preloaded by hover). */
  openPanelMs: number;
  /** Longest main-thread task while opening the panel, ms. */
  longestTaskAtOpenMs: number;
}

export interface WidgetLoad {
  runs: WidgetLoadRun[];
  median: WidgetLoadRun;
  max: WidgetLoadRun;
}

const INIT = () => {
  const w = window as unknown as { __tasks: { start: number; duration: number }[]; __cls: number };
  w.__tasks = [];
  w.__cls = 0;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__tasks.push({ start: e.startTime, duration: e.duration }))).observe({
    type: "longtask",
    buffered: true,
  });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => (w.__cls += (e as unknown as { value: number }).value))).observe({
    type: "layout-shift",
    buffered: true,
  });
};

function pick(runs: WidgetLoadRun[], f: (xs: number[]) => number): WidgetLoadRun {
  const keys = Object.keys(runs[0]!) as (keyof WidgetLoadRun)[];
  return Object.fromEntries(keys.map((k) => [k, f(runs.map((r) => r[k]))])) as unknown as WidgetLoadRun;
}

/** Loads /demo `runs` times in fresh contexts. Starts its own wrangler dev unless `baseUrl` is given. */
export async function measureWidgetLoad(opts: { baseUrl?: string; runs?: number } = {}): Promise<WidgetLoad> {
  let stop = async () => undefined as void;
  let baseUrl = opts.baseUrl;
  let state: string | undefined;
  if (!baseUrl) {
    await buildAll();
    ensureDevVars();
    state = mkdtempSync(join(tmpdir(), "parley-bench-widget-"));
    await prepareLocalState(state);
    const server = await startDevServer({ persistTo: state, quiet: true });
    baseUrl = server.url;
    stop = () => server.stop();
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const runs: WidgetLoadRun[] = [];
  try {
    for (let i = 0; i < (opts.runs ?? 5); i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.addInitScript(INIT);
      await page.goto(`${baseUrl}/demo`);
      const launcher = page.locator("parley-chat").locator('[part~="launcher"]');
      await launcher.waitFor();
      const launcherVisibleMs = await page.evaluate(() => performance.now());
      await page.waitForTimeout(300);
      const load = await page.evaluate(() => {
        const w = window as unknown as { __tasks: { start: number; duration: number }[]; __cls: number };
        const widget = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/widget.js")) as PerformanceResourceTiming;
        return { cls: w.__cls, longest: Math.max(0, ...w.__tasks.filter((t) => t.start >= widget.responseEnd).map((t) => t.duration)) };
      });
      const chunk = page.waitForResponse((r) => r.url().includes("/widget-chunks/panel-"));
      await launcher.hover();
      await chunk;
      await page.waitForTimeout(200);
      const before = await page.evaluate(() => performance.now());
      await launcher.click();
      await page.locator("parley-chat").locator('[part~="input"]').waitFor();
      const after = await page.evaluate(() => performance.now());
      const openTask = await page.evaluate((t0) => {
        const w = window as unknown as { __tasks: { start: number; duration: number }[] };
        return Math.max(0, ...w.__tasks.filter((t) => t.start >= t0).map((t) => t.duration));
      }, before);
      runs.push({
        launcherVisibleMs: Math.round(launcherVisibleMs),
        cls: load.cls,
        longestTaskAtLoadMs: Math.round(load.longest),
        openPanelMs: Math.round(after - before),
        longestTaskAtOpenMs: Math.round(openTask),
      });
      await ctx.close();
    }
  } finally {
    await browser.close();
    await stop();
    if (state) rmSync(state, { recursive: true, force: true });
  }
  const median = pick(runs, (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  return { runs, median, max: pick(runs, (xs) => Math.max(...xs)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureWidgetLoad({ runs: Number(process.env.RUNS ?? 5) });
  console.log(`runs: ${r.runs.length} (fresh browser context each, /demo on a local wrangler dev)`);
  console.log(`${"".padEnd(34)}${"median".padStart(8)}${"max".padStart(8)}`);
  const row = (label: string, k: keyof WidgetLoadRun, unit = " ms") =>
    console.log(`${label.padEnd(34)}${(r.median[k] + unit).padStart(8)}${(r.max[k] + unit).padStart(8)}`);
  row("launcher visible after navigation", "launcherVisibleMs");
  row("layout shift (CLS)", "cls", "");
  row("longest task at load (>50 ms)", "longestTaskAtLoadMs");
  row("click → composer visible", "openPanelMs");
  row("longest task opening (>50 ms)", "longestTaskAtOpenMs");
}
