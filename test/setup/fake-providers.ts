// Vitest global setup of the workerd project: starts the fake provider APIs (test/fakes/providers.ts)
// and gives the tests its URL as `inject("fakeProviders")`.

import type { Server } from "node:http";
import type { TestProject } from "vitest/node";
import { startFakeProviders } from "../fakes/providers.ts";

declare module "vitest" {
  export interface ProvidedContext {
    fakeProviders: string;
  }
}

let server: Server | undefined;

export async function setup(project: TestProject): Promise<void> {
  const fake = await startFakeProviders();
  server = fake.server;
  project.provide("fakeProviders", fake.url);
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
