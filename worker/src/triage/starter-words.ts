// The vocabularies of the starter ruleset (English, Simplified and Traditional Chinese): the words
// that signal each topic. Tuned against the realistic messages in starter-ruleset.test.ts.

/** Words that always hand off (the built-in escape hatch). */
export const HANDOFF = [
  "human",
  "agent",
  "real person",
  "a person",
  "someone real",
  "operator",
  "representative",
  "customer service",
  "人工",
  "客服",
  "真人",
  "转人工",
  "轉人工",
];

/** Words that say the visitor is unhappy (mild on their own). */
export const UNHAPPY = [
  "complaint",
  "complain",
  "complaining",
  "unacceptable",
  "terrible",
  "awful",
  "worst",
  "disappointed",
  "disgusting",
  "not happy",
  "very unhappy",
  "rude",
  "ridiculous",
  "poor service",
  "bad service",
  "useless",
  "fed up",
  "投诉",
  "投訴",
  "不满",
  "不滿",
  "太差",
  "差评",
  "差評",
  "失望",
  "态度差",
  "态度很差",
  "垃圾",
  "气死",
  "坑人",
  "骗子",
];

/** Escalation: legal, media, regulators. Severe whatever else is said. */
export const ESCALATION = [
  "lawyer",
  "attorney",
  "legal action",
  "sue you",
  "going to sue",
  "take you to court",
  "journalist",
  "the press",
  "the media",
  "go public",
  "social media",
  "consumer protection",
  "trading standards",
  "律师",
  "律師",
  "起诉",
  "法院",
  "告你们",
  "媒体",
  "曝光",
  "记者",
  "消协",
  "消费者协会",
  "12315",
  "工商局",
];

export const MONEY_BACK = ["refund", "money back", "chargeback", "compensation", "退款", "退钱", "賠償", "赔偿", "退錢"];

/** Something does not work (faults, errors, failed payments). */
export const FAULT = [
  "not working",
  "doesn't work",
  "does not work",
  "isn't working",
  "stopped working",
  "error",
  "crash",
  "crashes",
  "crashed",
  "crashing",
  "bug",
  "won't load",
  "can't open",
  "cannot open",
  "payment failed",
  "blank page",
  "坏了",
  "故障",
  "打不开",
  "闪退",
  "报错",
  "出错",
  "无法使用",
  "用不了",
  "支付失败",
  "付款失败",
  "白屏",
  "卡住",
];

/** Questions about an order's whereabouts. */
export const ORDER = [
  "order status",
  "where is my order",
  "my order",
  "my package",
  "my parcel",
  "track",
  "tracking",
  "order number",
  "hasn't arrived",
  "has not arrived",
  "not arrived",
  "still waiting",
  "订单",
  "物流",
  "到哪了",
  "查单",
  "单号",
  "还没到",
  "没收到",
  "包裹",
  "訂單",
];

/** Signing in and passwords. */
export const PASSWORD = [
  "password",
  "can't log in",
  "cannot log in",
  "can't login",
  "can't sign in",
  "log in",
  "login",
  "sign in",
  "locked out",
  "密码",
  "密碼",
  "登录",
  "登陆",
  "登不上",
  "登入",
  "账号被锁",
];

/** Returns, exchanges, refunds without a complaint. */
export const RETURNS = [
  "return",
  "returns",
  "exchange",
  "refund",
  "money back",
  "send it back",
  "damaged",
  "wrong size",
  "退货",
  "退换",
  "换货",
  "退款",
  "退換",
  "退貨",
  "退钱",
  "七天无理由",
  "尺码不对",
];

/** Shipping costs and delivery times. */
export const SHIPPING = [
  "shipping",
  "delivery",
  "deliver",
  "ship",
  "ships",
  "how long",
  "配送",
  "发货",
  "發貨",
  "快递",
  "运费",
  "運費",
  "几天到",
  "多久到",
  "包邮",
  "送货",
];

/** Opening hours. */
export const HOURS = [
  "opening hours",
  "business hours",
  "working hours",
  "when are you open",
  "are you open",
  "open today",
  "营业时间",
  "營業時間",
  "上班时间",
  "工作时间",
  "几点上班",
  "几点下班",
];

/** Thanks and goodbyes (they resolve the conversation). */
export const THANKS = ["thanks", "thank you", "thx", "bye", "goodbye", "that's all", "谢谢", "謝謝", "多谢", "感谢", "再见", "拜拜", "没问题了"];

/** Greetings. */
export const GREETINGS = ["hi", "hello", "hey", "good morning", "good afternoon", "good evening", "你好", "您好", "在吗", "在嗎", "哈喽", "嗨"];
