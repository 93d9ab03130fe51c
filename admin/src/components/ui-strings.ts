// Strings shared by the admin pages: buttons, states, roles, and API errors people often meet.

import type { ApiError } from "../api/client.ts";
import { defineStrings, lang } from "../i18n.ts";

const t = defineStrings(
  {
    save: "Save",
    saved: "Saved.",
    copy: "Copy",
    copied: "Copied",
    delete: "Delete",
    revoke: "Revoke",
    cancel: "Cancel",
    add: "Add",
    remove: "Remove",
    edit: "Edit",
    create: "Create",
    loadMore: "Load more",
    none: "None yet.",
    owner: "Owner",
    admin: "Admin",
    agent: "Agent",
    rate_limited: "Too many attempts. Wait a few minutes and try again.",
    bad_credentials: "That email and password do not match.",
    forbidden: "You do not have permission to do this.",
    csrf: "This request was refused because it did not come from the Parley console.",
    network: "The server cannot be reached. Check your connection.",
    unauthenticated: "Your session has ended. Sign in again.",
  },
  {
    save: "保存",
    saved: "已保存。",
    copy: "复制",
    copied: "已复制",
    delete: "删除",
    revoke: "撤销",
    cancel: "取消",
    add: "添加",
    remove: "移除",
    edit: "编辑",
    create: "创建",
    loadMore: "加载更多",
    none: "暂无。",
    owner: "所有者",
    admin: "管理员",
    agent: "客服",
    rate_limited: "尝试次数过多，请几分钟后再试。",
    bad_credentials: "邮箱和密码不匹配。",
    forbidden: "您没有权限执行此操作。",
    csrf: "请求被拒绝：它并非来自 Parley 控制台。",
    network: "无法连接服务器，请检查网络。",
    unauthenticated: "登录已过期，请重新登录。",
  },
);

const TRANSLATED = new Set(["rate_limited", "bad_credentials", "forbidden", "csrf", "network", "unauthenticated"]);

export const ui = {
  t,
  /** The API's message, translated for the codes people meet most; field messages stay as sent. */
  apiError(e: ApiError): string {
    return TRANSLATED.has(e.code) ? t(e.code as Parameters<typeof t>[0]) : e.message;
  },
  role(r: string): string {
    return r === "owner" || r === "admin" || r === "agent" ? t(r) : r;
  },
  locale(): string {
    return lang.value === "zh-CN" ? "zh-CN" : "en";
  },
};
