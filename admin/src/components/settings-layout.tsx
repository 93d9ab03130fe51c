// The frame of every settings page: a side navigation over the site's settings (including pages
// other features provide: rules, SLA, channels, webhooks) and the page's content.

import type { ComponentChildren } from "preact";
import { defineStrings } from "../i18n.ts";
import { navigate, path } from "../router.ts";

const t = defineStrings(
  {
    settings: "Settings",
    site: "Site & embed",
    widget: "Widget",
    hours: "Business hours",
    people: "People",
    teams: "Teams",
    canned: "Canned replies",
    rules: "Rules",
    sla: "SLA",
    channels: "Channels",
    webhooks: "Webhooks",
    tokens: "API tokens",
    audit: "Audit log",
    sites: "All sites",
  },
  {
    settings: "设置",
    site: "站点与嵌入",
    widget: "聊天窗口",
    hours: "营业时间",
    people: "成员",
    teams: "团队",
    canned: "快捷回复",
    rules: "规则",
    sla: "SLA",
    channels: "渠道",
    webhooks: "Webhooks",
    tokens: "API 令牌",
    audit: "审计日志",
    sites: "所有站点",
  },
);

type Key = Parameters<typeof t>[0];

/** Settings sections in order. Rules, SLA, channels and webhooks are pages of their own features. */
export const SETTINGS_LINKS: { key: Key; href: string }[] = [
  { key: "site", href: "/admin/settings" },
  { key: "widget", href: "/admin/settings/widget" },
  { key: "hours", href: "/admin/settings/hours" },
  { key: "people", href: "/admin/settings/people" },
  { key: "teams", href: "/admin/settings/teams" },
  { key: "canned", href: "/admin/settings/canned-replies" },
  { key: "rules", href: "/admin/rules" },
  { key: "sla", href: "/admin/sla" },
  { key: "channels", href: "/admin/channels" },
  { key: "webhooks", href: "/admin/webhooks" },
  { key: "tokens", href: "/admin/settings/tokens" },
  { key: "audit", href: "/admin/settings/audit" },
  { key: "sites", href: "/admin/sites" },
];

export function SettingsLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="settings">
      <nav class="settings-nav" aria-label={t("settings")}>
        {SETTINGS_LINKS.map((l) => (
          <a
            key={l.href}
            href={l.href}
            aria-current={path.value === l.href ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(l.href);
            }}
          >
            {t(l.key)}
          </a>
        ))}
      </nav>
      <main class="settings-main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

export { t as settingsT };
