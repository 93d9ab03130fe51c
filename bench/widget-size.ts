// Widget bundle sizes (raw and gzip): embed.js, the launcher (what every page view loads) and
// everything needed to open the panel and chat. `npm run bench:widget` prints them (`--check` fails
// when a budget is exceeded); `measureWidgetSize()` returns them for `npm run bench`.

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildAll } from "../scripts/build.ts";
import { root } from "../scripts/lib/dev-server.ts";

/** Budgets from issue 3, in gzip bytes. */
export const WIDGET_BUDGETS = { embedGzip: 2 * 1024, openPanelGzip: 25 * 1024 } as const;

export interface Size {
  files: string[];
  raw: number;
  gzip: number;
}

export interface WidgetSizes {
  /** The loader site owners paste. */
  embed: Size;
  /** widget.js and the chunks it imports statically: the launcher every page view gets. */
  launcher: Size;
  /** The lazily loaded panel chunk(s), fetched on first interaction. (Not named `panel`: the
   * benchmark harness reads `openPanel` as `widget.panel`, the budgeted figure.) */
  panelChunk: Size;
  /** embed + launcher + panel: everything needed to open the panel and chat (Lit included). */
  openPanel: Size;
  /** The forms chunk (pre-chat, offline, CSAT), fetched only when one of them shows. */
  formsChunk: Size;
  /** openPanel + forms: the worst case, a site whose first screen is a form. */
  openWithForm: Size;
  budgets: typeof WIDGET_BUDGETS;
  withinBudget: boolean;
}

interface Meta {
  outputs: Record<string, { imports: { path: string; kind: string }[] }>;
}

function size(files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(`${root}${f}`);
    raw += bytes.byteLength;
    // Each file travels (and is compressed) on its own.
    gzip += gzipSync(bytes, { level: 9 }).byteLength;
  }
  return { files: files.map((f) => f.replace("dist/public/", "")), raw, gzip };
}

/** Outputs and their static imports, transitively (what loads with them). */
function closure(meta: Meta, start: string[]): string[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) if (i.kind === "import-statement") walk(i.path);
  };
  for (const s of start) walk(s);
  return [...seen];
}

/** Builds the assets (minified, as deployed) and measures the widget's bundles. */
export async function measureWidgetSize(): Promise<WidgetSizes> {
  await buildAll({ minify: true });
  const meta = JSON.parse(readFileSync(`${root}dist/widget-meta.json`, "utf8")) as Meta;
  const entry = "dist/public/widget.js";
  const launcherFiles = closure(meta, [entry]);
  const lazy = (meta.outputs[entry]?.imports ?? []).filter((i) => i.kind === "dynamic-import").map((i) => i.path);
  const panelFiles = closure(meta, lazy).filter((f) => !launcherFiles.includes(f));
  const formsEntry = panelFiles.flatMap((f) => (meta.outputs[f]?.imports ?? []).filter((i) => i.kind === "dynamic-import").map((i) => i.path));
  const formFiles = closure(meta, formsEntry).filter((f) => !launcherFiles.includes(f) && !panelFiles.includes(f));
  const embed = size(["dist/public/embed.js"]);
  const launcher = size(launcherFiles);
  const panelChunk = size(panelFiles);
  const formsChunk = size(formFiles);
  const sum = (...parts: Size[]): Size => ({
    files: parts.flatMap((p) => p.files),
    raw: parts.reduce((n, p) => n + p.raw, 0),
    gzip: parts.reduce((n, p) => n + p.gzip, 0),
  });
  const openPanel = sum(embed, launcher, panelChunk);
  const openWithForm = sum(openPanel, formsChunk);
  return {
    embed,
    launcher,
    panelChunk,
    openPanel,
    formsChunk,
    openWithForm,
    budgets: WIDGET_BUDGETS,
    withinBudget: embed.gzip <= WIDGET_BUDGETS.embedGzip && openWithForm.gzip <= WIDGET_BUDGETS.openPanelGzip,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await measureWidgetSize();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const rows: [string, Size, string][] = [
    ["embed.js (loader)", s.embed, `≤ ${kb(s.budgets.embedGzip)}`],
    ["launcher (first bundle)", s.launcher, ""],
    ["panel (lazy chunk)", s.panelChunk, ""],
    ["open the panel and chat", s.openPanel, `≤ ${kb(s.budgets.openPanelGzip)}`],
    ["forms chunk (lazy)", s.formsChunk, ""],
    ["open with a form first", s.openWithForm, `≤ ${kb(s.budgets.openPanelGzip)}`],
  ];
  console.log(`${"bundle".padEnd(26)}${"raw".padStart(10)}${"gzip".padStart(10)}   budget (gzip)`);
  for (const [name, z, budget] of rows) console.log(`${name.padEnd(26)}${kb(z.raw).padStart(10)}${kb(z.gzip).padStart(10)}   ${budget}`);
  console.log(`files: ${s.openWithForm.files.join(", ")}`);
  console.log(s.withinBudget ? "within budget" : "OVER BUDGET");
  if (process.argv.includes("--check") && !s.withinBudget) process.exit(1);
}
