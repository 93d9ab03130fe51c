// Outbound mail as mail clients read it back: headers threaded, CRLF, UTF-8 text and Chinese file names intact.

import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { replySubject, replyText } from "./adapter.ts";
import { composeEmail } from "./compose.ts";

describe("composeEmail", () => {
  it("builds a threaded reply with a Chinese text and attachment that parse back exactly", async () => {
    const raw = composeEmail({
      from: { name: "演示商店", addr: "kefu@shop.example" },
      to: "linwei@qq.com",
      replyTo: "kefu+abc.def.ghi@shop.example",
      subject: "Re: 订单退款",
      messageId: "<c_1.7@shop.example>",
      references: ["<a@qq.com>", "<c_1.5@shop.example>", "not-an-id"],
      text: "您好，退款已处理。\n谢谢！",
      files: [{ id: "f1", name: "退款单.pdf", type: "application/pdf", size: 4, url: "/files/x", link: null, bytes: new TextEncoder().encode("%PDF") }],
      automated: false,
    });
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw).not.toMatch(/Auto-Submitted/);
    const m = await PostalMime.parse(raw);
    expect(m.from).toEqual({ address: "kefu@shop.example", name: "演示商店" });
    expect(m.replyTo?.[0]?.address).toBe("kefu+abc.def.ghi@shop.example");
    expect(m.subject).toBe("Re: 订单退款");
    expect(m.messageId).toBe("<c_1.7@shop.example>");
    expect(m.inReplyTo).toBe("<c_1.5@shop.example>");
    expect(m.references).toBe("<a@qq.com> <c_1.5@shop.example>");
    expect(m.text?.trim()).toBe("您好，退款已处理。\n谢谢！");
    expect(m.attachments.map((a) => [a.filename, a.mimeType])).toEqual([["退款单.pdf", "application/pdf"]]);
  });

  it("writes the reply's words, options, links and how to answer, in the conversation's language", () => {
    const base = { conversationId: "c", seq: 1, to: "x", author: "agent" as const, authorName: "Sam", thread: {}, siteName: "Shop" };
    const en = replyText({
      ...base,
      text: "Pick one",
      quickReplies: [{ label: "Yes", payload: "y" }],
      files: [{ id: "f", name: "a.png", type: "image/png", size: 1, url: "/files/a", link: "https://p.example/files/a", bytes: null }],
      locale: "en",
    });
    expect(en).toBe("Pick one\n\n• Yes\n\nFiles:\na.png: https://p.example/files/a\n\n— Sam · Shop\nReply to this email to continue the conversation.");
    expect(replyText({ ...base, text: "好的", quickReplies: [], files: [], locale: "zh-TW" })).toBe("好的\n\n— Sam · Shop\n直接回覆此郵件即可繼續對話。");
    expect(replySubject("Re: Order", "en", "Shop")).toBe("Re: Order");
    expect(replySubject("回复：订单", "zh-CN", "Shop")).toBe("回复：订单");
    expect(replySubject(undefined, "zh-CN", "Shop")).toBe("您与Shop的对话");
  });
});
