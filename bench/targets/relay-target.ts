// The two baselines as load-generator targets: the minimal Durable Object relay under `wrangler dev`
// (the platform floor) and the minimal Node `ws` relay (the reference). Both speak /rooms/<id>?role=….

import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type WebSocket from "ws";
import { freePort, root, stopGroup, wranglerEnv } from "../../scripts/lib/dev-server.ts";
import { cmdline, groupProcesses, scratchDir, type ServerProcess } from "../lib/proc.ts";
import { connect, pool, sleep, tryJson, waitFor } from "../lib/sockets.ts";
import { chatFrame, type ChatPair, type Side, type Target } from "./target.ts";

const here = fileURLToPath(new URL(".", import.meta.url));

abstract class RelayTarget implements Target {
  abstract readonly key: "doRelay" | "nodeRelay";
  abstract readonly label: string;
  protected child: ChildProcess | undefined;
  protected port = 0;

  abstract start(): Promise<void>;
  abstract processes(): ServerProcess[];

  private room(id: string, role: Side): Promise<WebSocket> {
    return connect(`ws://127.0.0.1:${this.port}/rooms/${id}?role=${role}`);
  }

  async openPairs(n: number, tag: string): Promise<ChatPair[]> {
    return pool(n, 16, async (i) => {
      const [visitor, agent] = await Promise.all([this.room(`${tag}-${i}`, "visitor"), this.room(`${tag}-${i}`, "agent")]);
      // One message each way proves the room relays before anything is measured.
      const got = waitFor(agent, (t) => this.relayedId("agent", t), 15_000, "warm-up relay");
      visitor.send(chatFrame(`w${i}`, "warm-up"));
      await got;
      return { visitor, agent };
    });
  }

  async openIdle(n: number, tag: string): Promise<WebSocket[]> {
    return pool(n, 32, (i) => this.room(`${tag}-${i}`, "visitor"));
  }

  relayedId(_side: Side, text: string): string | null {
    const f = tryJson(text);
    return f?.t === "send" && typeof f.clientId === "string" ? f.clientId : null;
  }

  kill(): void {
    if (this.child) stopGroup(this.child, "SIGKILL");
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    stopGroup(child);
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(resolve, 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.child = undefined;
  }
}

/** The minimal Durable Object relay (bench/do-relay) under `wrangler dev`: the platform floor. */
export class DoRelayTarget extends RelayTarget {
  readonly key = "doRelay" as const;
  readonly label = "DO relay (floor)";
  private state = "";

  async start(): Promise<void> {
    this.port = await freePort();
    this.state = scratchDir("parley-bench-relay-");
    const wrangler = `${root}node_modules/wrangler/bin/wrangler.js`;
    const args = ["dev", "--config", join(here, "../do-relay/wrangler.toml"), "--ip", "127.0.0.1", "--port", String(this.port)];
    args.push("--inspector-port", String(await freePort()), "--persist-to", this.state, "--show-interactive-dev-session=false", "--log-level", "error");
    const child = spawn(process.execPath, [wrangler, ...args], { cwd: root, env: wranglerEnv, stdio: ["ignore", "ignore", "pipe"], detached: true });
    this.child = child;
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`relay wrangler dev exited:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`relay wrangler dev did not start:\n${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/`)).ok) break;
      } catch {
        // not up yet
      }
      await sleep(250);
    }
  }

  processes(): ServerProcess[] {
    return workerdProcesses(this.child?.pid, this.port);
  }

  override async stop(): Promise<void> {
    await super.stop();
    if (this.state) rmSync(this.state, { recursive: true, force: true });
  }
}

/** The minimal Node `ws` relay (bench/node-relay), in a child process of its own: the reference. */
export class NodeRelayTarget extends RelayTarget {
  readonly key = "nodeRelay" as const;
  readonly label = "Node ws relay (ref)";

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(here, "../node-relay/server.ts"), "0"], { stdio: ["ignore", "pipe", "inherit"], detached: true });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("node relay did not start")), 15_000);
      child.stdout?.on("data", (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once("exit", (code) => reject(new Error(`node relay exited (${code})`)));
    });
  }

  processes(): ServerProcess[] {
    return this.child?.pid ? [{ pid: this.child.pid, role: "runtime" }] : [];
  }
}

/**
 * The workerd processes of a `wrangler dev` process group. wrangler runs two: the dev proxy that owns
 * the public port (it forwards every request and frame; production has no such hop) and the runtime
 * that runs the Worker and its Durable Objects.
 */
export function workerdProcesses(pgid: number | undefined, port: number): ServerProcess[] {
  if (!pgid) return [];
  return groupProcesses(pgid, "workerd").map((pid) => ({
    pid,
    role: new RegExp(`entry=127\\.0\\.0\\.1:${port}(\\s|$)`).test(cmdline(pid)) ? "proxy" : "runtime",
  }));
}
