// Builds the static assets the worker serves: embed.js (classic loader), widget.js (ES module),
// the admin app, and the demo page, into dist/public. Run: `npm run build`.

import { build, type BuildOptions } from "esbuild";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}dist/public`;

/** Builds everything; returns the output folder. */
export async function buildAll(opts: { minify?: boolean } = {}): Promise<string> {
  const minify = opts.minify ?? true;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}/admin`, { recursive: true });
  const common: BuildOptions = { bundle: true, minify, legalComments: "none", target: "es2022", logLevel: "warning", absWorkingDir: root };
  const results = await Promise.all([
    build({ ...common, entryPoints: ["widget/src/embed.ts"], outfile: `${out}/embed.js`, format: "iife" }),
    // widget.js is the small launcher; the panel (Lit, connection, forms) is a chunk it imports on
    // first interaction. Chunks have content hashes so they can be cached forever (static/_headers).
    build({
      ...common,
      entryPoints: { widget: "widget/src/index.ts" },
      outdir: out,
      splitting: true,
      chunkNames: "widget-chunks/[name]-[hash]",
      format: "esm",
      tsconfig: "widget/tsconfig.json",
      // Module scripts are always decoded as UTF-8, so Chinese strings need no \u escapes.
      charset: "utf8",
      metafile: true,
    }).then((r) => {
      writeFileSync(`${root}dist/widget-meta.json`, JSON.stringify(r.metafile));
      return r;
    }),
    build({
      ...common,
      entryPoints: { app: "admin/src/main.tsx" },
      outdir: `${out}/admin`,
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      format: "esm",
      tsconfig: "admin/tsconfig.json",
      jsx: "automatic",
      jsxImportSource: "preact",
    }),
    build({ ...common, entryPoints: ["admin/src/styles.css"], outfile: `${out}/admin/app.css` }),
  ]);
  // A warning (unbalanced CSS, a bad import) is a broken asset waiting to happen: refuse it.
  const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
  if (warnings) throw new Error(`the asset build produced ${warnings} warning(s); see above`);
  cpSync(`${root}admin/index.html`, `${out}/admin/index.html`);
  cpSync(`${root}static`, out, { recursive: true });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await buildAll({ minify: !process.argv.includes("--dev") });
  console.log(`built dist/public in ${Date.now() - started} ms`);
}
