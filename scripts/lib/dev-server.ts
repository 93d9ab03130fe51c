// Runs Parley locally on workerd: applies D1 migrations, seeds the demo (idempotent), starts
// `wrangler dev`. Shared by `npm run dev`, the browser tests, the fault test and the benchmarks.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { demoSeed, toSqlScript } from "../../worker/src/db/seed.ts";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const wrangler = `${root}node_modules/wrangler/bin/wrangler.js`;

/** Offline, quiet wrangler: no metrics, no look-ups of Cloudflare's request metadata. */
export const wranglerEnv = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" };

function runWrangler(args: string[]): void {
  // process.execPath is the Node 24 from node_modules (npm run puts it first on PATH).
  const r = spawnSync(process.execPath, [wrangler, ...args], { cwd: root, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Makes sure .dev.vars holds a PARLEY_SECRET (random, per checkout) for local runs. */
export function ensureDevVars(): void {
  const file = `${root}.dev.vars`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^PARLEY_SECRET=/m.test(current)) return;
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  writeFileSync(file, `${current}${current && !current.endsWith("\n") ? "\n" : ""}PARLEY_SECRET=${secret}\n`);
}

/** Applies migrations and the demo seed to the local state folder. Safe to run any number of times. */
export async function prepareLocalState(persistTo: string, opts: { businessHours?: object } = {}): Promise<void> {
  mkdirSync(persistTo, { recursive: true });
  runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
  const seedFile = `${persistTo}/seed.sql`;
  writeFileSync(seedFile, toSqlScript(await demoSeed(Date.now(), opts)));
  runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", seedFile]);
}

/** Runs an SQL script against the local D1 in a state folder (fixtures for tests and benches). */
export function executeSql(persistTo: string, sql: string, name = "extra.sql"): void {
  const file = `${persistTo}/${name}`;
  writeFileSync(file, sql);
  runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file]);
}

/** The PARLEY_SECRET of this checkout's .dev.vars (what `wrangler dev` runs with). */
export function devSecret(): string {
  ensureDevVars();
  return /^PARLEY_SECRET=(.*)$/m.exec(readFileSync(`${root}.dev.vars`, "utf8"))![1]!.trim();
}

export interface DevServer {
  url: string;
  port: number;
  /** wrangler's inspector port (Chrome DevTools protocol to the Worker and its objects). */
  inspectorPort: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev` and resolves once it answers HTTP. The server runs in its own process group.
 * `vars` are passed as `--var NAME:value` (e.g. `PARLEY_RATE_LIMITS: "off"` for load tests).
 */
export async function startDevServer(opts: { port?: number; persistTo: string; quiet?: boolean; vars?: Record<string, string> }): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const inspector = await freePort();
  const child = spawn(
    process.execPath,
    [
      wrangler,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      opts.persistTo,
      "--show-interactive-dev-session=false",
      "--log-level",
      opts.quiet ? "error" : "info",
      ...Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    { cwd: root, env: wranglerEnv, stdio: ["ignore", opts.quiet ? "ignore" : "inherit", opts.quiet ? "pipe" : "inherit"], detached: true },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${stderr}`);
    try {
      const res = await fetch(`${url}/widget/v1/sites/demo/config`);
      if (res.status < 500) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    stopGroup(child);
    throw new Error(`wrangler dev did not start on ${url}:\n${stderr}`);
  }
  return {
    url,
    port,
    inspectorPort: inspector,
    process: child,
    stop: async () => {
      stopGroup(child);
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        setTimeout(resolve, 5000);
      });
    },
  };
}

/** Kills wrangler and workerd together (killing only the parent would orphan workerd). */
export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
