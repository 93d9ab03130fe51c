// Browser end-to-end tests: a real `wrangler dev` (started once by the global setup, on a free port,
// with its own state folder) driven through headless Chromium with playwright-core.

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "e2e",
    environment: "node",
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
