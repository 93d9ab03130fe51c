// The reference: a minimal chat relay on Node with `ws`. A socket joins /rooms/<id>?role=visitor|agent
// and every frame it sends goes to the sockets of the other role in its room, nothing more.
// Run: node bench/node-relay/server.ts <port>  (prints "listening <port>" once it accepts connections).

import { WebSocketServer, type WebSocket } from "ws";

const port = Number(process.argv[2] ?? 0);
const rooms = new Map<string, { visitor: Set<WebSocket>; agent: Set<WebSocket> }>();
const wss = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false, maxPayload: 16 * 1024 });

wss.on("connection", (ws, req) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const m = /^\/rooms\/([\w-]{1,64})$/.exec(url.pathname);
  if (!m) return ws.close(1008, "unknown path");
  const role = url.searchParams.get("role") === "agent" ? "agent" : "visitor";
  let room = rooms.get(m[1]!);
  if (!room) rooms.set(m[1]!, (room = { visitor: new Set(), agent: new Set() }));
  const r = room;
  r[role].add(ws);
  const peers = role === "agent" ? r.visitor : r.agent;
  ws.on("message", (data, isBinary) => {
    for (const peer of peers) peer.send(data, { binary: isBinary });
  });
  ws.on("close", () => {
    r[role].delete(ws);
    if (r.visitor.size === 0 && r.agent.size === 0) rooms.delete(m[1]!);
  });
  ws.on("error", () => ws.terminate());
});

wss.on("listening", () => {
  const addr = wss.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : port}`);
});
process.on("SIGTERM", () => process.exit(0));
