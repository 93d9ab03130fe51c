// Test projects: `workers` runs inside workerd (real Durable Objects, D1, R2, WebSockets) through
// @cloudflare/vitest-plugin; `node` runs architecture checks and script tests on Node.

import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("worker/migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              // PARLEY_TEST_CLOCK lets tests move a conversation's clock forward (timers without sleeping).
              miniflare: { bindings: { PARLEY_SECRET: "test-secret-not-for-production", PARLEY_TEST_CLOCK: "1", TEST_MIGRATIONS: migrations } },
            }),
          ],
          test: {
            name: "workers",
            include: ["worker/src/**/*.test.ts", "protocol/src/**/*.test.ts", "test/integration/**/*.test.ts", "test/security/**/*.test.ts"],
            setupFiles: ["test/setup/apply-migrations.ts"],
            // Local fakes of the channel providers' APIs (Telegram, WhatsApp, Twilio, webhook receivers).
            globalSetup: ["test/setup/fake-providers.ts"],
            testTimeout: 20_000,
          },
        },
        {
          test: {
            name: "node",
            environment: "node",
            include: ["test/arch/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          },
        },
      ],
    },
  };
});
