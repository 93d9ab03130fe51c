// Lossless messaging on the real stack: idempotent retries, resume after a disconnect, the same
// ordered history for several tabs and agents, relayed (not stored) typing, socket robustness, limits.

import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, MAX_TEXT_LENGTH, WELCOME_BATCH } from "../../protocol/src/frames.ts";
import type { ChatMessage } from "../../protocol/src/types.ts";
import { agentSocket, conversation, post, read, until, visitorTab } from "./conversation-fixtures.ts";
import { call, ORIGIN } from "./helpers.ts";

const sam = { id: "u_test", name: "Sam" };
const publicOnly = (list: ChatMessage[]) => list.filter((m) => !m.private).map((m) => `${m.seq}:${m.id}`);

describe("message log", () => {
  it("stores a message sent three times with the same client id once, and acknowledges every try", async () => {
    const f = await conversation();
    for (let i = 0; i < 3; i++) f.visitor.send({ t: "send", clientId: "dup-1", text: "where is my parcel?" });
    await until(() => f.visitor.frames.filter((x) => x.t === "ack" && x.clientId === "dup-1").length === 3, "three acks");
    const acks = f.visitor.frames.filter((x) => x.t === "ack" && x.clientId === "dup-1").map((x) => (x as { seq: number }).seq);
    expect(new Set(acks).size).toBe(1);
    // A retry from another tab (after a reconnect) is recognised too.
    const tab = await visitorTab(f);
    tab.send({ t: "send", clientId: "dup-1", text: "where is my parcel?" });
    await tab.waitFor("ack", (a) => a.clientId === "dup-1");
    const { messages } = await read(f);
    expect(messages.filter((m) => m.text === "where is my parcel?")).toHaveLength(1);

    // Agents' HTTP sends are idempotent by clientId as well: 201, then 200 with the same message.
    const statuses: number[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, { text: "On its way!", clientId: "a-1" });
      statuses.push(res.status);
      seqs.push(((await res.json()) as { message: ChatMessage }).message.seq);
    }
    expect(statuses).toEqual([201, 200, 200]);
    expect(new Set(seqs).size).toBe(1);
    expect((await read(f)).messages.filter((m) => m.text === "On its way!")).toHaveLength(1);
  });

  it("resumes after a disconnect with exactly the messages missed, in order", async () => {
    const f = await conversation();
    const before = f.visitor.messages();
    const lastSeen = before[before.length - 1]!.seq;
    f.visitor.close();
    for (const text of ["one", "two", "three"]) await f.stub.postAgentMessage({ agent: sam, text });
    await f.stub.postAgentMessage({ agent: sam, text: "note to self", private: true });
    const back = await visitorTab(f, lastSeen);
    const welcome = await back.waitFor("welcome");
    expect(welcome.messages.map((m) => [m.author, m.text])).toEqual([
      ["system", "Sam joined the conversation."],
      ["agent", "one"],
      ["agent", "two"],
      ["agent", "three"],
    ]);
    expect(welcome.messages.every((m) => m.seq > lastSeen)).toBe(true);
    expect(welcome.messages.map((m) => m.seq)).toEqual([...welcome.messages.map((m) => m.seq)].sort((a, b) => a - b));
  });

  it("gives two visitor tabs and two agents the same ordered history while all of them send at once", async () => {
    const f = await conversation();
    const tab2 = await visitorTab(f);
    const [agent1, agent2] = await Promise.all([agentSocket(f, f.agentCookie), agentSocket(f, f.ownerCookie)]);
    const clients = [f.visitor, tab2, agent1, agent2];
    const senders = ["v1", "v2", "a1", "a2"];
    for (let i = 0; i < 8; i++) clients.forEach((c, k) => c.send({ t: "send", clientId: `${senders[k]}-${i}`, text: `${senders[k]} #${i}` }));
    await until(async () => (await read(f)).messages.filter((m) => /^(v|a)\d #\d$/.test(m.text)).length === 32, "32 messages stored");
    const { messages } = await read(f);
    const expected = publicOnly(messages);
    await until(() => clients.every((c) => publicOnly(c.messages()).length === expected.length), "every client has the whole history");
    for (const c of clients) expect(publicOnly(c.messages())).toEqual(expected);
    // Each sender's messages keep the order they were sent in.
    for (const s of senders) {
      const mine = messages.filter((m) => m.text.startsWith(`${s} #`)).map((m) => m.text);
      expect(mine).toEqual(Array.from({ length: 8 }, (_, i) => `${s} #${i}`));
    }
  });

  it("streams a long backlog after the welcome, complete and in order", async () => {
    const f = await conversation();
    for (let i = 0; i < WELCOME_BATCH + 30; i++) await f.stub.postAgentMessage({ agent: sam, text: `line ${i}`, clientId: `bulk-${i}` });
    const fresh = await visitorTab(f, 0);
    const all = (await read(f)).messages.filter((m) => !m.private);
    await until(() => fresh.messages().length === all.length, "the whole backlog");
    expect(fresh.frames.find((x) => x.t === "welcome")!.messages as unknown[]).toHaveLength(WELCOME_BATCH);
    expect(fresh.messages().map((m) => m.seq)).toEqual(all.map((m) => m.seq));
    expect(fresh.frames.filter((x) => x.t === "message" && x.backlog).length).toBe(all.length - WELCOME_BATCH);
  });
});

describe("sockets", () => {
  it("relays typing and seen to the other side without storing them", async () => {
    const f = await conversation();
    const agent = await agentSocket(f, f.agentCookie);
    const count = (await read(f)).messages.length;
    f.visitor.send({ t: "typing", on: true });
    await agent.waitFor("typing", (t) => t.author === "visitor" && t.on);
    agent.send({ t: "typing", on: true });
    const typing = await f.visitor.waitFor("typing", (t) => t.author === "agent");
    expect(typing.name).toBe("Sam Agent");
    f.visitor.send({ t: "seen", seq: 3 });
    await agent.waitFor("seen", (s) => s.by === "visitor" && s.seq === 3);
    expect((await read(f)).messages).toHaveLength(count);
  });

  it("answers bad and oversized frames on one socket while the others carry on, and answers the close handshake", async () => {
    const f = await conversation();
    const agent = await agentSocket(f, f.agentCookie);
    const bad = await visitorTab(f);
    bad.send("{not json");
    await bad.waitFor("error", (e) => e.code === "bad_frame");
    bad.send(JSON.stringify({ t: "send", clientId: "big", text: "x".repeat(MAX_FRAME_BYTES) }));
    await bad.waitFor("error", (e) => e.code === "too_large");
    f.visitor.send({ t: "send", clientId: "still-fine", text: "still here" });
    await agent.waitFor("message", (m) => m.message.text === "still here");
    const closed = new Promise<number>((resolve) => bad.ws.addEventListener("close", (e) => resolve(e.code)));
    bad.close();
    expect(await closed).toBe(1000);
    f.visitor.send({ t: "send", clientId: "after-close", text: "after the other tab closed" });
    await agent.waitFor("message", (m) => m.message.text === "after the other tab closed");
  });
});

describe("message limits", () => {
  it("refuses over-long text and attachments the site does not allow, storing nothing", async () => {
    const f = await conversation();
    const count = (await read(f)).messages.length;
    f.visitor.send({ t: "send", clientId: "long", text: "x".repeat(MAX_TEXT_LENGTH + 1) });
    const tooLong = await f.visitor.waitFor("error", (e) => e.clientId === "long");
    expect(tooLong.code).toBe("too_long");
    const file = { id: "f1", name: "a.png", type: "image/png", size: 10, url: "/files/x/f1" };
    // This site switches visitor attachments off.
    const off = await call(`/api/v1/sites/${f.site}`, {
      method: "PATCH",
      cookie: f.ownerCookie,
      headers: { origin: ORIGIN },
      body: JSON.stringify({ settings: { attachments: { enabled: false } } }),
    });
    expect(off.status).toBe(200);
    f.visitor.send({ t: "send", clientId: "att", text: "see attached", attachments: [file] });
    expect((await f.visitor.waitFor("error", (e) => e.clientId === "att")).code).toBe("attachments_not_allowed");
    const res = await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, { text: "y".repeat(MAX_TEXT_LENGTH + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "too_long", message: `Messages are at most ${MAX_TEXT_LENGTH} characters.`, field: "text" } });
    const many = await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, { text: "files", attachments: Array(6).fill(file) });
    expect([many.status, ((await many.json()) as { error: { code: string } }).error.code]).toEqual([413, "too_many_attachments"]);
    expect((await read(f)).messages).toHaveLength(count);
    // A file that was never uploaded to this conversation is refused, however it is described.
    const forged = await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, { text: "here you go", attachments: [file] });
    expect([forged.status, ((await forged.json()) as { error: { code: string } }).error.code]).toEqual([400, "attachment_url"]);
    // Within the limits, an uploaded file is stored with the message, described as it was stored.
    const up = await call(`/api/v1/conversations/${f.conversationId}/attachments?name=a.png`, {
      method: "POST",
      cookie: f.agentCookie,
      headers: { origin: ORIGIN, "content-type": "image/png" },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
    });
    const { attachment } = (await up.json()) as { attachment: ChatMessage["attachments"] extends (infer A)[] | undefined ? A : never };
    const ok = await post(`/api/v1/conversations/${f.conversationId}/messages`, f.agentCookie, {
      text: "here you go",
      attachments: [{ ...attachment, name: "renamed.exe", size: 1, type: "text/html" }],
    });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { message: ChatMessage }).message.attachments).toEqual([attachment]);
  });
});
