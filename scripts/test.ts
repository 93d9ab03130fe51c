// `npm test` (workerd + unit tests) and `npm run test:e2e` (browser tests against wrangler dev).
// Builds the assets first, runs vitest, then prints one plain "N passed, N failed" line for CI.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { buildAll } from "./build.ts";
import { root } from "./lib/dev-server.ts";

const e2e = process.argv.includes("--e2e");
const extra = process.argv.slice(2).filter((a) => a !== "--e2e");
const report = `${root}test-results/${e2e ? "e2e" : "unit"}.json`;
rmSync(report, { force: true });

await buildAll();
const vitest = `${root}node_modules/vitest/vitest.mjs`;
const args = [
  vitest,
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...(e2e ? ["--config", "vitest.e2e.config.ts"] : []),
  ...extra,
];
const run = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a crash before tests ran still counts as a failure
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(code);
