// Every string the widget shows, in English, Simplified Chinese and Traditional Chinese.

export const STRINGS = {
  en: {
    open: "Open chat",
    close: "Close chat",
    title: "Chat with us",
    placeholder: "Type a message…",
    send: "Send",
    talkToPerson: "Talk to a person",
    connecting: "Connecting…",
    online: "Connected",
    offline: "Offline — messages will be sent when you're back online",
    reconnecting: "Reconnecting…",
    waiting: "Waiting for a person — you're number {n} in line",
    waitingNoPos: "A person will answer here shortly",
    joined: "{name} joined",
    typing: "{name} is typing…",
    someone: "Someone",
    unread: "{n} unread messages",
    sending: "Sending…",
    failed: "Not sent: {reason}",
    you: "You",
    bot: "Assistant",
    system: "Update",
    resolved: "This conversation was resolved",
    handoffEvent: "Connecting you to a person…",
    reopenedEvent: "Conversation reopened",
    error: "Chat is unavailable right now.",
  },
  "zh-CN": {
    open: "打开聊天",
    close: "关闭聊天",
    title: "在线客服",
    placeholder: "输入消息…",
    send: "发送",
    talkToPerson: "转人工",
    connecting: "正在连接…",
    online: "已连接",
    offline: "网络已断开，恢复后将自动发送消息",
    reconnecting: "正在重新连接…",
    waiting: "正在为您转接人工，您前面还有 {n} 位",
    waitingNoPos: "人工客服将很快在这里回复您",
    joined: "{name} 已加入对话",
    typing: "{name} 正在输入…",
    someone: "客服",
    unread: "{n} 条未读消息",
    sending: "发送中…",
    failed: "发送失败：{reason}",
    you: "我",
    bot: "智能助手",
    system: "通知",
    resolved: "本次对话已解决",
    handoffEvent: "正在为您转接人工客服…",
    reopenedEvent: "对话已重新打开",
    error: "聊天暂时不可用。",
  },
  "zh-TW": {
    open: "開啟聊天",
    close: "關閉聊天",
    title: "線上客服",
    placeholder: "輸入訊息…",
    send: "傳送",
    talkToPerson: "轉人工",
    connecting: "正在連線…",
    online: "已連線",
    offline: "網路已中斷，恢復後將自動傳送訊息",
    reconnecting: "正在重新連線…",
    waiting: "正在為您轉接人工，您前面還有 {n} 位",
    waitingNoPos: "真人客服將很快在這裡回覆您",
    joined: "{name} 已加入對話",
    typing: "{name} 正在輸入…",
    someone: "客服",
    unread: "{n} 則未讀訊息",
    sending: "傳送中…",
    failed: "傳送失敗：{reason}",
    you: "我",
    bot: "智慧助理",
    system: "通知",
    resolved: "本次對話已解決",
    handoffEvent: "正在為您轉接真人客服…",
    reopenedEvent: "對話已重新開啟",
    error: "聊天暫時無法使用。",
  },
} as const;

export type StringKey = keyof (typeof STRINGS)["en"];
export type Locale = keyof typeof STRINGS;

/** Maps any BCP 47 tag to a supported locale: zh-Hant/zh-TW/zh-HK → zh-TW, other zh → zh-CN, else en. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const t = (tag ?? "").toLowerCase();
  if (t.startsWith("zh")) return /hant|tw|hk|mo/.test(t) ? "zh-TW" : "zh-CN";
  return "en";
}

/** The browser's preferred supported locale. */
export function browserLocale(): Locale {
  for (const l of navigator.languages ?? [navigator.language]) {
    const r = resolveLocale(l);
    if (r !== "en" || l.toLowerCase().startsWith("en")) return r;
  }
  return "en";
}

/** A translated string with `{name}` placeholders filled in. */
export function t(locale: Locale, key: StringKey, vars: Record<string, string | number> = {}): string {
  const s: string = STRINGS[locale][key] ?? STRINGS.en[key];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
}

/** Picks text for the locale from a `{ locale: text }` map (exact, same language, English, any). */
export function pick(text: string | Record<string, string> | null | undefined, locale: Locale): string | null {
  if (text == null) return null;
  if (typeof text === "string") return text;
  return text[locale] ?? text[locale.split("-")[0]!] ?? (locale === "zh-TW" ? text["zh-CN"] : undefined) ?? text.en ?? Object.values(text)[0] ?? null;
}
