// A local fake of the providers' HTTP APIs, speaking their real formats, for the workerd tests: the
// Telegram Bot API, the WhatsApp Cloud (Graph) API, Twilio's Messages API, and a webhook receiver.
// It checks credentials the way the providers do, answers like them, and records every request
// (GET /__log?path=<prefix>) so tests can assert on the exact request Parley sent.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  size: number;
  at: number;
}

/** Bytes that look like a small JPEG (what the media endpoints serve). */
export const FAKE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]);

const log: Recorded[] = [];
/** Scripted answers per receiver box: status codes used one by one, then 200. */
const scripts = new Map<string, number[]>();
let counter = 1000;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function telegram(res: ServerResponse, parts: string[], body: string, contentType: string, base: string): void {
  // /telegram/bot<token>/<method>  or  /telegram/file/bot<token>/<path>
  if (parts[1] === "file") {
    res.writeHead(200, { "content-type": "image/jpeg" });
    res.end(FAKE_JPEG);
    return;
  }
  const token = (parts[1] ?? "").replace(/^bot/, "");
  if (!/^\d+:[\w-]{20,}$/.test(token) || token.includes("bad")) return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
  const method = parts[2];
  const args = contentType.includes("json") ? (JSON.parse(body || "{}") as Record<string, unknown>) : {};
  switch (method) {
    case "getMe":
      return json(res, 200, { ok: true, result: { id: 7000001, is_bot: true, first_name: "Parley Test", username: "parley_test_bot" } });
    case "answerCallbackQuery":
      return json(res, 200, { ok: true, result: true });
    case "setWebhook":
      return json(res, 200, { ok: true, result: true, description: "Webhook was set" });
    case "getFile":
      return json(res, 200, {
        ok: true,
        result: { file_id: args.file_id, file_unique_id: "AQADfake", file_size: FAKE_JPEG.length, file_path: "photos/file_1.jpg" },
      });
    case "sendMessage":
      if (String(args.chat_id) === "400") return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
      if (String(args.chat_id) === "500") return json(res, 502, { ok: false, error_code: 502, description: "Bad Gateway" });
      return json(res, 200, {
        ok: true,
        result: { message_id: counter++, chat: { id: Number(args.chat_id), type: "private" }, date: Math.floor(Date.now() / 1000), text: args.text },
      });
    case "sendDocument":
    case "sendPhoto":
      return json(res, 200, { ok: true, result: { message_id: counter++, date: Math.floor(Date.now() / 1000) } });
    default:
      void base;
      return json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  }
}

function graph(req: IncomingMessage, res: ServerResponse, parts: string[], body: string, base: string): void {
  // /graph/v21.0/<id>[/messages|/media]  or  /graph/media-bytes/<id>
  const auth = req.headers.authorization ?? "";
  if (!/^Bearer \S{10,}$/.test(auth) || auth.includes("bad"))
    return json(res, 401, { error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190 } });
  if (parts[1] === "media-bytes") {
    res.writeHead(200, { "content-type": "image/jpeg" });
    res.end(FAKE_JPEG);
    return;
  }
  const [, , id, edge] = parts;
  if (edge === "messages") {
    const m = JSON.parse(body || "{}") as { to?: string };
    if (m.to === "15550000400")
      return json(res, 400, {
        error: {
          message: "(#131047) Re-engagement message",
          type: "OAuthException",
          code: 131047,
          error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
        },
      });
    return json(res, 200, { messaging_product: "whatsapp", contacts: [{ input: m.to, wa_id: m.to }], messages: [{ id: `wamid.FAKE${counter++}` }] });
  }
  if (edge === "media") return json(res, 200, { id: `media-up-${counter++}` });
  if (req.method === "GET" && /^\d{3,}$/.test(id ?? "") && req.url?.includes("fields="))
    return json(res, 200, { display_phone_number: "+1 555-000-1234", verified_name: "Parley Test Shop", id });
  return json(res, 200, {
    messaging_product: "whatsapp",
    url: `${base}/graph/media-bytes/${id}`,
    mime_type: "image/jpeg",
    sha256: "fake",
    file_size: FAKE_JPEG.length,
    id,
  });
}

function twilio(req: IncomingMessage, res: ServerResponse, parts: string[], body: string): void {
  // /twilio/2010-04-01/Accounts/<sid>[.json|/Messages.json]  or  /twilio/media/<name>
  if (parts[1] === "media") {
    res.writeHead(200, { "content-type": "image/jpeg" });
    res.end(FAKE_JPEG);
    return;
  }
  const [user, pass] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
    .toString()
    .split(":");
  const sid = (parts[4] ?? "").replace(/\.json$/, "");
  if (!user || user !== sid || !pass || pass.includes("bad"))
    return json(res, 401, { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });
  if (parts[5] === "Messages.json") {
    const form = new URLSearchParams(body);
    if (form.get("To") === "+15550000400")
      return json(res, 400, {
        code: 21211,
        message: `The 'To' number ${form.get("To")} is not a valid phone number.`,
        more_info: "https://www.twilio.com/docs/errors/21211",
        status: 400,
      });
    const id = `SM${(counter++).toString(16).padStart(32, "0")}`;
    return json(res, 201, {
      sid: id,
      account_sid: sid,
      to: form.get("To"),
      from: form.get("From"),
      body: form.get("Body"),
      status: "queued",
      num_media: String(form.getAll("MediaUrl").length),
      api_version: "2010-04-01",
    });
  }
  return json(res, 200, { sid, friendly_name: "Parley test account", status: "active", type: "Full" });
}

function handle(req: IncomingMessage, res: ServerResponse, body: Buffer, base: string): void {
  const url = new URL(req.url ?? "/", base);
  const parts = url.pathname.split("/").filter(Boolean);
  if (url.pathname === "/__log") {
    const prefix = url.searchParams.get("path") ?? "/";
    return json(
      res,
      200,
      log.filter((r) => r.path.startsWith(prefix)),
    );
  }
  if (url.pathname === "/__script") {
    scripts.set(url.searchParams.get("box") ?? "", JSON.parse(body.toString() || "[]") as number[]);
    return json(res, 200, { ok: true });
  }
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
  log.push({
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: body.toString("utf8"),
    size: body.length,
    at: Date.now(),
  });
  if (log.length > 5000) log.splice(0, 1000);
  const text = body.toString("utf8");
  switch (parts[0]) {
    case "telegram":
      return telegram(res, parts, text, req.headers["content-type"] ?? "", base);
    case "graph":
      return graph(req, res, parts, text, base);
    case "twilio":
      return twilio(req, res, parts, text);
    case "hooks": {
      const queue = scripts.get(parts[1] ?? "") ?? [];
      const status = queue.shift() ?? 200;
      return json(res, status, status < 300 ? { received: true } : { error: "scripted failure" });
    }
    default:
      return json(res, 404, { error: "unknown fake endpoint" });
  }
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeProviders(): Promise<{ url: string; server: Server }> {
  let base = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks), base);
      } catch (e) {
        json(res, 500, { error: String(e) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url: base, server };
}
