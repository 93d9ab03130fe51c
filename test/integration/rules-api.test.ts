// The rules API on the real stack: validate + publish (refused as a whole, published version stays in
// force), versions and restore, the simulator, and saved test cases that block a publish they fail.

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Ruleset } from "../../protocol/src/ruleset.ts";
import { call, connect, login, ORIGIN, seedSite, startVisitor, visitorSocketPath } from "./helpers.ts";

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function api(cookie: string) {
  const send = (method: string, path: string, body?: unknown) =>
    call(path, { method, cookie, headers: { origin: ORIGIN }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return {
    get: (p: string) => call(p, { cookie }),
    post: (p: string, b?: unknown) => send("POST", p, b ?? {}),
    put: (p: string, b: unknown) => send("PUT", p, b),
    del: (p: string) => send("DELETE", p),
  };
}

async function published(cookie: string, site: string): Promise<{ version: number; ruleset: Ruleset; teams: string[] }> {
  return json(await api(cookie).get(`/api/v1/sites/${site}/rules`));
}

/** The bot's first reply to a visitor message on a fresh conversation. */
async function botReply(site: string, text: string): Promise<string> {
  const v = await startVisitor(site);
  const visitor = await connect(visitorSocketPath(site, v));
  visitor.send({ t: "send", clientId: "m1", text });
  const reply = await visitor.waitFor("message", (f) => f.message.author === "bot");
  visitor.close();
  return reply.message.text;
}

describe("rules API", () => {
  it("refuses an invalid ruleset as a whole, naming rule and field, and keeps the published one in force", async () => {
    const { site, owner } = await seedSite();
    const cookie = await login(owner);
    const before = await published(cookie, site);
    expect(before.version).toBe(1);
    expect(before.teams).toEqual(["complaints", "support"]);

    const broken = structuredClone(before.ruleset);
    broken.rules[0]!.then.push({ type: "handoff", team: "legal" });
    (broken.rules[3]!.when as { field: string }).field = "visitor.shoeSize";
    const res = await api(cookie).put(`/api/v1/sites/${site}/rules`, broken);
    expect(res.status).toBe(400);
    const body = await json<{ error: { code: string; message: string; field: string; details: { rule: string; field: string }[] } }>(res);
    expect(body.error.code).toBe("invalid_ruleset");
    expect(body.error.message).toBe('Rule "complaint-severe", field "then[4].team": unknown team "legal" (teams: complaints, support)');
    expect(body.error.details).toContainEqual(expect.objectContaining({ rule: "fault", field: "when.field" }));

    expect((await published(cookie, site)).version).toBe(1);
    expect(await botReply(site, "hello")).toBe("Hello! How can I help you today?");
  });

  it("publishes versions, lists them, restores an earlier one, and conversations follow the version in force", async () => {
    const { site, owner, agent } = await seedSite();
    const cookie = await login(owner);
    const v1 = await published(cookie, site);
    const v2 = structuredClone(v1.ruleset);
    const greeting = v2.rules.find((r) => r.id === "greeting")!;
    greeting.then = [{ type: "reply", text: { en: "Howdy! Version two here.", "zh-CN": "第二版您好" } }];
    const put = await api(cookie).put(`/api/v1/sites/${site}/rules?base=1`, v2);
    expect(put.status).toBe(201);
    expect(await json(put)).toEqual({ version: 2, tests: [] });
    expect(await botReply(site, "hello")).toBe("Howdy! Version two here.");

    const stale = await api(cookie).put(`/api/v1/sites/${site}/rules?base=1`, v2);
    expect(stale.status).toBe(409);
    expect((await json<{ error: { code: string } }>(stale)).error.code).toBe("stale");

    const versions = await json<{ items: { version: number; published: boolean; createdByName: string; rules: number }[] }>(
      await api(cookie).get(`/api/v1/sites/${site}/rules/versions`),
    );
    expect(versions.items.map((v) => [v.version, v.published])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions.items[0]!.createdByName).toBe("Ada Admin");
    expect(versions.items[0]!.rules).toBe(v2.rules.length);
    expect((await json<{ version: number; published: boolean }>(await api(cookie).get(`/api/v1/sites/${site}/rules?version=1`))).published).toBe(false);

    const agentCookie = await login(agent);
    expect((await api(agentCookie).put(`/api/v1/sites/${site}/rules`, v2)).status).toBe(403);
    expect((await api(agentCookie).post(`/api/v1/sites/${site}/rules/versions/1/restore`)).status).toBe(403);

    expect((await api(cookie).post(`/api/v1/sites/${site}/rules/versions/9/restore`)).status).toBe(404);
    const restore = await api(cookie).post(`/api/v1/sites/${site}/rules/versions/1/restore`);
    expect(restore.status).toBe(200);
    expect((await published(cookie, site)).version).toBe(1);
    expect(await botReply(site, "hello")).toBe("Hello! How can I help you today?");
  });

  it("offers the starter ruleset to a site with none published, and publishes its first version", async () => {
    const { site, owner } = await seedSite();
    const cookie = await login(owner);
    await env.DB.prepare("UPDATE sites SET ruleset_version = 0 WHERE id = ?").bind(site).run(); // as if never published
    expect((await api(cookie).get(`/api/v1/sites/${site}/rules`)).status).toBe(404);
    const starter = await json<{ ruleset: Ruleset; teams: string[] }>(await api(cookie).get(`/api/v1/sites/${site}/rules/starter`));
    expect(starter.ruleset.rules.map((r) => r.id)).toContain("complaint-severe");
    const put = await api(cookie).put(`/api/v1/sites/${site}/rules?base=0`, starter.ruleset);
    expect(put.status).toBe(201);
    expect((await published(cookie, site)).version).toBe(2); // version 1 (seeded) stays in the history
  });

  it("simulates a message in a context against the published or a draft ruleset", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const sim = (body: unknown) => api(cookie).post(`/api/v1/sites/${site}/rules/simulate`, body);

    const severe = await json<{
      actions: { type: string; value?: string; team?: string }[];
      trace: { rules: { id: string; matched: boolean; conditions: string[] }[] };
      preview: { messages: { text: string }[]; handoff: { team: string; notice: string } };
      version: number;
    }>(await sim({ message: "我要投诉", context: { visitor: { tier: "vip" }, agentsOnline: 0, time: { businessHours: false } } }));
    expect(severe.version).toBe(1);
    expect(severe.actions.map((a) => a.type)).toEqual(["reply", "setPriority", "addLabels", "handoff"]);
    expect(severe.actions[3]).toMatchObject({ type: "handoff", team: "complaints" });
    const rule = severe.trace.rules.find((r) => r.matched)!;
    expect(rule.id).toBe("complaint-severe");
    expect(rule.conditions).toEqual(["text contains 投诉", "visitor.tier = vip"]);
    expect(severe.preview.handoff).toEqual({ team: "complaints", notice: "closed" });
    expect(severe.preview.messages.map((m) => m.text)).toContain("请留下您的邮箱地址，方便我们回复您。");

    // Quick-reply payloads, plain-string messages, and the defaults of a fresh web conversation.
    const payload = await json<{ actions: { type: string; field?: string }[] }>(await sim({ message: { payload: "faq:order" } }));
    expect(payload.actions[0]).toMatchObject({ type: "askField", field: "orderNumber" });
    const plain = await json<{ preview: { messages: { text: string }[] } }>(await sim({ message: "Where is my order A12345?" }));
    expect(plain.preview.messages[0]!.text).toContain("order **A12345**");

    // A draft: what the new rules would do, without publishing them.
    const draft = (await published(await login(`admin+${site}@example.com`), site)).ruleset;
    draft.rules.unshift({
      id: "gift-cards",
      when: { field: "message.text", op: "containsAny", value: ["gift card", "gift cards"] },
      then: [{ type: "reply", text: "Gift cards are on the home page." }],
      stop: true,
    });
    const drafted = await json<{ actions: { type: string; text?: string }[]; version: number }>(
      await sim({ message: "Do you sell gift cards?", ruleset: draft }),
    );
    expect(drafted.version).toBe(0);
    expect(drafted.actions).toEqual([{ type: "reply", text: "Gift cards are on the home page." }]);

    // Time from `now`, in the site's zone (Asia/Shanghai): 03:00 on a Saturday.
    const night = await json<{ trace: { rules: { id: string; matched: boolean; conditions: string[] }[] } }>(
      await sim({
        message: "hi",
        ruleset: {
          settings: { handoffKeywords: ["human"], maxBotTurns: 3 },
          rules: [
            {
              id: "night",
              when: {
                all: [
                  { field: "time.hour", op: "lt", value: 6 },
                  { field: "time.weekday", op: "equals", value: 6 },
                ],
              },
              then: [{ type: "reply", text: "zzz" }],
            },
          ],
        },
        context: { now: "2026-11-06T19:00:00Z" },
      }),
    );
    expect(night.trace.rules[0]).toMatchObject({ matched: true, conditions: ["time.hour < 6 (it is 3)", "time.weekday = 6"] });

    // Bad input: a clear error naming the field, nothing else.
    for (const [body, field] of [
      [{ message: "" }, "message"],
      [{ message: "hi", context: { channel: "fax" } }, "context.channel"],
      [{ message: "hi", context: { now: "yesterday" } }, "context.now"],
      [{ message: "hi", context: { time: { hour: 25 } } }, "context.time.hour"],
      [{ message: "hi", ruleset: { rules: [] } }, "settings"],
    ] as const) {
      const res = await sim(body);
      expect(res.status).toBe(400);
      expect((await json<{ error: { field: string } }>(res)).error.field).toBe(field);
    }
  });

  it("asks the site's Inbox whether a person is online before the preview promises one", async () => {
    const { site, agent } = await seedSite();
    const cookie = await login(agent);
    const sim = () => api(cookie).post(`/api/v1/sites/${site}/rules/simulate`, { message: "human please", context: { time: { businessHours: true } } });
    const nobody = await json<{ preview: { handoff: { notice: string } } }>(await sim());
    expect(nobody.preview.handoff.notice).toBe("busy");
    const live = await connect(`/api/v1/sites/${site}/live`, { cookie });
    const someone = await json<{ preview: { handoff: { notice: string }; messages: { text: string }[] } }>(await sim());
    expect(someone.preview.handoff.notice).toBe("online");
    expect(someone.preview.messages.at(-1)!.text).toBe("A person will join this chat in a moment.");
    live.close();
  });

  it("keeps saved test cases that run on every publish and block one that breaks them", async () => {
    const { site, owner, agent } = await seedSite();
    const cookie = await login(owner);
    const tests = `/api/v1/sites/${site}/rules/tests`;
    const create = await api(cookie).post(tests, {
      name: "Severe complaints go to the complaints team, urgently",
      message: { text: "I'm calling my lawyer" },
      expect: {
        actions: [
          { type: "handoff", team: "complaints" },
          { type: "setPriority", value: "urgent" },
        ],
        rules: ["complaint-severe"],
      },
    });
    expect(create.status).toBe(201);
    const { test } = await json<{ test: { id: string } }>(create);
    await api(cookie).post(tests, { name: "Greeting does not hand off", message: "hello", expect: { absent: ["handoff"] } });

    const bad = await api(cookie).post(tests, { name: "x", message: "hi", expect: { actions: [{ type: "teleport" }] } });
    expect(bad.status).toBe(400);
    expect((await json<{ error: { field: string } }>(bad)).error.field).toBe("expect.actions");
    expect((await api(await login(agent)).post(tests, { name: "x", message: "hi", expect: { absent: ["handoff"] } })).status).toBe(403);

    const run = await json<{ passed: number; failed: number }>(await api(cookie).post(`${tests}/run`));
    expect(run).toMatchObject({ passed: 2, failed: 0 });

    // A draft that drops the legal words breaks the first case: the publish is refused.
    const current = await published(cookie, site);
    const weaker = structuredClone(current.ruleset);
    weaker.rules = weaker.rules.filter((r) => r.id !== "complaint-severe");
    const dry = await json<{ valid: boolean; tests: { name: string; passed: boolean; failures: string[] }[] }>(
      await api(cookie).post(`/api/v1/sites/${site}/rules/validate`, { ruleset: weaker }),
    );
    expect(dry.valid).toBe(true);
    expect(dry.tests.map((t) => t.passed)).toEqual([false, true]);
    const refused = await api(cookie).put(`/api/v1/sites/${site}/rules`, weaker);
    expect(refused.status).toBe(409);
    const err = await json<{ error: { code: string; message: string; details: { passed: boolean; failures: string[] }[] } }>(refused);
    expect(err.error.code).toBe("tests_failed");
    expect(err.error.message).toContain('"Severe complaints go to the complaints team, urgently"');
    expect(err.error.details[0]!.failures).toContain("expected rule complaint-severe to match; matched: none");
    expect((await published(cookie, site)).version).toBe(1);

    // Deleting the case lets the same ruleset through.
    const del = await api(cookie).del(`${tests}/${test.id}`);
    expect(del.status, await del.clone().text()).toBe(204);
    expect((await api(cookie).del(`${tests}/${test.id}`)).status).toBe(404);
    const ok = await api(cookie).put(`/api/v1/sites/${site}/rules`, weaker);
    expect(ok.status).toBe(201);
    expect((await json<{ tests: { passed: boolean }[] }>(ok)).tests).toEqual([expect.objectContaining({ passed: true })]);
  });
});
