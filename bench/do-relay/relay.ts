// The platform floor: the smallest chat relay on a Durable Object with the WebSocket Hibernation API.
// One object per room; a socket joins /rooms/<id>?role=visitor|agent and every frame it sends goes to
// the sockets of the other role. No storage, no parsing: what is left is the platform's own cost.

import { DurableObject } from "cloudflare:workers";

interface RelayEnv {
  ROOM: DurableObjectNamespace<Room>;
}

export class Room extends DurableObject<RelayEnv> {
  override async fetch(request: Request): Promise<Response> {
    const role = new URL(request.url).searchParams.get("role") === "agent" ? "agent" : "visitor";
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1], [role]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const other = this.ctx.getTags(ws)[0] === "agent" ? "visitor" : "agent";
    for (const peer of this.ctx.getWebSockets(other)) peer.send(data);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }
}

export default {
  async fetch(request: Request, env: RelayEnv): Promise<Response> {
    const path = new URL(request.url).pathname;
    const m = /^\/rooms\/([\w-]{1,64})$/.exec(path);
    if (!m) return new Response(path === "/" ? "relay" : "not found", { status: path === "/" ? 200 : 404 });
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    return env.ROOM.get(env.ROOM.idFromName(m[1]!)).fetch(request);
  },
} satisfies ExportedHandler<RelayEnv>;
