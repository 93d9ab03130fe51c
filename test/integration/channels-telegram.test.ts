// Telegram in workerd, against a local fake of the Bot API: real update payloads in, the secret token
// checked (bad → 401, nothing stored), each update stored once, photos fetched through getFile,
// button presses as payloads, and replies sent through sendMessage with the bot token.

import { describe, expect, it } from "vitest";
import callback from "../fixtures/channels/telegram-callback.json";
import photo from "../fixtures/channels/telegram-photo.json";
import text from "../fixtures/channels/telegram-text.json";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, fake, fakeLog, ownerSite, postWebhook, siteContacts, siteConversations } from "./channel-helpers.ts";

let bots = 0;
async function telegramSite() {
  const s = await ownerSite();
  const token = `${7100000 + bots++}:AAF-${s.site}-test-token-0123456789`;
  const channel = await createChannel(s.site, s.owner, { kind: "telegram", name: "Telegram bot", botToken: token, baseUrl: `${fake()}/telegram` });
  const send = (update: unknown, secret = channel.generated.webhookSecret as string) =>
    postWebhook(`/channels/telegram/${channel.id}`, JSON.stringify(update), { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret });
  return { ...s, token, channel, send };
}

const withChat = (update: typeof text, chatId: number) => ({ ...update, message: { ...update.message, chat: { ...update.message.chat, id: chatId } } });

describe("Telegram channel", () => {
  it("registers its webhook with Telegram when connected, with our secret token", async () => {
    const { token, channel } = await telegramSite();
    const [call] = await fakeLog(`/telegram/bot${token}/setWebhook`);
    expect(JSON.parse(call!.body)).toEqual({
      url: `https://parley.test/channels/telegram/${channel.id}`,
      secret_token: channel.generated.webhookSecret,
      allowed_updates: ["message", "callback_query"],
    });
    expect(channel.webhookUrl).toBe(`https://parley.test/channels/telegram/${channel.id}`);
  });

  it("refuses an update without the right secret token (401) and stores nothing", async () => {
    const { site, send, channel } = await telegramSite();
    expect((await send(text, "not-the-secret")).status).toBe(401);
    const none = await postWebhook(`/channels/telegram/${channel.id}`, JSON.stringify(text), { "content-type": "application/json" });
    expect(none.status).toBe(401);
    expect(await siteConversations(site)).toEqual([]);
    expect(await siteContacts(site)).toEqual([]);
  });

  it("stores an update once, knows the sender, runs triage and answers in the chat", async () => {
    const { site, owner, token, send } = await telegramSite();
    const first = await send(text);
    expect(first.status).toBe(200);
    const again = await send(text); // Telegram redelivers when it missed our answer
    expect(((await again.json()) as { messages: { duplicate: boolean }[] }).messages[0]!.duplicate).toBe(true);

    const [conv] = await siteConversations(site);
    expect(conv!.channel).toBe("telegram");
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["你好，我的订单还没有发货"]);
    expect(d.contact.name).toBe("Lin Wei");
    expect(d.conversation.locale).toBe("zh-CN");
    const ids = await api(`/contacts/${d.contact.id}/channels`, { cookie: owner });
    expect(ids.body.identities).toEqual([{ kind: "telegram", value: "5233948221", verified: true }]);

    const bot = d.messages.filter((m) => m.author === "bot").map((m) => m.text);
    expect(bot.length).toBeGreaterThan(0);
    const sent = (await fakeLog(`/telegram/bot${token}/sendMessage`)).map((r) => JSON.parse(r.body) as { chat_id: string; text: string });
    expect(sent.map((s) => s.text)).toEqual(bot);
    expect(sent.every((s) => s.chat_id === "5233948221")).toBe(true);
  });

  it("keeps a photo fetched through getFile, and a button press reaches triage as its payload", async () => {
    const { site, owner, token, send } = await telegramSite();
    expect((await send(photo)).status).toBe(200);
    const [getFile] = await fakeLog(`/telegram/bot${token}/getFile`);
    expect(JSON.parse(getFile!.body)).toEqual({ file_id: "AgACAgUAAxkBAAIBXmdBc2sm-LargeSize" });
    const [conv] = await siteConversations(site);
    let d = await conversationDetail(owner, conv!.id);
    expect(d.messages[0]).toMatchObject({ text: "包裹破损了，看图", attachments: [expect.objectContaining({ type: "image/jpeg", size: 2054 })] });

    expect((await send(callback)).status).toBe(200);
    d = await conversationDetail(owner, conv!.id);
    expect(d.messages.filter((m) => m.author === "visitor").pop()!.text).toBe("__handoff");
    expect(d.conversation.status).toBe("queued"); // the hand-off button always hands off
    const [answered] = await fakeLog(`/telegram/bot${token}/answerCallbackQuery`);
    expect(JSON.parse(answered!.body)).toEqual({ callback_query_id: "4382bfdwdsb323b2d9" });
  });

  it("sends an agent's reply to the chat, and tells the agent when Telegram refuses it", async () => {
    const { site, owner, token, send } = await telegramSite();
    await send(text);
    const [conv] = await siteConversations(site);
    const r = await api(`/conversations/${conv!.id}/messages`, { method: "POST", cookie: owner, body: { text: "您的订单今天发货。" } });
    expect(r.status).toBe(201);
    const sent = (await fakeLog(`/telegram/bot${token}/sendMessage`)).map((x) => JSON.parse(x.body) as { chat_id: string; text: string });
    expect(sent.pop()).toEqual({ chat_id: "5233948221", text: "您的订单今天发货。" });

    // A chat Telegram no longer knows: the reply is not delivered, and the agent sees why.
    await send({ ...withChat(text, 400), update_id: 731209999 });
    const [lost] = await siteConversations(site);
    await api(`/conversations/${lost!.id}/messages`, { method: "POST", cookie: owner, body: { text: "Hello?" } });
    const d = await conversationDetail(owner, lost!.id);
    expect(d.messages.filter((m) => m.event === "channel").map((m) => m.text)).toContain(
      "Not delivered by telegram to 400: Telegram answered 400: Bad Request: chat not found",
    );
    const log = await api(`/conversations/${lost!.id}/deliveries`, { cookie: owner });
    expect(log.body.items).toContainEqual(expect.objectContaining({ direction: "out", status: "failed", seq: expect.any(Number) }));
  });
});
