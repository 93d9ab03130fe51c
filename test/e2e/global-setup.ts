// Starts one local Parley (wrangler dev, fresh state folder, demo seed) for the browser tests.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { devSecret, ensureDevVars, executeSql, prepareLocalState, startDevServer, type DevServer } from "../../scripts/lib/dev-server.ts";
import { toSqlScript } from "../../worker/src/db/seed.ts";
import { fixtureStatements } from "./fixtures.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: DevServer | undefined;
let state: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  state = mkdtempSync(join(tmpdir(), "parley-e2e-"));
  ensureDevVars();
  await prepareLocalState(state);
  // Sites with special widget settings (offline hours, pre-chat form, upload limits, identity).
  executeSql(state, toSqlScript(await fixtureStatements(devSecret())), "e2e-fixtures.sql");
  server = await startDevServer({ persistTo: state, quiet: true });
  project.provide("baseUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (state) rmSync(state, { recursive: true, force: true });
}
