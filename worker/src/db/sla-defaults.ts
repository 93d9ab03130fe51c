// The SLA policy of a site that has not set one (no D1 here: Node scripts import it too).

import type { SlaPolicy } from "../../../protocol/src/sla.ts";

const H = 60;

/** The policy of a site that has not set one. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  standard: {
    firstResponse: { urgent: 15, high: 30, normal: 60, low: 4 * H },
    resolution: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 72 * H },
  },
  complaint: {
    firstResponse: { urgent: 5, high: 15, normal: 30, low: 60 },
    resolution: { urgent: 2 * H, high: 4 * H, normal: 12 * H, low: 24 * H },
  },
  warningMinutes: 10,
  inactivity: { enabled: true, minutes: 24 * H },
  followUp: {
    enabled: false,
    delayMinutes: 3 * 24 * H,
    message: {
      en: "Hi again! Just checking in: is everything sorted? Reply here if you still need help.",
      "zh-CN": "您好！想跟进一下：您的问题都解决了吗？如仍需帮助，直接在这里回复即可。",
      "zh-TW": "您好！想跟進一下：您的問題都解決了嗎？如仍需協助，直接在這裡回覆即可。",
    },
  },
};
