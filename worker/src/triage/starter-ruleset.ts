// The starter ruleset a new site (and the demo) gets, in English and Chinese: complaints by severity,
// faults, order status (asks for the order number), FAQs with quick replies, greetings, thanks.
// Tuned against the table of realistic messages in starter-ruleset.test.ts. Uses teams `support`
// and `complaints`. Replies never promise a person: the bot's hand-off notice says honestly what
// happens next (someone online, queue, or closed → email).

import type { Localized, Rule, Ruleset } from "../../../protocol/src/ruleset.ts";
import { ESCALATION, FAULT, GREETINGS, HANDOFF, HOURS, MONEY_BACK, ORDER, PASSWORD, RETURNS, SHIPPING, THANKS, UNHAPPY } from "./starter-words.ts";

const L = (en: string, zhCN: string, zhTW: string): Localized => ({ en, "zh-CN": zhCN, "zh-TW": zhTW });

const TOPICS = {
  shipping: { label: L("Shipping", "配送", "配送"), payload: "faq:shipping" },
  returns: { label: L("Returns & refunds", "退换货", "退換貨"), payload: "faq:returns" },
  order: { label: L("Order status", "订单状态", "訂單狀態"), payload: "faq:order" },
  password: { label: L("Password", "密码", "密碼"), payload: "faq:password" },
  person: { label: L("Talk to a person", "转人工", "轉真人"), payload: "__handoff" },
};

const rule = (r: Rule): Rule => ({ enabled: true, ...r });

/** The ruleset new sites start from, showing every part of the rules language at work. */
export const STARTER_RULESET: Ruleset = {
  settings: {
    handoffKeywords: HANDOFF,
    maxBotTurns: 3,
    defaultTeam: "support",
    fallbackReply: L(
      "Sorry, I didn't catch that. I can help with shipping, returns, orders and passwords — or press “Talk to a person”.",
      "抱歉，我没有理解。我可以解答配送、退换货、订单和密码的问题，也可以点击“转人工”。",
      "抱歉，我沒有理解。我可以解答配送、退換貨、訂單和密碼的問題，也可以點擊「轉真人」。",
    ),
  },
  rules: [
    rule({
      id: "complaint-severe",
      name: "Severe complaints (refund, legal, media, VIP): urgent, straight to the complaints team",
      when: {
        any: [
          { field: "message.text", op: "containsAny", value: ESCALATION },
          {
            all: [
              { field: "message.text", op: "containsAny", value: UNHAPPY },
              {
                any: [
                  { field: "visitor.tier", op: "equals", value: "vip" },
                  { field: "message.text", op: "containsAny", value: MONEY_BACK },
                ],
              },
            ],
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: L(
            "I'm very sorry about this. I've marked it urgent and passed it to our complaints team.",
            "非常抱歉给您带来这样的体验。我已将您的问题标记为紧急，并转交投诉处理团队。",
            "非常抱歉給您帶來這樣的體驗。我已將您的問題標記為緊急，並轉交投訴處理團隊。",
          ),
        },
        { type: "setPriority", value: "urgent" },
        { type: "addLabels", value: ["complaint", "severity:high"] },
        { type: "handoff", team: "complaints", note: "Severe complaint: answer first." },
      ],
      stop: true,
    }),
    rule({
      id: "complaint-mild",
      name: "Other complaints: high priority, complaints team",
      when: { field: "message.text", op: "containsAny", value: UNHAPPY },
      then: [
        {
          type: "reply",
          text: L(
            "I'm sorry to hear that. I've passed this to our complaints team with high priority.",
            "很抱歉听到这些。我已将您的问题以高优先级转交投诉处理团队。",
            "很抱歉聽到這些。我已將您的問題以高優先級轉交投訴處理團隊。",
          ),
        },
        { type: "setPriority", value: "high" },
        { type: "addLabels", value: ["complaint", "severity:medium"] },
        { type: "handoff", team: "complaints", note: "Complaint" },
      ],
      stop: true,
    }),
    rule({
      id: "vip-priority",
      name: "VIP customers are served first (does not stop: other rules still answer)",
      when: { field: "visitor.tier", op: "equals", value: "vip" },
      then: [
        { type: "setPriority", value: "high" },
        { type: "addLabels", value: ["vip"] },
      ],
    }),
    rule({
      id: "fault",
      name: "Something is broken: first steps, then a person is one tap away",
      when: {
        field: "message.text",
        op: "containsAny",
        value: FAULT,
      },
      then: [
        {
          type: "reply",
          text: L(
            "Sorry about that. Please try: 1. refresh the page, 2. sign out and in again, 3. another browser. Still broken? Tap “Talk to a person”.",
            "抱歉给您带来不便。请尝试：1. 刷新页面；2. 退出后重新登录；3. 换一个浏览器。仍有问题请点“转人工”。",
            "抱歉給您帶來不便。請嘗試：1. 重新整理頁面；2. 登出後重新登入；3. 換一個瀏覽器。仍有問題請點「轉真人」。",
          ),
          quickReplies: [TOPICS.person],
        },
        { type: "addLabels", value: ["fault"] },
        { type: "route", team: "support" },
      ],
      stop: true,
    }),
    rule({
      id: "order-status",
      name: "Order status asks for the order number (taken from the message when it is there)",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:order" },
          {
            field: "message.text",
            op: "containsAny",
            value: ORDER,
          },
        ],
      },
      then: [
        {
          type: "askField",
          field: "orderNumber",
          prompt: L(
            "Sure. What is your order number? (It looks like A12345.)",
            "好的，请提供您的订单号（例如 A12345）。",
            "好的，請提供您的訂單號（例如 A12345）。",
          ),
          validate: "^[A-Za-z]\\d{5}$",
          error: L(
            "That doesn't look like an order number: it's a letter and five digits, like A12345.",
            "订单号格式不对，应为一个字母加五位数字，例如 A12345。",
            "訂單號格式不對，應為一個字母加五位數字，例如 A12345。",
          ),
        },
        {
          type: "reply",
          text: L(
            "Thanks! You can follow order **{{visitor.attributes.orderNumber}}** at [example.com/track](https://example.com/track). Anything else?",
            "谢谢！您可以在 [example.com/track](https://example.com/track) 查看订单 **{{visitor.attributes.orderNumber}}** 的物流。还有其他问题吗？",
            "謝謝！您可以在 [example.com/track](https://example.com/track) 查看訂單 **{{visitor.attributes.orderNumber}}** 的物流。還有其他問題嗎？",
          ),
          quickReplies: [TOPICS.shipping, TOPICS.person],
        },
        { type: "addLabels", value: ["order"] },
      ],
      stop: true,
    }),
    rule({
      id: "faq-password",
      name: "Password reset",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:password" },
          {
            field: "message.text",
            op: "containsAny",
            value: PASSWORD,
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: L(
            "To reset your password, click **Forgot password** on the sign-in page; the link arrives by email within a minute.",
            "请在登录页点击 **忘记密码**，重置链接会在一分钟内发到您的邮箱。",
            "請在登入頁點擊 **忘記密碼**，重設連結會在一分鐘內寄到您的信箱。",
          ),
          quickReplies: [TOPICS.person],
        },
      ],
      stop: true,
    }),
    rule({
      id: "faq-returns",
      name: "Returns, exchanges and refunds",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:returns" },
          {
            field: "message.text",
            op: "containsAny",
            value: RETURNS,
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: L(
            "You can return any item within 30 days for a full refund. Start a return from **My orders** and we'll email you a label.",
            "商品签收后 30 天内可退换并全额退款。请在 **我的订单** 中发起退货，我们会把退货单发到您的邮箱。",
            "商品簽收後 30 天內可退換並全額退款。請在 **我的訂單** 中申請退貨，我們會把退貨單寄到您的信箱。",
          ),
          quickReplies: [TOPICS.shipping, TOPICS.order],
        },
      ],
      stop: true,
    }),
    rule({
      id: "faq-shipping",
      name: "Shipping",
      when: {
        any: [
          { field: "message.payload", op: "equals", value: "faq:shipping" },
          {
            field: "message.text",
            op: "containsAny",
            value: SHIPPING,
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: L(
            "Orders ship within 24 hours and arrive in 2–5 working days. Shipping is free over $50.",
            "订单 24 小时内发货，2–5 个工作日送达，满 50 元包邮。",
            "訂單 24 小時內出貨，2–5 個工作天送達，滿 50 元免運。",
          ),
          quickReplies: [TOPICS.returns, TOPICS.order],
        },
      ],
      stop: true,
    }),
    rule({
      id: "faq-hours",
      name: "Opening hours",
      when: {
        field: "message.text",
        op: "containsAny",
        value: HOURS,
      },
      then: [
        {
          type: "reply",
          text: L(
            "Our team is here Monday to Friday, 9:00–18:00 (China time). Outside those hours, leave a message and a person will answer by email.",
            "人工客服时间：周一至周五 9:00–18:00（北京时间）。其他时间请留言，客服会通过邮件回复您。",
            "真人客服時間：週一至週五 9:00–18:00（北京時間）。其他時間請留言，客服會透過郵件回覆您。",
          ),
        },
      ],
      stop: true,
    }),
    rule({
      id: "thanks",
      name: "Thanks and goodbye resolve the conversation",
      when: {
        field: "message.text",
        op: "containsAny",
        value: THANKS,
      },
      then: [{ type: "reply", text: L("You're welcome! Have a good day.", "不客气，祝您生活愉快！", "不客氣，祝您生活愉快！") }, { type: "resolve" }],
      stop: true,
    }),
    rule({
      id: "greeting-after-hours",
      name: "Greeting outside business hours says who answers when",
      when: {
        all: [
          { field: "time.businessHours", op: "equals", value: false },
          {
            field: "message.text",
            op: "containsAny",
            value: GREETINGS,
          },
        ],
      },
      then: [
        {
          type: "reply",
          text: L(
            "Hello! Our team is offline right now, but I can help with shipping, returns, orders and passwords. For anything else, a person will answer by email.",
            "您好！人工客服现在不在线，我可以解答配送、退换货、订单和密码的问题；其他问题客服会通过邮件回复您。",
            "您好！真人客服現在不在線，我可以解答配送、退換貨、訂單和密碼的問題；其他問題客服會透過郵件回覆您。",
          ),
          quickReplies: [TOPICS.shipping, TOPICS.returns, TOPICS.order],
        },
      ],
      stop: true,
    }),
    rule({
      id: "greeting",
      name: "Greeting",
      when: {
        field: "message.text",
        op: "containsAny",
        value: GREETINGS,
      },
      then: [
        {
          type: "reply",
          text: L("Hello! How can I help you today?", "您好！请问有什么可以帮您？", "您好！請問有什麼可以幫您？"),
          quickReplies: [TOPICS.shipping, TOPICS.returns, TOPICS.order],
        },
      ],
      stop: true,
    }),
  ],
};
