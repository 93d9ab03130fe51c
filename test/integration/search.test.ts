// Full-text search (FTS5 trigram in local D1): Chinese and English messages, inside words, notes,
// filters, contacts, the inbox list's `q`, paging, and an erased customer's words never found.

import { describe, expect, it } from "vitest";
import { until } from "./conversation-fixtures.ts";
import { desk, handOff, send } from "./inbox-fixtures.ts";
import { call } from "./helpers.ts";

interface Result {
  messages: { items: { conversationId: string; author: string; private: boolean; snippet: string; conversation: { status: string } }[]; next: string | null };
  contacts: { id: string; name: string | null }[];
}

async function search(site: string, cookie: string, query: Record<string, string>): Promise<Result> {
  const res = await call(`/api/v1/sites/${site}/search?${new URLSearchParams(query)}`, { cookie });
  if (res.status !== 200) throw new Error(`search: ${res.status} ${await res.text()}`);
  return res.json();
}

describe("search", () => {
  it("finds messages in Chinese and English, inside words, with filters, and contacts", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const cookie = d.agents.ann!.cookie;
    const zh = await handOff(d.site, "人工客服，我想退款，订单号A12345还没到");
    const en = await handOff(d.site, "Human please: my ＲＥＦＵＮＤ for order B-777 never arrived");
    expect((await send(`/api/v1/conversations/${en.id}/messages`, cookie, { text: "Customer sounds upset, check warehouse Zeta", private: true })).status).toBe(
      201,
    );
    const found = (q: Record<string, string>) => search(d.site, cookie, q).then((r) => [...new Set(r.messages.items.map((m) => m.conversationId))]);
    await until(async () => (await found({ q: "warehouse" })).length === 1, "the note indexed");

    expect(await found({ q: "退款" })).toEqual([zh.id]); // two characters: below the trigram length
    expect(await found({ q: "我想退款" })).toEqual([zh.id]);
    expect(await found({ q: "12345" })).toEqual([zh.id]); // inside a word
    expect(await found({ q: "refund" })).toEqual([en.id]); // full-width text folded
    expect(await found({ q: "REFUND b-777" })).toEqual([en.id]);
    expect(await found({ q: "refund 退款" })).toEqual([]); // every word must match
    expect(await found({ q: "warehouse", author: "note" })).toEqual([en.id]);
    expect(await found({ q: "warehouse", author: "visitor" })).toEqual([]);
    expect(await found({ q: "退款", status: "resolved" })).toEqual([]);
    expect(await found({ q: "退款", status: "queued" })).toEqual([zh.id]);
    const hit = (await search(d.site, cookie, { q: "退款" })).messages.items[0]!;
    expect(hit).toMatchObject({ author: "visitor", private: false, conversation: { status: "queued" } });
    expect(hit.snippet).toContain("退款");

    // The inbox list filters by the same search.
    const listed = (await (await call(`/api/v1/sites/${d.site}/conversations?status=open&q=${encodeURIComponent("退款")}`, { cookie })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((c) => c.id)).toEqual([zh.id]);

    // Contacts: by name (two Chinese characters), by email, and the conversations of a matching contact.
    const contactId = (await (await call(`/api/v1/conversations/${zh.id}`, { cookie })).json()) as { contact: { id: string } };
    expect((await send(`/api/v1/contacts/${contactId.contact.id}`, cookie, { name: "李雷", emails: ["li.lei@example.com"] }, "PATCH")).status).toBe(200);
    expect((await search(d.site, cookie, { q: "李雷" })).contacts.map((c) => c.id)).toEqual([contactId.contact.id]);
    expect((await search(d.site, cookie, { q: "li.lei@example" })).contacts.map((c) => c.id)).toEqual([contactId.contact.id]);
    const byContact = (await (await call(`/api/v1/sites/${d.site}/conversations?q=${encodeURIComponent("li.lei")}`, { cookie })).json()) as {
      items: { id: string; contactName: string }[];
    };
    expect(byContact.items.map((c) => [c.id, c.contactName])).toEqual([[zh.id, "李雷"]]);
  });

  it("pages newest first, refuses bad input, stays within the site, and never finds an erased customer's words", async () => {
    const d = await desk({ assignment: "manual", agents: [{ key: "ann" }] });
    const other = await desk({ assignment: "manual", agents: [{ key: "zed" }] });
    const cookie = d.agents.ann!.cookie;
    const c = await handOff(d.site, "human please, parcel Quokka-1 is lost");
    for (let i = 2; i <= 4; i++) c.visitor.send({ t: "send", clientId: `q${i}`, text: `parcel Quokka-${i} is lost too` });
    await handOff(other.site, "human please, parcel Quokka-9 is lost");
    await until(async () => (await search(d.site, cookie, { q: "quokka" })).messages.items.length === 4, "four indexed");

    const page1 = await search(d.site, cookie, { q: "quokka", limit: "3" });
    expect(page1.messages.items.map((m) => m.snippet)).toEqual(["parcel Quokka-4 is lost too", "parcel Quokka-3 is lost too", "parcel Quokka-2 is lost too"]);
    const page2 = await search(d.site, cookie, { q: "quokka", limit: "3", cursor: page1.messages.next! });
    expect(page2.messages.items.map((m) => m.snippet)).toEqual(["human please, parcel Quokka-1 is lost"]);
    expect(page2.messages.next).toBeNull();

    const bad = await call(`/api/v1/sites/${d.site}/search?q=x&from=yesterday`, { cookie });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("from");
    expect((await call(`/api/v1/sites/${d.site}/search?q=`, { cookie })).status).toBe(400);
    expect((await call(`/api/v1/sites/${other.site}/search?q=quokka`, { cookie })).status).toBe(403);
    // Another site's inbox, console and conversations are closed to this agent.
    expect((await call(`/api/v1/sites/${other.site}/inbox`, { cookie })).status).toBe(403);
    expect((await call(`/api/v1/sites/${other.site}/live`, { cookie, headers: { upgrade: "websocket", origin: "https://parley.test" } })).status).toBe(403);
    const theirs = (await (await call(`/api/v1/sites/${other.site}/inbox`, { cookie: other.agents.zed!.cookie })).json()) as { queue: { id: string }[] };
    expect(
      (await call(`/api/v1/conversations/${theirs.queue[0]!.id}/claim`, { method: "POST", cookie, headers: { origin: "https://parley.test" } })).status,
    ).toBe(403);

    // Erase the customer: their words leave the index; the agent's reply stays findable.
    expect((await send(`/api/v1/conversations/${c.id}/messages`, d.ownerCookie, { text: "We found Quokka parcels in the depot" })).status).toBe(201);
    await until(async () => (await search(d.site, cookie, { q: "depot" })).messages.items.length === 1, "the reply indexed");
    const { contact } = (await (await call(`/api/v1/conversations/${c.id}`, { cookie })).json()) as { contact: { id: string } };
    expect(
      (
        await call(`/api/v1/contacts/${contact.id}?confirm=${contact.id}`, {
          method: "DELETE",
          cookie: d.ownerCookie,
          headers: { origin: "https://parley.test" },
        })
      ).status,
    ).toBe(200);
    const after = await search(d.site, cookie, { q: "quokka" });
    expect(after.messages.items.map((m) => m.author)).toEqual(["agent"]);
    expect(after.contacts).toEqual([]);
  });
});
