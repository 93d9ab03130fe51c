// Mail no person wrote is recognised from its headers and envelope, not guessed from its body.

import { describe, expect, it } from "vitest";
import { automatedReason } from "./automated.ts";

const h = (o: Record<string, string>) => new Headers(o);

describe("automatedReason", () => {
  it.each([
    ["RFC 3834 auto-reply", h({ "auto-submitted": "auto-replied" }), "a@b.test", "", "auto-reply"],
    ["auto-generated", h({ "auto-submitted": "auto-generated" }), "a@b.test", "", "auto-reply"],
    ["Precedence bulk", h({ precedence: "bulk" }), "a@b.test", "", "auto-reply"],
    ["vendor header", h({ "x-autoreply": "yes" }), "a@b.test", "", "auto-reply"],
    ["Outlook out-of-office subject", h({}), "a@b.test", "Automatic reply: Re: order", "auto-reply"],
    ["Chinese out-of-office subject", h({}), "a@b.test", "自动回复: 关于订单", "auto-reply"],
    ["null sender", h({}), "", "", "bounce"],
    ["mailer-daemon", h({}), "MAILER-DAEMON@mx.test", "", "bounce"],
    ["delivery report", h({ "content-type": "multipart/report; report-type=delivery-status" }), "a@b.test", "", "bounce"],
    ["mailing list", h({ "list-id": "<news.example.com>" }), "a@b.test", "", "list"],
  ])("%s", (_name, headers, from, subject, reason) => {
    expect(automatedReason(headers, from, subject)).toBe(reason);
  });

  it("lets a person's mail through, including Auto-Submitted: no", () => {
    expect(automatedReason(h({ "auto-submitted": "no", "content-type": "text/plain" }), "emma@gmail.test", "Re: my order")).toBeNull();
    expect(automatedReason(h({}), "emma@gmail.test", "Question about automatic replies")).toBeNull();
  });
});
