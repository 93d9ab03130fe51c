// The starter ruleset a new site (and the demo) gets: greeting, FAQs, order status, complaints, hand-off.

import type { Ruleset } from "../../../protocol/src/ruleset.ts";

const ASK_MORE = [
  { label: { en: "Shipping", "zh-CN": "配送", "zh-TW": "配送" }, payload: "faq:shipping" },
  { label: { en: "Returns", "zh-CN": "退换货", "zh-TW": "退換貨" }, payload: "faq:returns" },
  { label: { en: "Order status", "zh-CN": "订单状态", "zh-TW": "訂單狀態" }, payload: "faq:order" },
];

/** A ruleset in English and Chinese that shows every part of the rules language at work. */
export const STARTER_RULESET: Ruleset = {
  settings: {
    handoffKeywords: ["human", "agent", "person", "real person", "operator", "人工", "客服", "真人", "轉人工", "真人客服"],
    maxBotTurns: 3,
    defaultTeam: "support",
    fallbackReply: {
      en: "I'm not sure I understood. You can pick a topic below, or press “Talk to a person”.",
      "zh-CN": "抱歉，我没有完全理解。您可以选择下面的话题，或点击“转人工”。",
      "zh-TW": "抱歉，我沒有完全理解。您可以選擇下面的話題，或點擊「轉人工」。",
    },
  },
  rules: [
    {
      id: "complaint-severe",
      name: "Severe complaints go straight to a person",
      when: {
        any: [
          {
            field: "message.text",
            op: "containsAny",
            value: ["lawyer", "legal action", "sue", "media", "journalist", "律师", "起诉", "媒体", "曝光", "消协", "12315"],
          },
          {
            all: [
              { field: "message.text", op: "containsAny", value: ["complaint", "complain", "投诉", "投訴"] },
              {
                any: [
                  { field: "visitor.tier", op: "equals", value: "vip" },
                  { field: "message.text", op: "containsAny", value: ["refund", "money back", "退款", "退钱"] },
                ],
              },
            ],
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "I'm sorry about this. A person is taking over now.",
            "zh-CN": "非常抱歉给您带来不便，马上为您转接人工客服。",
            "zh-TW": "非常抱歉給您帶來不便，馬上為您轉接人工客服。",
          },
        },
        { type: "setPriority", value: "urgent" },
        { type: "addLabels", value: ["complaint", "severity:high"] },
        { type: "handoff", team: "support", note: "Severe complaint" },
      ],
      stop: true,
    },
    {
      id: "complaint-mild",
      name: "Other complaints: high priority, then a person",
      when: {
        field: "message.text",
        op: "containsAny",
        value: ["complaint", "complain", "unacceptable", "terrible service", "not happy", "投诉", "投訴", "不满意", "太差", "差评"],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "I'm sorry to hear that. I'm passing this to our team right away.",
            "zh-CN": "很抱歉听到这些，我马上把您的问题转给我们的团队。",
            "zh-TW": "很抱歉聽到這些，我馬上把您的問題轉給我們的團隊。",
          },
        },
        { type: "setPriority", value: "high" },
        { type: "addLabels", value: ["complaint", "severity:medium"] },
        { type: "handoff", team: "support", note: "Complaint" },
      ],
      stop: true,
    },
    {
      id: "greeting",
      name: "Greeting",
      when: { field: "message.text", op: "containsAny", value: ["hi", "hello", "hey", "good morning", "你好", "您好", "在吗", "哈喽"] },
      then: [
        {
          type: "reply",
          text: { en: "Hello! How can I help you today?", "zh-CN": "您好！请问有什么可以帮您？", "zh-TW": "您好！請問有什麼可以幫您？" },
          quickReplies: ASK_MORE,
        },
      ],
      stop: true,
    },
    {
      id: "faq-shipping",
      name: "Shipping",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:shipping" },
          { field: "message.text", op: "containsAny", value: ["shipping", "delivery", "deliver", "ship", "配送", "发货", "快递", "运费", "幾天到"] },
        ],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "Orders ship within 24 hours and arrive in 2–5 working days. Shipping is free over $50.",
            "zh-CN": "订单 24 小时内发货，2–5 个工作日送达，满 50 元包邮。",
            "zh-TW": "訂單 24 小時內出貨，2–5 個工作天送達，滿 50 元免運。",
          },
          quickReplies: [ASK_MORE[1]!, ASK_MORE[2]!],
        },
      ],
      stop: true,
    },
    {
      id: "faq-returns",
      name: "Returns",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:returns" },
          { field: "message.text", op: "containsAny", value: ["return", "returns", "exchange", "退货", "退换", "换货", "退換"] },
        ],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "You can return any item within 30 days. Start a return from **My orders**, and we'll email a label.",
            "zh-CN": "商品签收后 30 天内可退换。请在 **我的订单** 中发起退货，我们会把退货单发到您的邮箱。",
            "zh-TW": "商品簽收後 30 天內可退換。請在 **我的訂單** 中申請退貨，我們會把退貨單寄到您的信箱。",
          },
          quickReplies: [ASK_MORE[0]!, ASK_MORE[2]!],
        },
      ],
      stop: true,
    },
    {
      id: "faq-hours",
      name: "Opening hours",
      when: {
        field: "message.text",
        op: "containsAny",
        value: ["opening hours", "business hours", "when are you open", "open today", "营业时间", "几点", "上班时间", "營業時間"],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "Our team is here Monday to Friday, 9:00–18:00. Outside those hours, leave a message and we'll reply by email.",
            "zh-CN": "人工客服时间：周一至周五 9:00–18:00。其他时间请留言，我们会通过邮件回复您。",
            "zh-TW": "人工客服時間：週一至週五 9:00–18:00。其他時間請留言，我們會透過郵件回覆您。",
          },
        },
      ],
      stop: true,
    },
    {
      id: "faq-password",
      name: "Password reset",
      when: {
        field: "message.text",
        op: "containsAny",
        value: ["password", "reset password", "can't log in", "cannot log in", "login", "密码", "登录", "登不上", "密碼"],
      },
      then: [
        {
          type: "reply",
          text: {
            en: "To reset your password, click **Forgot password** on the sign-in page; the link arrives by email within a minute.",
            "zh-CN": "请在登录页点击 **忘记密码**，重置链接会在一分钟内发到您的邮箱。",
            "zh-TW": "請在登入頁點擊 **忘記密碼**，重設連結會在一分鐘內寄到您的信箱。",
          },
        },
      ],
      stop: true,
    },
    {
      id: "order-status",
      name: "Order status asks for the order number",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:order" },
          { field: "message.text", op: "containsAny", value: ["order status", "where is my order", "my order", "tracking", "订单", "物流", "到哪了", "訂單"] },
        ],
      },
      then: [
        {
          type: "askField",
          field: "orderNumber",
          prompt: {
            en: "Sure. What is your order number? (It looks like A12345.)",
            "zh-CN": "好的，请提供您的订单号（例如 A12345）。",
            "zh-TW": "好的，請提供您的訂單號（例如 A12345）。",
          },
          validate: "^[A-Za-z]\\d{5}$",
          error: {
            en: "That doesn't look like an order number. It's a letter and five digits, like A12345.",
            "zh-CN": "订单号格式不对，应为一个字母加五位数字，例如 A12345。",
            "zh-TW": "訂單號格式不對，應為一個字母加五位數字，例如 A12345。",
          },
        },
        { type: "addLabels", value: ["order"] },
      ],
      stop: true,
    },
  ],
};
