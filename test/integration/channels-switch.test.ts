// Channel switch: a web visitor who left an email and closed the page gets the agent's reply by
// email; their email reply (QQ Mail, GB18030, with an attachment) lands in the same conversation,
// and the contact shows both channels with the email address verified.

import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import zhReply from "../fixtures/channels/email-zh-reply.eml?raw";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, deliverMail, fill, ownerSite, sentMail, siteConversations } from "./channel-helpers.ts";
import { connect, login, startVisitor, visitorSocketPath, type Client } from "./helpers.ts";
import { newVisitor, seedWidgetSite, widgetCall } from "./widget-helpers.ts";

let n = 0;
async function say(visitor: Client, text: string): Promise<void> {
  const id = `s${n++}`;
  visitor.send({ t: "send", clientId: id, text });
  await visitor.waitFor("ack", (f) => f.clientId === id);
}

/** Waits until the conversation reports no visitor socket left (the page was closed). */
async function visitorGone(cookie: string, conversationId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await api(`/conversations/${conversationId}/deliveries`, { cookie })).body.visitorOnline === false) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the visitor socket did not close");
}

describe("channel switch: web → email → back into the same conversation", () => {
  it("mails the agent's reply to a visitor who left, and files their email answer in the same conversation", async () => {
    const { site, owner } = await ownerSite();
    const address = `kefu@${site}.parley.test`;
    await createChannel(site, owner, { kind: "email", name: "客服邮箱", address });
    const v = await startVisitor(site, "zh-CN");
    const visitor = await connect(visitorSocketPath(site, v));
    await say(visitor, "人工"); // nobody is online: the bot asks where to answer
    await visitor.waitFor("message", (f) => f.message.author === "bot" && /邮箱|email/i.test(f.message.text));
    await say(visitor, "linwei@qq.com");

    // While the visitor is on the page, a reply stays in the chat.
    const live = await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "您好，我来看一下。" } });
    expect(await sentMail(v.conversationId, live.body.message.seq)).toBeNull();
    expect((await api(`/conversations/${v.conversationId}/deliveries`, { cookie: owner })).body).toMatchObject({ visitorOnline: true, route: null });

    visitor.close();
    await visitorGone(owner, v.conversationId);
    const reply = await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "请确认您的退款账户，谢谢。" } });
    expect(reply.status).toBe(201);
    const raw = await sentMail(v.conversationId, reply.body.message.seq);
    expect(raw).not.toBeNull();
    const mail = await PostalMime.parse(raw!);
    expect(mail.to?.[0]?.address).toBe("linwei@qq.com");
    expect(mail.from?.address).toBe(address);
    expect(mail.subject).toBe("您与Parley Demo Shop的对话");
    expect(mail.text).toContain("请确认您的退款账户，谢谢。");
    expect(mail.text).toContain("直接回复此邮件即可继续对话。");
    let d = await conversationDetail(owner, v.conversationId);
    expect(d.messages.filter((m) => m.private && m.event === "channel").map((m) => m.text)).toEqual([
      "The visitor has left the chat: this reply and the next ones go by email to linwei@qq.com.",
    ]);

    // Lin Wei answers from QQ Mail, quoting our mail, with a photo of the return slip.
    const replyTo = mail.replyTo![0]!.address!;
    const answer = fill(zhReply, { TO: replyTo, IN_REPLY_TO: mail.messageId!, REFERENCES: mail.messageId! });
    const out = await deliverMail(answer, { from: "linwei@qq.com", to: replyTo });
    expect(out).toMatchObject({ result: "stored", conversationId: v.conversationId });
    d = await conversationDetail(owner, v.conversationId);
    const last = d.messages.filter((m) => m.author === "visitor").pop()!;
    expect(last.text).toBe("好的，退款账户没问题。附件是退货单的照片，麻烦尽快处理。\n\n林伟");
    expect(last.attachments).toEqual([expect.objectContaining({ name: "退货单.png" })]);
    expect(await siteConversations(site)).toHaveLength(1);
    expect(d.conversation.channel).toBe("web");

    // The next reply goes straight to email, threaded under Lin Wei's answer.
    const next = await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "已退款。" } });
    const nextMail = await PostalMime.parse((await sentMail(v.conversationId, next.body.message.seq))!);
    expect(nextMail.inReplyTo).toBe("<tencent_2F6B8E1D4C0A9B7E5D3C1A0F9E8D7C6B5A09@qq.com>");

    // One contact, both channels, the address now proven theirs.
    const channels = await api(`/contacts/${d.contact.id}/channels`, { cookie: owner });
    expect(channels.body.channels).toEqual(["email", "web"]);
    expect(channels.body.identities).toEqual(
      expect.arrayContaining([
        { kind: "visitor", value: expect.any(String), verified: false },
        { kind: "email", value: "linwei@qq.com", verified: true },
      ]),
    );
  });

  it("continues by email for a visitor who used the offline form (the email the form stored on the contact)", async () => {
    const { site, owner } = await seedWidgetSite({ settings: { offline: { enabled: true } } });
    const cookie = await login(owner);
    await createChannel(site, cookie, { kind: "email", name: "Mail", address: `after-hours@${site}.parley.test` });
    const { token } = await newVisitor(site);
    const form = await widgetCall(site, "/offline", {
      token,
      body: { email: "Night.Owl@Example.com", message: "Is the shop open on Sunday?", clientId: "off-1" },
    });
    expect(form.status).toBe(201);
    const { conversation } = (await form.json()) as { conversation: { id: string } };
    const reply = await api(`/conversations/${conversation.id}/messages`, { method: "POST", cookie, body: { text: "Yes, 10:00 to 16:00." } });
    const mail = await PostalMime.parse((await sentMail(conversation.id, reply.body.message.seq))!);
    expect(mail.to?.[0]?.address).toBe("night.owl@example.com");
    expect(mail.text).toContain("Yes, 10:00 to 16:00.");
    const answer = await deliverMail(
      [
        "From: night.owl@example.com",
        `To: ${mail.replyTo![0]!.address}`,
        "Subject: Re: hours",
        "Message-ID: <owl-1@example.com>",
        "",
        "Great, see you then!",
        "",
      ].join("\r\n"),
      { from: "night.owl@example.com", to: mail.replyTo![0]!.address! },
    );
    expect(answer).toMatchObject({ result: "stored", conversationId: conversation.id });
  });

  it("tells the agent once when a visitor who left an email cannot be mailed: the site has no email channel", async () => {
    const { site, owner } = await seedWidgetSite({ settings: { offline: { enabled: true } } });
    const cookie = await login(owner);
    const { token } = await newVisitor(site);
    const form = await widgetCall(site, "/offline", { token, body: { email: "owl@example.com", message: "Hello?", clientId: "off-2" } });
    const { conversation } = (await form.json()) as { conversation: { id: string } };
    for (const text of ["First answer", "Second answer"]) await api(`/conversations/${conversation.id}/messages`, { method: "POST", cookie, body: { text } });
    const d = await conversationDetail(cookie, conversation.id);
    expect(d.messages.filter((m) => m.event === "channel").map((m) => m.text)).toEqual([
      "The visitor has left; this reply waits in the chat. To answer by email (owl@example.com), connect an email channel under Settings › Channels.",
    ]);
  });

  it("keeps a web reply in the chat when the visitor left no email, and says nothing to anyone", async () => {
    const { site, owner } = await ownerSite();
    await createChannel(site, owner, { kind: "email", name: "Mail", address: `help@${site}.parley.test` });
    const v = await startVisitor(site);
    const visitor = await connect(visitorSocketPath(site, v));
    await say(visitor, "hello");
    visitor.close();
    await visitorGone(owner, v.conversationId);
    const reply = await api(`/conversations/${v.conversationId}/messages`, { method: "POST", cookie: owner, body: { text: "Hi! Still there?" } });
    expect(await sentMail(v.conversationId, reply.body.message.seq)).toBeNull();
    const d = await conversationDetail(owner, v.conversationId);
    expect(d.messages.filter((m) => m.event === "channel")).toEqual([]);
  });
});
