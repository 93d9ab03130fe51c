// Settings › Site & embed: name, allowed origins, default assignment, data retention, the embed
// snippet, and identity verification with its secret (shown once, rotatable).

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { CopyBox, ErrorNote, Field, SaveBar, Section } from "../components/ui.tsx";
import { defineStrings } from "../i18n.ts";
import { createSiteModel } from "../models/site.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Site & embed",
    general: "General",
    name: "Site name",
    origins: "Allowed origins",
    originsHint: "One per line, like https://shop.example.com. Empty = any page may use the widget (for development only).",
    assignment: "Default auto-assignment",
    round_robin: "Round robin",
    least_busy: "Least busy",
    manual: "Manual (agents claim)",
    anonymous: "Allow anonymous visitors to chat",
    embed: "Embed snippet",
    embedHint: "Paste this before </body> on every page that should show the chat.",
    identity: "Identity verification",
    identityHint:
      "Your server signs the user id with this secret (userHash = hex HMAC-SHA256, or an HS256 JWT), so visitors cannot pretend to be someone else.",
    required: "Require verified identities",
    secretSet: "A secret is set.",
    noSecret: "No secret yet.",
    create: "Create secret",
    rotate: "Rotate secret",
    rotateConfirm: "Rotate the secret? The old one stops working at once.",
    shownOnce: "Copy it now: it will not be shown again.",
    secret: "Identity secret",
    retention: "Delete ended conversations after (days)",
    retentionHint: "Resolved and closed conversations older than this are deleted for good, with their files, every hour. Empty keeps them.",
  },
  {
    title: "站点与嵌入",
    general: "常规",
    name: "站点名称",
    origins: "允许的来源",
    originsHint: "每行一个，例如 https://shop.example.com。留空表示任何页面都可使用聊天窗口（仅用于开发）。",
    assignment: "默认自动分配",
    round_robin: "轮流分配",
    least_busy: "最空闲优先",
    manual: "手动（客服认领）",
    anonymous: "允许匿名访客聊天",
    embed: "嵌入代码",
    embedHint: "把这段代码放在每个需要显示聊天的页面的 </body> 之前。",
    identity: "身份验证",
    identityHint: "您的服务器用此密钥对用户 ID 签名（userHash = HMAC-SHA256 十六进制，或 HS256 JWT），访客无法冒充他人。",
    required: "要求经过验证的身份",
    secretSet: "已设置密钥。",
    noSecret: "尚未设置密钥。",
    create: "创建密钥",
    rotate: "轮换密钥",
    rotateConfirm: "确定轮换密钥？旧密钥将立即失效。",
    shownOnce: "请立即复制：它不会再次显示。",
    secret: "身份密钥",
    retention: "已结束对话的保留天数",
    retentionHint: "超过该天数的已解决和已关闭对话（及其附件）每小时自动永久删除。留空表示一直保留。",
  },
);

export function SiteSettingsPage({ siteId }: PageProps) {
  const model = useMemo(() => createSiteModel(siteId), [siteId]);
  useEffect(() => void model.load(), [model]);
  const name = useSignal("");
  const origins = useSignal("");
  const assignment = useSignal("round_robin");
  const anonymous = useSignal(true);
  const retention = useSignal("");
  const env = model.value.value;
  useEffect(() => {
    if (!env) return;
    name.value = env.site.name;
    origins.value = env.site.allowedOrigins.join("\n");
    assignment.value = env.site.assignment;
    anonymous.value = env.site.anonymousAllowed;
    retention.value = env.site.retentionDays ? String(env.site.retentionDays) : "";
  }, [env?.site.id, env?.site.name]);
  if (!env) return <SettingsLayout title={t("title")}>{model.error.value ? <ErrorNote error={model.error.value} /> : null}</SettingsLayout>;
  const err = model.error.value;

  const save = (e: Event) => {
    e.preventDefault();
    void model.save({
      name: name.value,
      allowedOrigins: origins.value
        .split("\n")
        .map((o) => o.trim())
        .filter(Boolean),
      assignment: assignment.value,
      anonymousAllowed: anonymous.value,
      retentionDays: retention.value.trim() ? Number(retention.value) : null,
    });
  };
  const rotate = () => {
    if (!env.site.identitySecretSet || confirm(t("rotateConfirm"))) void model.rotateSecret();
  };

  return (
    <SettingsLayout title={t("title")}>
      <Section title={t("general")}>
        <form class="form" onSubmit={save}>
          <Field label={t("name")} name="name" error={err}>
            <input value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} required maxLength={120} />
          </Field>
          <Field label={t("origins")} name="allowedOrigins" error={err} hint={t("originsHint")}>
            <textarea rows={3} value={origins.value} onInput={(e) => (origins.value = e.currentTarget.value)} placeholder="https://shop.example.com" />
          </Field>
          <Field label={t("assignment")} name="assignment" error={err}>
            <select value={assignment.value} onChange={(e) => (assignment.value = e.currentTarget.value)}>
              {(["round_robin", "least_busy", "manual"] as const).map((a) => (
                <option key={a} value={a}>
                  {t(a)}
                </option>
              ))}
            </select>
          </Field>
          <label class="check">
            <input type="checkbox" checked={anonymous.value} onChange={(e) => (anonymous.value = e.currentTarget.checked)} /> {t("anonymous")}
          </label>
          <Field label={t("retention")} name="retentionDays" error={err} hint={t("retentionHint")}>
            <input type="number" min={1} max={3650} step={1} value={retention.value} onInput={(e) => (retention.value = e.currentTarget.value)} />
          </Field>
          <ErrorNote error={err} fields={["name", "allowedOrigins", "assignment", "identityRequired", "retentionDays"]} />
          <SaveBar saved={model.saved.value && !model.newSecret.value} />
        </form>
      </Section>
      <Section title={t("embed")}>
        <p class="hint">{t("embedHint")}</p>
        <CopyBox text={env.embed} label={t("embed")} testId="embed-snippet" />
      </Section>
      <Section title={t("identity")}>
        <p class="hint">{t("identityHint")}</p>
        <p>{env.site.identitySecretSet ? t("secretSet") : t("noSecret")}</p>
        {model.newSecret.value && (
          <div class="notice">
            <strong>{t("shownOnce")}</strong>
            <CopyBox text={model.newSecret.value} label={t("secret")} testId="identity-secret" />
          </div>
        )}
        <div class="row">
          <button type="button" onClick={rotate}>
            {env.site.identitySecretSet ? t("rotate") : t("create")}
          </button>
          <label class="check">
            <input
              type="checkbox"
              checked={env.site.identityRequired}
              disabled={!env.site.identitySecretSet}
              onChange={(e) => void model.save({ identityRequired: e.currentTarget.checked })}
            />{" "}
            {t("required")}
          </label>
        </div>
      </Section>
    </SettingsLayout>
  );
}
