// Fault test (`npm run test:fault`): several conversations stream messages (visitors and agents) while
// `wrangler dev` is killed with SIGKILL and restarted on the same persistent state folder. Clients
// reconnect by themselves, resume from their last seq and re-send what was not acknowledged. Then every
// message is checked: each acknowledged one stored exactly once, per sender in order, nothing lost,
// every client holding exactly the server's history. Loopback only; bounded to about two minutes.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChatMessage, ConversationSummary } from "../../protocol/src/types.ts";
import { buildAll } from "../../scripts/build.ts";
import { ensureDevVars, prepareLocalState, root, startDevServer, stopGroup, type DevServer } from "../../scripts/lib/dev-server.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SITE } from "../../worker/src/db/seed.ts";
import { ChatClient } from "./chat-client.ts";
import { verify, type ConversationUnderTest } from "./verify.ts";

const CONVERSATIONS = Number(process.env.FAULT_CONVERSATIONS ?? 8);
const WITH_AGENT = Math.ceil(CONVERSATIONS / 2);
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 2);
/** Each sender writes a message this often: a busy chat, well below what one local workerd can store. */
const SEND_EVERY_MS = Number(process.env.FAULT_SEND_EVERY_MS ?? 200);
/** Clients here send faster than people type, on purpose: this test is about durability, not rate limits. */
const NO_RATE_LIMITS = { PARLEY_RATE_LIMITS: "off" };
const STREAM_MS = 2500;
const DEADLINE_MS = 150_000;

const t0 = Date.now();
const log = (msg: string) => console.log(`[fault ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
  return Date.now() - start;
}

let server: DevServer | undefined;
const state = mkdtempSync(join(tmpdir(), "parley-fault-"));
const watchdog = setTimeout(() => {
  console.error(`fault test exceeded ${DEADLINE_MS / 1000} s`);
  if (server) stopGroup(server.process, "SIGKILL");
  process.exit(1);
}, DEADLINE_MS);

async function restart(port: number): Promise<DevServer> {
  try {
    return await startDevServer({ port, persistTo: state, quiet: true, vars: NO_RATE_LIMITS });
  } catch {
    log(`port ${port} not free yet; restarting on another port`);
    return startDevServer({ persistTo: state, quiet: true, vars: NO_RATE_LIMITS });
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

try {
  await buildAll();
  ensureDevVars();
  await prepareLocalState(state);
  server = await startDevServer({ persistTo: state, quiet: true, vars: NO_RATE_LIMITS });
  let base = server.url;
  const ws = () => base.replace(/^http/, "ws");
  log(`wrangler dev on ${base}, state in ${state}`);

  const agent = DEMO_LOGINS.find((u) => u.role === "agent")!;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: agent.email, password: DEMO_PASSWORD }),
  });
  const cookie = (await json<unknown>(login), login.headers.get("set-cookie")!.split(";")[0]!);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${base}/api/v1${path}`, { ...init, headers: { cookie, origin: base, "content-type": "application/json", ...(init.headers ?? {}) } });

  const conversations: ConversationUnderTest[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { token } = await json<{ token: string }>(await fetch(`${base}/widget/v1/sites/${DEMO_SITE}/session`, { method: "POST", body: "{}" }));
    const { conversation } = await json<{ conversation: { id: string } }>(
      await fetch(`${base}/widget/v1/sites/${DEMO_SITE}/conversations`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" }),
    );
    const id = conversation.id;
    const visitor = new ChatClient(`v${i}`, () => `${ws()}/widget/v1/sites/${DEMO_SITE}/conversations/${id}/ws?token=${encodeURIComponent(token)}`);
    const c: ConversationUnderTest = { id, clients: [visitor] };
    visitor.connect();
    await waitFor(() => visitor.welcomed, "visitor welcome", 10_000);
    if (i < WITH_AGENT) {
      // Half the conversations are with a person (agent sending too), half still with the bot.
      visitor.sendNext("I need a human please");
      await waitFor(() => visitor.unacked.length === 0, "hand-off message", 10_000);
      await json(await api(`/conversations/${id}/assign`, { method: "POST", body: JSON.stringify({ agentId: `u_demo_agent` }) }));
      const agentClient = new ChatClient(`a${i}`, () => `${ws()}/api/v1/conversations/${id}/ws`, { cookie, origin: base });
      agentClient.connect();
      await waitFor(() => agentClient.welcomed, "agent welcome", 10_000);
      c.clients.push(agentClient);
    }
    conversations.push(c);
  }
  const clients = conversations.flatMap((c) => c.clients);
  log(`${conversations.length} conversations, ${clients.length} senders (${WITH_AGENT} with an agent)`);

  let sending = true;
  const pump = setInterval(() => {
    if (sending) for (const c of clients) c.sendNext();
  }, SEND_EVERY_MS);

  const rounds: Record<string, number>[] = [];
  // A timer that comes due after the first kill (set by the old process, fired by the restarted one).
  let timerRound: { id: string; until: number; killedAt: number } | undefined;
  const snoozeUntilDowntime = async () => {
    const { token } = await json<{ token: string }>(await fetch(`${base}/widget/v1/sites/${DEMO_SITE}/session`, { method: "POST", body: "{}" }));
    const { conversation } = await json<{ conversation: { id: string } }>(
      await fetch(`${base}/widget/v1/sites/${DEMO_SITE}/conversations`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" }),
    );
    await json(await api(`/conversations/${conversation.id}/assign`, { method: "POST", body: JSON.stringify({ agentId: "u_demo_agent" }) }));
    const until = Date.now() + 5000;
    await json(await api(`/conversations/${conversation.id}/status`, { method: "POST", body: JSON.stringify({ status: "snoozed", snoozeUntil: until }) }));
    return { id: conversation.id, until };
  };
  for (let r = 1; r <= ROUNDS; r++) {
    await sleep(STREAM_MS + Math.floor(Math.random() * 500));
    // Kill in the middle of a burst, so some messages are on the wire, some stored but not yet acknowledged.
    for (let b = 0; b < 10; b++) for (const c of clients) c.sendNext();
    await sleep(20 + Math.floor(Math.random() * 60));
    const acked = clients.reduce((n, c) => n + c.stats.acked, 0);
    const sent = clients.reduce((n, c) => n + c.stats.sent, 0);
    const inFlight = clients.reduce((n, c) => n + c.unacked.length, 0);
    const port = server.port;
    const timer = r === 1 ? await snoozeUntilDowntime() : undefined;
    stopGroup(server.process, "SIGKILL");
    await new Promise<void>((resolve) =>
      server!.process.exitCode !== null || server!.process.signalCode !== null ? resolve() : server!.process.once("exit", () => resolve()),
    );
    const killedAt = Date.now();
    if (timer) timerRound = { ...timer, killedAt };
    log(`round ${r}: killed wrangler dev (SIGKILL) with ${sent} sent, ${acked} acknowledged, ${inFlight} in flight`);
    server = await restart(port);
    base = server.url;
    const restartMs = Date.now() - killedAt;
    const reconnectMs = await waitFor(() => clients.every((c) => c.welcomed), "every client to reconnect", 30_000);
    log(`round ${r}: restarted in ${restartMs} ms; all ${clients.length} clients resumed ${reconnectMs} ms later`);
    const storedButUnacked = clients.reduce((n, c) => n + c.stats.storedButUnacked, 0) - rounds.reduce((n, x) => n + (x.storedButUnacked ?? 0), 0);
    rounds.push({ round: r, sentBeforeKill: sent, ackedBeforeKill: acked, inFlightAtKill: inFlight, storedButUnacked, restartMs, reconnectMs });
  }
  await sleep(STREAM_MS);
  sending = false;
  clearInterval(pump);
  const drainMs = await waitFor(() => clients.every((c) => c.unacked.length === 0), "every message to be acknowledged", 30_000);
  log(`stream stopped; outboxes drained in ${drainMs} ms`);

  // The snooze came due after the kill; the restarted server's alarm must have fired it, unprompted.
  const t = timerRound!;
  type TimerDetail = { conversation: { status: string }; messages: ChatMessage[] };
  let timerDetail = await json<TimerDetail>(await api(`/conversations/${t.id}`));
  const waitUntil = Math.max(t.until, Date.now()) + 10_000;
  while (!timerDetail.messages.some((m) => m.event === "snooze-ended") && Date.now() < waitUntil) {
    await sleep(250);
    timerDetail = await json<TimerDetail>(await api(`/conversations/${t.id}`));
  }
  const woke = timerDetail.messages.find((m) => m.event === "snooze-ended");
  const timerOk = t.until > t.killedAt && !!woke && woke.createdAt >= t.until && timerDetail.conversation.status === "assigned";
  const timerFired = {
    dueAfterKillMs: t.until - t.killedAt,
    firedAfterKillMs: woke ? woke.createdAt - t.killedAt : null,
    status: timerDetail.conversation.status,
  };
  log(
    `snooze due ${timerFired.dueAfterKillMs} ms after the first kill: ${woke ? `fired ${timerFired.firedAfterKillMs} ms after the kill, by the restarted server` : "DID NOT FIRE"}`,
  );

  const fetchDetail = async (id: string) => json<{ conversation: { messageCount: number }; messages: ChatMessage[] }>(await api(`/conversations/${id}`));
  const listIndex = async () => (await json<{ items: ConversationSummary[] }>(await api(`/sites/${DEMO_SITE}/conversations?limit=200`))).items;
  const result = await verify(conversations, fetchDetail, listIndex);
  const report = {
    conversations: conversations.length,
    senders: clients.length,
    sendEveryMs: SEND_EVERY_MS,
    rounds,
    timerAcrossRestart: timerFired,
    ...result.figures,
    violations: [...result.violations, ...(timerOk ? [] : ["the snooze that came due while the server was down did not fire after the restart"])],
    durationMs: Date.now() - t0,
  };
  mkdirSync(`${root}test-results`, { recursive: true });
  writeFileSync(`${root}test-results/fault.json`, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  for (const c of clients) c.stop();
  if (report.violations.length) {
    console.error(`FAULT TEST FAILED: ${report.violations.length} violation(s)`);
    process.exitCode = 1;
  } else log("every acknowledged message is stored exactly once, in order; nothing lost; every client has exactly the server's history");
} catch (e) {
  console.error("fault test error:", e);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  if (server) await server.stop();
  rmSync(state, { recursive: true, force: true });
  // esbuild's service (from the build) would keep Node alive.
  process.exit(process.exitCode ?? 0);
}
