// The few strings the launcher shows before the panel's code has loaded.

import type { Locale } from "./locale.ts";

export const LAUNCHER_STRINGS: Record<Locale, { open: string; close: string; unread: string }> = {
  en: { open: "Open chat", close: "Close chat", unread: "{n} unread" },
  "zh-CN": { open: "打开在线客服", close: "关闭在线客服", unread: "{n} 条未读" },
  "zh-TW": { open: "開啟線上客服", close: "關閉線上客服", unread: "{n} 則未讀" },
};
