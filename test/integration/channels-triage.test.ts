// Triage runs on every channel, and the `channel` condition lets rules differ per channel: a rule for
// Telegram answers Telegram messages (through the Bot API) and stays silent for the same words by email.

import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import type { Ruleset } from "../../protocol/src/ruleset.ts";
import text from "../fixtures/channels/telegram-text.json";
import enNew from "../fixtures/channels/email-en-new.eml?raw";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, deliverMail, fake, fakeLog, fill, ownerSite, postWebhook, sentMail, siteConversations } from "./channel-helpers.ts";

describe("triage on every channel", () => {
  it("applies a rule only on the channel it names", async () => {
    const { site, owner } = await ownerSite();
    const current = await api<{ ruleset: Ruleset; version: number }>(`/sites/${site}/rules`, { cookie: owner });
    const ruleset = structuredClone(current.body.ruleset);
    ruleset.rules.unshift({
      id: "telegram-welcome",
      name: "Telegram users get the Telegram welcome",
      enabled: true,
      when: { field: "channel", op: "equals", value: "telegram" },
      then: [
        { type: "reply", text: { en: "Hello from our Telegram desk!", "zh-CN": "您好，这里是 Telegram 客服！" } },
        { type: "addLabels", value: ["telegram"] },
      ],
      stop: true,
    });
    expect((await api(`/sites/${site}/rules?base=${current.body.version}`, { method: "PUT", cookie: owner, body: ruleset })).status).toBe(201);

    const token = `7500001:AAF-${site}-triage-token-0123456789`;
    const tg = await createChannel(site, owner, { kind: "telegram", name: "TG", botToken: token, baseUrl: `${fake()}/telegram` });
    await postWebhook(`/channels/telegram/${tg.id}`, JSON.stringify(text), {
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": tg.generated.webhookSecret,
    });
    const sent = (await fakeLog(`/telegram/bot${token}/sendMessage`)).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(sent).toEqual(["您好，这里是 Telegram 客服！"]);
    const [tgConv] = await siteConversations(site);
    const d = await conversationDetail(owner, tgConv!.id);
    expect(d.conversation.labels).toEqual(["telegram"]);
    expect(d.messages.find((m) => m.author === "bot")!.trace.rules[0]).toMatchObject({ id: "telegram-welcome", matched: true });

    const address = `triage@${site}.parley.test`;
    await createChannel(site, owner, { kind: "email", name: "Mail", address });
    const mail = await deliverMail(fill(enNew, { TO: address }), { from: "emma.clarke@gmail.com", to: address });
    const id = mail.result === "stored" ? mail.conversationId : "";
    const emailConv = await conversationDetail(owner, id);
    const bot = emailConv.messages.filter((m) => m.author === "bot");
    expect(bot.map((m) => m.text)).not.toContain("Hello from our Telegram desk!");
    expect(emailConv.conversation.labels).not.toContain("telegram");
    const reply = await PostalMime.parse((await sentMail(id, bot[0]!.seq))!);
    expect(reply.text).toContain(bot[0]!.text.split("\n")[0]!);
  });
});
