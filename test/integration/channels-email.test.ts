// The email channel end to end in workerd: real .eml files (Gmail, QQ Mail, iPhone Mail; English and
// Chinese, with attachments) through the worker's email() handler, replies out through send_email,
// threading, signed reply addresses, and the mail no person wrote (auto-replies, bounces) dropped.

import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import autoReply from "../fixtures/channels/email-auto-reply.eml?raw";
import bounce from "../fixtures/channels/email-bounce.eml?raw";
import enNew from "../fixtures/channels/email-en-new.eml?raw";
import enReply from "../fixtures/channels/email-en-reply.eml?raw";
import zhNew from "../fixtures/channels/email-zh-new.eml?raw";
import { api } from "./admin-helpers.ts";
import { conversationDetail, createChannel, deliverMail, fill, ownerSite, sentMail, siteConversations } from "./channel-helpers.ts";
import { call } from "./helpers.ts";

async function emailSite() {
  const s = await ownerSite();
  const address = `support@${s.site}.parley.test`;
  await createChannel(s.site, s.owner, { kind: "email", name: "Support mail", address });
  return { ...s, address };
}

/** The mail sent for the latest public message of `author` in a conversation, parsed. */
async function lastMailOf(cookie: string, conversationId: string, author: "bot" | "agent") {
  const d = await conversationDetail(cookie, conversationId);
  const m = d.messages.filter((x) => x.author === author && !x.private).pop()!;
  const raw = await sentMail(conversationId, m.seq);
  expect(raw, `mail for message ${m.seq}`).not.toBeNull();
  return { raw: raw!, mail: await PostalMime.parse(raw!), message: m };
}

describe("email channel", () => {
  it("turns a new mail into an email conversation: signature cut, the PDF kept and served safely, the bot's answer mailed back threaded", async () => {
    const { site, owner, address } = await emailSite();
    const out = await deliverMail(fill(enNew, { TO: address }), { from: "emma.clarke@gmail.com", to: address });
    expect(out).toMatchObject({ result: "stored", duplicate: false, rejected: null });
    const [conv] = await siteConversations(site);
    expect(conv).toMatchObject({ id: out.result === "stored" ? out.conversationId : "", channel: "email" });

    const d = await conversationDetail(owner, conv!.id);
    const first = d.messages[0]!;
    expect(first.author).toBe("visitor");
    expect(first.text).toBe(
      "Subject: Refund for order A12345\n\nHello,\n\nI returned order A12345 two weeks ago but the refund has not arrived yet.\nThe receipt is attached.\n\nThanks,\nEmma",
    );
    expect(first.attachments).toEqual([expect.objectContaining({ name: "receipt-A12345.pdf", type: "application/pdf" })]);
    const file = await call(first.attachments[0].url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new TextDecoder().decode(await file.arrayBuffer()).startsWith("%PDF-1.4")).toBe(true);
    expect(d.contact).toMatchObject({ name: "Emma Clarke", email: "emma.clarke@gmail.com" });

    // Triage ran on the email; its answer went out as mail from the site's address, threaded, marked automatic.
    const { mail, raw, message } = await lastMailOf(owner, conv!.id, "bot");
    expect(mail.from).toMatchObject({ address });
    expect(mail.to?.[0]?.address).toBe("emma.clarke@gmail.com");
    expect(mail.subject).toBe("Re: Refund for order A12345");
    expect(mail.inReplyTo).toBe("<CAF3kqJx7rQ2e5hV9n0m8W4pYtq2B=yZbM+u1xg@mail.gmail.com>");
    // Threading uses the Message-ID the mail really went out with (the platform assigns it).
    const log = await api(`/conversations/${conv!.id}/deliveries`, { cookie: owner });
    expect(log.body.items).toContainEqual(expect.objectContaining({ direction: "out", seq: message.seq, providerId: mail.messageId, status: "ok" }));
    expect(mail.replyTo?.[0]?.address).toMatch(new RegExp(`^support\\+[0-9a-z]{26}\\.[0-9a-z]+\\.[0-9a-z]{13}@${site}\\.parley\\.test$`));
    expect(mail.replyTo![0]!.address!.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(raw).toMatch(/\r\nAuto-Submitted: auto-replied\r\n/);
    expect(mail.text).toContain(message.text);
    expect(mail.text).toContain("Reply to this email to continue the conversation.");
  });

  it("lands a reply to the signed address in the same conversation with the quote cut, once, and threads the next answer under both", async () => {
    const { site, owner, address } = await emailSite();
    const first = await deliverMail(fill(enNew, { TO: address }), { from: "emma.clarke@gmail.com", to: address });
    const id = first.result === "stored" ? first.conversationId : "";
    const sent = await api(`/conversations/${id}/messages`, {
      method: "POST",
      cookie: owner,
      body: { text: "Thanks Emma, could you confirm the account ending 4821?" },
    });
    expect(sent.status).toBe(201);
    const { mail: ours } = await lastMailOf(owner, id, "agent");
    expect(ours.subject).toBe("Re: Refund for order A12345");
    expect(ours.text).toContain("— Ada Admin · Parley Demo Shop");

    const replyTo = ours.replyTo![0]!.address!;
    const raw = fill(enReply, {
      TO: replyTo,
      IN_REPLY_TO: ours.messageId!,
      REFERENCES: `<CAF3kqJx7rQ2e5hV9n0m8W4pYtq2B=yZbM+u1xg@mail.gmail.com> ${ours.messageId}`,
    });
    const reply = await deliverMail(raw, { from: "emma.clarke@gmail.com", to: replyTo });
    expect(reply).toMatchObject({ result: "stored", conversationId: id, duplicate: false });
    const again = await deliverMail(raw, { from: "emma.clarke@gmail.com", to: replyTo });
    expect(again).toMatchObject({ result: "stored", conversationId: id, duplicate: true });

    const d = await conversationDetail(owner, id);
    const fromEmma = d.messages.filter((m) => m.author === "visitor").map((m) => m.text);
    expect(fromEmma).toHaveLength(2);
    expect(fromEmma[1]).toBe("Yes, the account ending 4821 is right. Thank you!\n\nEmma");
    expect(await siteConversations(site)).toHaveLength(1);

    await api(`/conversations/${id}/messages`, { method: "POST", cookie: owner, body: { text: "Refund sent today." } });
    const { mail: next } = await lastMailOf(owner, id, "agent");
    expect(next.inReplyTo).toBe("<CAF3kqJzR8vWq1pN6e2Lk0sXb7u=Ht5cY9mA4dg@mail.gmail.com>");
    expect(next.references).toContain(ours.messageId!);
    expect(next.references).toContain("<CAF3kqJx7rQ2e5hV9n0m8W4pYtq2B=yZbM+u1xg@mail.gmail.com>");
    // Answering from the address we wrote to proves it is the customer's.
    const contact = await api(`/contacts/${d.contact.id}/channels`, { cookie: owner });
    expect(contact.body.identities).toContainEqual({ kind: "email", value: "emma.clarke@gmail.com", verified: true });
  });

  it("reads a Chinese iPhone mail: encoded subject and sender, 发自我的iPhone cut, the photo with its Chinese name kept", async () => {
    const { site, owner, address } = await emailSite();
    const out = await deliverMail(fill(zhNew, { TO: address }), { from: "zhangmin@163.com", to: address });
    expect(out.result).toBe("stored");
    const [conv] = await siteConversations(site);
    const d = await conversationDetail(owner, conv!.id);
    expect(d.messages[0]!.text).toBe(
      "Subject: 耳机换货申请\n\n你好，\n\n我上周买的耳机左边没有声音，想申请换货。订单号 B77881，照片在附件里。\n\n谢谢！\n张敏",
    );
    expect(d.messages[0]!.attachments).toEqual([expect.objectContaining({ name: "耳机照片.jpg", type: "image/jpeg" })]);
    expect(d.contact).toMatchObject({ name: "张敏", email: "zhangmin@163.com" });
    expect(d.conversation.locale).toBe("zh-CN");
    // The bot answered in Chinese, by email, with a Chinese subject line kept.
    const { mail } = await lastMailOf(owner, conv!.id, "bot");
    expect(mail.subject).toBe("Re: 耳机换货申请");
    expect(mail.text).toContain("直接回复此邮件即可继续对话。");
  });

  it("drops auto-replies and bounces, refuses unknown addresses, and never lets a forged reply address into a conversation", async () => {
    const { site, owner, address } = await emailSite();
    const first = await deliverMail(fill(enNew, { TO: address }), { from: "emma.clarke@gmail.com", to: address });
    const id = first.result === "stored" ? first.conversationId : "";
    const before = (await conversationDetail(owner, id)).messages.length;

    expect(await deliverMail(fill(autoReply, { TO: address, IN_REPLY_TO: "<x@y>" }), { from: "emma.clarke@gmail.com", to: address })).toMatchObject({
      result: "dropped",
      reason: "auto-reply",
    });
    expect(await deliverMail(fill(bounce, { TO: address }), { from: "", to: address })).toMatchObject({ result: "dropped", reason: "bounce" });
    expect(await deliverMail(fill(enNew, { TO: "sales@nowhere.parley.test" }), { from: "a@b.co", to: "sales@nowhere.parley.test" })).toMatchObject({
      result: "rejected",
      rejected: "There is no mailbox at this address.",
    });
    expect((await conversationDetail(owner, id)).messages).toHaveLength(before);

    // Someone else guesses at Emma's reply address: a forged signature routes by its own sender instead.
    const forged = `support+${id.slice(2)}.zzzzzz.aaaaaaaaaaaaa@${site}.parley.test`;
    const mallory = fill(enNew, { TO: forged })
      .replace(/emma\.clarke@gmail\.com/g, "mallory@evil.example")
      .replace("Emma Clarke", "Mallory");
    const r = await deliverMail(mallory.replace("<CAF3kqJx7rQ2e5hV9n0m8W4pYtq2B=yZbM+u1xg@mail.gmail.com>", "<forged-1@evil.example>"), {
      from: "mallory@evil.example",
      to: forged,
    });
    expect(r.result).toBe("stored");
    expect(r.result === "stored" && r.conversationId).not.toBe(id);
    expect((await conversationDetail(owner, id)).messages).toHaveLength(before);
  });
});
