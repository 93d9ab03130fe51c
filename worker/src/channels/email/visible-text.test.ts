// What survives of a reply: the new words only, for the clients our customers use (Gmail, Outlook,
// Apple Mail, QQ Mail, Foxmail, NetEase), in English and Chinese.

import { describe, expect, it } from "vitest";
import { htmlToText, visibleText } from "./visible-text.ts";

describe("visibleText", () => {
  it.each([
    ["Gmail, attribution on one line", "Sounds good.\n\nOn Mon, 23 Nov 2026 at 10:02, Shop <s@x.test> wrote:\n> Could you confirm?\n> Thanks", "Sounds good."],
    ["Gmail, attribution wrapped", "Yes.\n\nOn Mon, 23 Nov 2026 at 10:02, Parley Demo Shop <\nsupport+abc@x.test> wrote:\n\n> Earlier", "Yes."],
    ["Gmail in Chinese", "好的。\n\n张三 <z@q.com> 于2026年11月23日周一 10:00写道：\n> 请确认", "好的。"],
    ["Apple Mail in Chinese", "收到\n\n在 2026年11月23日，上午10:02，Shop <s@x.test> 写道：\n\n> 请确认", "收到"],
    ["Traditional Chinese", "謝謝\n\n於 2026年11月23日 週一 上午10:02，Shop <s@x.test> 寫道：\n> 確認", "謝謝"],
    ["QQ Mail", '好的\n\n------------------ 原始邮件 ------------------\n发件人: "Shop" <s@x.test>;\n发送时间: 2026年11月23日\n\n请确认', "好的"],
    ["Outlook", "Done.\n\n-----Original Message-----\nFrom: Shop <s@x.test>\nSent: Monday\nTo: me\nSubject: Re: x\n\nOld text", "Done."],
    ["Outlook header block", "Done.\n________________________________\nFrom: Shop <s@x.test>\nSent: Monday, 23 November 2026 10:02\nTo: Emma", "Done."],
    ["Foxmail header block", "好\n\n发件人：Shop\n发送时间：2026-11-23 10:02\n收件人：我\n主题：回复", "好"],
    ["signature delimiter", "Thanks!\n\n-- \nEmma Clarke\n+44 20 7946 0958", "Thanks!"],
    ["mobile sign-offs", "On my way.\n\nSent from my iPhone", "On my way."],
    ["Chinese mobile sign-off", "马上到\n\n发自我的华为手机", "马上到"],
    ["NetEase sign-off", "好的\n\n发自网易邮箱大师", "好的"],
  ])("%s", (_name, input, expected) => {
    expect(visibleText(input)).toBe(expected);
  });

  it("keeps inline answers between quotes, and CRLF text", () => {
    expect(visibleText("> What size?\r\nLarge.\r\n> Which colour?\r\nBlue.")).toBe("> What size?\nLarge.\n> Which colour?\nBlue.");
  });

  it("keeps the whole text when cutting would leave nothing (a bare forward)", () => {
    expect(visibleText("-----Original Message-----\nFrom: a\nSent: b\nHello")).toBe("-----Original Message-----\nFrom: a\nSent: b\nHello");
  });

  it("does not cut a sentence that merely mentions 'wrote'", () => {
    expect(visibleText("On Monday my colleague wrote to you about this.\nAny news?")).toBe("On Monday my colleague wrote to you about this.\nAny news?");
  });
});

describe("htmlToText", () => {
  it("turns blocks into lines, decodes entities, and marks quotes so they are cut", () => {
    const html = "<div>Hi &amp; thanks,<br>see&nbsp;below</div><p>&#20320;&#x597D;</p><blockquote>old<br>text</blockquote><style>p{}</style>";
    const text = htmlToText(html);
    expect(text.split("\n").slice(0, 3)).toEqual(["Hi & thanks,", "see below", "你好"]);
    expect(visibleText(text)).toBe("Hi & thanks,\nsee below\n你好");
  });

  it("drops Gmail's quoted part", () => {
    expect(htmlToText('<div dir="ltr">Yes</div><div class="gmail_quote">On … wrote:<blockquote>x</blockquote></div>')).toBe("Yes");
  });
});
