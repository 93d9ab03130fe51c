// Untrusted provider payloads go through parsers that never throw, whatever arrives.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseApiMessage } from "./api-channel.ts";
import { htmlToText, visibleText } from "./email/visible-text.ts";
import { parseTwilioForm } from "./sms.ts";
import { parseTelegramUpdate } from "./telegram.ts";
import { parseWhatsAppWebhook } from "./whatsapp.ts";

const json = fc.jsonValue({ maxDepth: 5 });

describe("channel parsers", () => {
  it("never throw on any JSON, and refuse what is not theirs", () => {
    fc.assert(
      fc.property(json, (v) => {
        for (const r of [parseTelegramUpdate(v), parseWhatsAppWebhook(v, "1"), parseApiMessage(v)]) expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 400 },
    );
    expect(parseTelegramUpdate({ hello: 1 }).ok).toBe(false);
    expect(parseWhatsAppWebhook({ object: "page" }, "1").ok).toBe(false);
  });

  it("never throw on shapes close to the real ones", () => {
    const telegramish = fc.record({ update_id: fc.oneof(fc.integer(), fc.string()), message: json, callback_query: json });
    const whatsappish = fc.record({
      object: fc.constant("whatsapp_business_account"),
      entry: fc.array(fc.record({ changes: fc.array(fc.record({ value: json })) })),
    });
    fc.assert(
      fc.property(telegramish, (v) => {
        expect(typeof parseTelegramUpdate(v).ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(whatsappish, (v) => {
        expect(parseWhatsAppWebhook(v, undefined).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("never throw on any form body or mail text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof parseTwilioForm(new URLSearchParams(s), undefined).ok).toBe("boolean");
        expect(typeof visibleText(s)).toBe("string");
        expect(typeof htmlToText(s)).toBe("string");
      }),
      { numRuns: 400 },
    );
  });
});
