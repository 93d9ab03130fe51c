// Console i18n: English and Simplified Chinese. Each module defines its own strings with
// `defineStrings`, so pages own their text and nobody edits one giant table.

import { signal } from "@preact/signals";

export type Lang = "en" | "zh-CN";

function initial(): Lang {
  try {
    const saved = localStorage.getItem("parley:console-lang");
    if (saved === "en" || saved === "zh-CN") return saved;
  } catch {
    // storage unavailable: follow the browser
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** The console language; switching it re-renders everything that reads strings. */
export const lang = signal<Lang>(initial());

export function setLang(l: Lang): void {
  lang.value = l;
  try {
    localStorage.setItem("parley:console-lang", l);
  } catch {
    // ignore
  }
}

/**
 * Defines a module's strings. The Chinese table must have exactly the English keys (checked by
 * TypeScript). Returns `t(key, vars?)`, with `{name}` placeholders filled from `vars`.
 */
export function defineStrings<K extends string>(en: Record<K, string>, zh: Record<K, string>) {
  return (key: K, vars: Record<string, string | number> = {}): string =>
    (lang.value === "zh-CN" ? zh[key] : en[key]).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
}

/** Strings shared by the shell and several pages. */
export const t = defineStrings(
  {
    signIn: "Sign in",
    signOut: "Sign out",
    email: "Email",
    password: "Password",
    inbox: "Inbox",
    rules: "Rules",
    settings: "Settings",
    contacts: "Contacts",
    reports: "Reports",
    channels: "Channels",
    loading: "Loading…",
    save: "Save",
    cancel: "Cancel",
    notFound: "There is nothing at this address.",
    noSite: "You are not a member of any site yet.",
    language: "Language",
    account: "Account",
  },
  {
    signIn: "登录",
    signOut: "退出登录",
    email: "邮箱",
    password: "密码",
    inbox: "收件箱",
    rules: "规则",
    settings: "设置",
    contacts: "客户",
    reports: "报表",
    channels: "渠道",
    loading: "加载中…",
    save: "保存",
    cancel: "取消",
    notFound: "此地址没有内容。",
    noSite: "您还不是任何站点的成员。",
    language: "语言",
    account: "账户",
  },
);
