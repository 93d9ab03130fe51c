// Console strings in English and Simplified Chinese; the browser's language picks one.

import { signal } from "@preact/signals";

const en = {
  signIn: "Sign in",
  signOut: "Sign out",
  email: "Email",
  password: "Password",
  inbox: "Inbox",
  unassigned: "Unassigned",
  mine: "Mine",
  all: "All",
  resolved: "Resolved",
  noConversations: "Nothing here. New hand-offs appear in real time.",
  pickConversation: "Pick a conversation on the left.",
  claim: "Claim",
  resolve: "Resolve",
  reopen: "Reopen",
  reply: "Reply",
  note: "Private note",
  send: "Send",
  replyPlaceholder: "Write a reply… (Enter sends, Shift+Enter for a new line)",
  notePlaceholder: "Write a note only agents can see…",
  why: "Why?",
  triage: "Triage",
  matched: "matched",
  builtin: "Built-in rule",
  contact: "Contact",
  status: "Status",
  priority: "Priority",
  team: "Team",
  assignee: "Assignee",
  labels: "Labels",
  nobody: "Nobody",
  live: "Live",
  offline: "Reconnecting…",
  visitor: "Visitor",
  bot: "Bot",
  system: "System",
  noteBadge: "Note",
  loading: "Loading…",
} as const;

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  signIn: "登录",
  signOut: "退出登录",
  email: "邮箱",
  password: "密码",
  inbox: "收件箱",
  unassigned: "未分配",
  mine: "我的",
  all: "全部",
  resolved: "已解决",
  noConversations: "暂无会话。新的转人工会话会实时出现。",
  pickConversation: "请在左侧选择一个会话。",
  claim: "接入",
  resolve: "解决",
  reopen: "重新打开",
  reply: "回复",
  note: "内部备注",
  send: "发送",
  replyPlaceholder: "输入回复…（Enter 发送，Shift+Enter 换行）",
  notePlaceholder: "输入仅客服可见的备注…",
  why: "原因",
  triage: "分流",
  matched: "已匹配",
  builtin: "内置规则",
  contact: "客户",
  status: "状态",
  priority: "优先级",
  team: "团队",
  assignee: "负责人",
  labels: "标签",
  nobody: "无",
  live: "实时",
  offline: "正在重新连接…",
  visitor: "访客",
  bot: "机器人",
  system: "系统",
  noteBadge: "备注",
  loading: "加载中…",
};

export const lang = signal<"en" | "zh-CN">(navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en");

/** The console string for a key in the current language. */
export function t(key: Key): string {
  return lang.value === "zh-CN" ? zh[key] : en[key];
}
