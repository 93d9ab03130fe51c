// Parley as a load-generator target: a fresh local installation (wrangler dev, new state folder, demo
// seed) driven through the real widget and console routes. A chat is a visitor who asked for a person
// and an agent who took the conversation, each on their own socket.

import { rmSync } from "node:fs";
import type WebSocket from "ws";
import { parseServerFrame } from "../../protocol/src/frames.ts";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../worker/src/db/seed.ts";
import { ensureDevVars, prepareLocalState, startDevServer, stopGroup, type DevServer } from "../../scripts/lib/dev-server.ts";
import { scratchDir, type ServerProcess } from "../lib/proc.ts";
import { pool } from "../lib/sockets.ts";
import { ParleyClient } from "./parley-client.ts";
import { workerdProcesses } from "./relay-target.ts";
import type { ChatPair, Side, Target } from "./target.ts";

const AGENT = DEMO_LOGINS.find((u) => u.role === "agent")!;
const OWNER = DEMO_LOGINS.find((u) => u.role === "owner")!;

export class ParleyTarget implements Target {
  readonly key = "parley" as const;
  readonly label = "Parley";
  server: DevServer | undefined;
  private state = "";
  private visitors = 0;
  private cookie: string | undefined;
  private agents: string[] = [];
  client!: ParleyClient;

  async start(): Promise<void> {
    this.state = scratchDir("parley-bench-");
    this.agents = [];
    this.cookie = undefined;
    ensureDevVars();
    await prepareLocalState(this.state);
    // Hundreds of visitors from one address at rates no person types: measure throughput, not the rate limits.
    this.server = await startDevServer({ persistTo: this.state, quiet: true, vars: { PARLEY_RATE_LIMITS: "off" } });
    this.client = new ParleyClient(this.server.url);
  }

  /** The demo agent's session cookie (one sign-in, reused for every agent socket). */
  async agentCookie(): Promise<string> {
    return (this.cookie ??= await this.client.login(AGENT.email, DEMO_PASSWORD));
  }

  /**
   * `n` agents of the demo site, each with an account and a session of their own (made once, by
   * invitation) and a member of every team, so auto-assignment can give them conversations.
   */
  async agentCookies(n: number): Promise<string[]> {
    if (this.agents.length < n) {
      const owner = await this.client.login(OWNER.email, DEMO_PASSWORD);
      const from = this.agents.length;
      const more = await pool(n - from, 4, (i) =>
        this.client.newAgent(owner, `bench-agent-${from + i + 1}@example.com`, `Bench Agent ${from + i + 1}`, "bench-password-1"),
      );
      await this.client.joinAllTeams(
        owner,
        more.map((a) => a.id),
      );
      this.agents.push(...more.map((a) => a.cookie));
    }
    return this.agents.slice(0, n);
  }

  async openPairs(n: number, tag: string): Promise<ChatPair[]> {
    const cookie = await this.agentCookie();
    return pool(n, 8, async (i) => {
      const v = await this.client.visitor(this.visitors++);
      const visitor = await this.client.visitorSocket(v);
      await this.client.handOff(visitor, `${tag}h${i}`);
      const agent = await this.client.agentSocket(v.conversationId, cookie);
      await this.client.greet(agent, visitor, `${tag}g${i}`);
      return { visitor, agent };
    });
  }

  async openIdle(n: number): Promise<WebSocket[]> {
    return pool(n, 16, async () => this.client.visitorSocket(await this.client.visitor(this.visitors++)));
  }

  relayedId(side: Side, text: string): string | null {
    const f = parseServerFrame(text);
    if (f?.t !== "message") return null;
    const from = side === "agent" ? "visitor" : "agent";
    return f.message.author === from && f.message.clientId ? f.message.clientId : null;
  }

  errorCode(text: string): string | null {
    const f = parseServerFrame(text);
    return f?.t === "error" ? f.code : null;
  }

  processes(): ServerProcess[] {
    return workerdProcesses(this.server?.process.pid, this.server?.port ?? 0);
  }

  kill(): void {
    if (this.server) stopGroup(this.server.process, "SIGKILL");
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    if (this.state) rmSync(this.state, { recursive: true, force: true });
  }
}
