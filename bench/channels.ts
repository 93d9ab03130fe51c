// `npm run bench:channels`: the channels on a fresh local Parley (wrangler dev, demo seed). Measures
// an API-channel message in (signed, stored, triaged, the bot's answer delivered to the integration
// before the response), an agent reply out to the integration, the webhook event of a message, and a
// mail in through local Email Routing. Prints one JSON object; `measureChannels()` returns it.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { ensureDevVars, prepareLocalState, startDevServer } from "../scripts/lib/dev-server.ts";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;
const stats = (xs: number[]) => ({ n: xs.length, p50Ms: round(pct(xs, 50)), p99Ms: round(pct(xs, 99)) });

/** Runs the measurements; `quick` sends fewer messages. */
export async function measureChannels(opts: { quick?: boolean } = {}) {
  const n = opts.quick ? 40 : 200;
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const text = /"text":"([^"]*)"/.exec(body)?.[1] ?? "";
      const key = `${req.url}|${text}`;
      if (!arrivals.has(key)) arrivals.set(key, performance.now());
      res.writeHead(200).end("{}");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  const state = mkdtempSync(join(tmpdir(), "parley-bench-channels-"));
  ensureDevVars();
  await prepareLocalState(state);
  const server = await startDevServer({ persistTo: state, quiet: true });
  const base = server.url;
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "admin@example.com", password: "parley-demo" }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const api = async (method: string, path: string, body?: unknown) =>
      (
        await fetch(`${base}/api/v1${path}`, {
          method,
          headers: { origin: base, cookie, "content-type": "application/json" },
          ...(body ? { body: JSON.stringify(body) } : {}),
        })
      ).json() as Promise<Record<string, any>>;
    const channel = (await api("POST", "/sites/demo/channels", { kind: "api", name: "Bench", outboundUrl: `${hook}/api` })).channel;
    await api("POST", "/sites/demo/webhooks", { url: `${hook}/events`, events: ["message.created"] });
    const signer = new Webhook(channel.generated.secret);

    const inbound: number[] = [];
    const eventLag: number[] = [];
    let conversationId = "";
    for (let i = 0; i < n; i++) {
      const text = `bench message ${i} where is my order`;
      const body = JSON.stringify({ id: `bench-${i}`, user: { id: `user-${i % 20}` }, text });
      const id = `msg_${i}`;
      const at = new Date();
      const started = performance.now();
      const res = await fetch(`${base}/channels/api/${channel.id}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signer.sign(id, at, body),
        },
        body,
      });
      const out = (await res.json()) as { messages: { conversationId: string }[] };
      inbound.push(performance.now() - started);
      conversationId = out.messages[0]!.conversationId;
      // The webhook event goes through the site's webhook object; wait for it (bounded).
      const key = `/events|${text}`;
      for (let w = 0; w < 200 && !arrivals.has(key); w++) await new Promise((r) => setTimeout(r, 5));
      if (arrivals.has(key)) eventLag.push(arrivals.get(key)! - started);
    }

    const outbound: number[] = [];
    for (let i = 0; i < Math.min(n, 100); i++) {
      const text = `agent reply ${i}`;
      const started = performance.now();
      await api("POST", `/conversations/${conversationId}/messages`, { text });
      outbound.push((arrivals.get(`/api|${text}`) ?? NaN) - started);
    }

    const email: number[] = [];
    for (let i = 0; i < Math.min(n, 100); i++) {
      const raw = `From: Bench ${i} <bench${i}@example.com>\r\nTo: support@demo.parley.test\r\nSubject: Bench ${i}\r\nMessage-ID: <bench-${i}@example.com>\r\n\r\nHello, where is my order?\r\n`;
      const started = performance.now();
      const res = await fetch(`${base}/cdn-cgi/local/email?from=bench${i}@example.com&to=support@demo.parley.test`, { method: "POST", body: raw });
      await res.text();
      email.push(performance.now() - started);
    }
    return {
      apiInbound: stats(inbound),
      webhookEventAfterInbound: stats(eventLag),
      apiOutboundAgentReply: stats(outbound.filter(Number.isFinite)),
      emailInbound: stats(email),
    };
  } finally {
    await server.stop();
    receiver.close();
    rmSync(state, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureChannels({ quick: process.argv.includes("--quick") }), null, 2));
}
