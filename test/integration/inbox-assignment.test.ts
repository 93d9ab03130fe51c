// The Inbox on the real stack: queue order, auto-assignment by round robin and by least busy within
// capacity, per-team strategies, presence from consoles and chosen statuses, manual claims.

import { describe, expect, it } from "vitest";
import { until } from "./conversation-fixtures.ts";
import { assignedTo, desk, handOff, openConsole, send, stateOf } from "./inbox-fixtures.ts";
import { call } from "./helpers.ts";

type Inbox = { queue: { id: string; priority: string }[]; agents: { id: string; status: string; load: number; capacity: number }[] };
const inbox = async (site: string, cookie: string) => (await (await call(`/api/v1/sites/${site}/inbox`, { cookie })).json()) as Inbox;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the queue", () => {
  it("orders waiting conversations by priority, then by how long they have waited", async () => {
    const d = await desk({ assignment: "round_robin", agents: [{ key: "ann" }] }); // nobody online: everything waits
    const first = await handOff(d.site);
    await pause(5);
    const second = await handOff(d.site);
    await pause(5);
    const urgent = await handOff(d.site, "This is unacceptable, I want my money back"); // the starter rules: urgent complaint
    await pause(5);
    const third = await handOff(d.site);
    expect((await send(`/api/v1/conversations/${third.id}`, d.agents.ann!.cookie, { priority: "high" }, "PATCH")).status).toBe(200);
    await until(async () => (await inbox(d.site, d.agents.ann!.cookie)).queue.length === 4, "four waiting");
    await until(async () => (await inbox(d.site, d.agents.ann!.cookie)).queue[1]?.id === third.id, "the high-priority one second");

    const q = await inbox(d.site, d.agents.ann!.cookie);
    expect(q.queue.map((c) => c.id)).toEqual([urgent.id, third.id, first.id, second.id]);
    expect(q.queue.map((c) => c.priority)).toEqual(["urgent", "high", "normal", "normal"]);
    // A console gets the same order, and the widget its position in it.
    const console = await openConsole(d.site, d.agents.ann!.cookie);
    const welcome = console.frames.find((f) => f.t === "welcome")!;
    expect(welcome.t === "welcome" && welcome.queue).toEqual([urgent.id, third.id, first.id, second.id]);
    expect([...console.conversations().keys()].sort()).toEqual([urgent.id, third.id, first.id, second.id].sort());
    console.close();
  });
});

describe("auto-assignment", () => {
  it("round robin: takes turns among the online agents and stops at each one's capacity", async () => {
    const d = await desk({
      assignment: "round_robin",
      agents: [
        { key: "ann", capacity: 2 },
        { key: "bob", capacity: 2 },
        { key: "cat", capacity: 0 },
      ],
    });
    const { ann, bob, cat } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const consoles = await Promise.all([ann, bob, cat].map((a) => openConsole(d.site, a!.cookie)));
    const expected = [ann!.id, bob!.id, ann!.id, bob!.id];
    const ids: string[] = [];
    for (const who of expected) {
      const c = await handOff(d.site);
      ids.push(c.id);
      await assignedTo(ann!.cookie, c.id, who);
    }
    // The first visitor was promised a person at once: someone had room.
    const bot = async (id: string) =>
      ((await (await call(`/api/v1/conversations/${id}`, { cookie: ann!.cookie })).json()) as { messages: { author: string; text: string }[] }).messages
        .filter((m) => m.author === "bot")
        .map((m) => m.text);
    expect(await bot(ids[0]!)).toContain("A person will join this chat in a moment.");
    // Everyone is full (cat takes nothing: capacity 0): the fifth waits, and is told so honestly.
    const fifth = await handOff(d.site);
    await pause(100);
    expect((await stateOf(ann!.cookie, fifth.id)).status).toBe("queued");
    const told = await bot(fifth.id);
    expect(told.some((t) => t.includes("You're in the queue"))).toBe(true);
    expect(told).not.toContain("A person will join this chat in a moment.");
    const state = await inbox(d.site, ann!.cookie);
    expect(state.queue.map((c) => c.id)).toEqual([fifth.id]);
    expect(state.agents.filter((a) => [ann!.id, bob!.id, cat!.id].includes(a.id)).map((a) => [a.load, a.capacity])).toEqual([
      [2, 2],
      [2, 2],
      [0, 0],
    ]);
    // The visitor was told who joined.
    const s = await stateOf(ann!.cookie, ids[0]!);
    expect(s.status).toBe("assigned");

    // A resolved conversation frees a place: the waiting one goes to whoever has room.
    expect((await send(`/api/v1/conversations/${ids[1]}/status`, bob!.cookie, { status: "resolved" })).status).toBe(200);
    await assignedTo(ann!.cookie, fifth.id, bob!.id);
    for (const c of consoles) c.close();
  });

  it("least busy: gives each conversation to the online agent with the fewest, ties to whoever waited longest", async () => {
    const d = await desk({
      assignment: "least_busy",
      agents: [
        { key: "ann", capacity: 3 },
        { key: "bob", capacity: 3 },
      ],
    });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    // Ann already has two (claimed by hand while nobody was online).
    for (let i = 0; i < 2; i++) {
      const c = await handOff(d.site);
      expect((await send(`/api/v1/conversations/${c.id}/claim`, ann!.cookie, {})).status).toBe(200);
    }
    const consoles = [await openConsole(d.site, ann!.cookie), await openConsole(d.site, bob!.cookie)];
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await handOff(d.site);
      await until(async () => (await stateOf(ann!.cookie, c.id)).assignee !== null, "assigned");
      got.push((await stateOf(ann!.cookie, c.id)).assignee!.id);
    }
    // Bob (0) twice to catch up, then a tie at 2–2 goes to Ann (never auto-assigned), then Bob (Ann is full at 3).
    expect(got).toEqual([bob!.id, bob!.id, ann!.id, bob!.id]);
    const full = await handOff(d.site);
    await pause(100);
    expect((await stateOf(ann!.cookie, full.id)).status).toBe("queued");
    for (const c of consoles) c.close();
  });

  it("uses each team's own strategy and only the team's members; a manual team waits for a claim", async () => {
    const d = await desk({
      assignment: "round_robin",
      agents: [
        { key: "ann", teams: ["support"] },
        { key: "bob", teams: ["complaints"] },
      ],
      teamAssignment: { complaints: "manual" },
    });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const consoles = [await openConsole(d.site, ann!.cookie), await openConsole(d.site, bob!.cookie)];
    const support = await handOff(d.site);
    await assignedTo(ann!.cookie, support.id, ann!.id);
    const complaint = await handOff(d.site, "This is unacceptable, I want my money back");
    await pause(150);
    expect(await stateOf(bob!.cookie, complaint.id)).toMatchObject({ status: "queued", team: "complaints" });
    // A manual claim; another agent's claim is then refused and changes nothing.
    expect((await send(`/api/v1/conversations/${complaint.id}/claim`, bob!.cookie, {})).status).toBe(200);
    const refused = await send(`/api/v1/conversations/${complaint.id}/claim`, ann!.cookie, {});
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("already_assigned");
    expect((await stateOf(bob!.cookie, complaint.id)).assignee?.id).toBe(bob!.id);
    // Switching the team to least busy (settings) takes effect at once.
    const other = await handOff(d.site, "I want to file a complaint, this is unacceptable");
    await pause(100);
    expect((await stateOf(bob!.cookie, other.id)).status).toBe("queued");
    expect((await send(`/api/v1/sites/${d.site}/teams/complaints`, d.ownerCookie, { assignment: "least_busy" }, "PATCH")).status).toBe(200);
    await assignedTo(bob!.cookie, other.id, bob!.id);
    for (const c of consoles) c.close();
  });
});

describe("presence", () => {
  it("follows consoles and chosen statuses; away agents get nothing, coming back online picks up the queue", async () => {
    const d = await desk({ assignment: "round_robin", agents: [{ key: "ann" }, { key: "bob" }] });
    const { ann, bob } = d.agents as Record<string, NonNullable<(typeof d.agents)[string]>>;
    const watcher = await openConsole(d.site, bob!.cookie);
    watcher.send({ t: "presence", status: "away" }); // Bob watches but takes nothing
    await until(() => watcher.statusOf(bob!.id) === "away", "bob away");
    expect(watcher.statusOf(ann!.id)).toBe("offline");

    const a = await openConsole(d.site, ann!.cookie);
    await until(() => watcher.statusOf(ann!.id) === "online", "ann online");
    a.send({ t: "presence", status: "away" });
    await until(() => watcher.statusOf(ann!.id) === "away", "ann away");
    const waiting = await handOff(d.site);
    await pause(150);
    expect((await stateOf(ann!.cookie, waiting.id)).status).toBe("queued");
    expect((await inbox(d.site, ann!.cookie)).queue.map((c) => c.id)).toEqual([waiting.id]);

    a.send({ t: "presence", status: "online" });
    await assignedTo(ann!.cookie, waiting.id, ann!.id);
    await until(() => watcher.presence().find((p) => p.id === ann!.id)?.load === 1, "ann's load shown");

    // A second tab and then closing one keeps Ann online; closing the last makes her offline.
    const tab2 = await openConsole(d.site, ann!.cookie);
    a.close();
    await pause(50);
    expect(watcher.statusOf(ann!.id)).toBe("online");
    tab2.close();
    await until(() => watcher.statusOf(ann!.id) === "offline", "ann offline");
    // Her chosen status outlives the connection: she comes back as she left (online).
    const again = await openConsole(d.site, ann!.cookie);
    await until(() => watcher.statusOf(ann!.id) === "online", "ann online again");
    again.close();
    watcher.close();
  });
});
