// Settings › API tokens: tokens for programs on this site, shown once at creation, revocable.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { CopyBox, ErrorNote, Field, Section, when } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "API tokens",
    intro: "Programs call the API with `Authorization: Bearer <token>`. A token works on this site only, with at most your role.",
    name: "Name",
    role: "Role",
    days: "Expires after (days, empty = never)",
    create: "Create token",
    shownOnce: "Copy the token now: it is shown only once.",
    prefix: "Starts with",
    created: "Created",
    lastUsed: "Last used",
    expires: "Expires",
    revoked: "Revoked",
    never: "never",
    revokeConfirm: "Revoke {name}? Programs using it stop working at once.",
  },
  {
    title: "API 令牌",
    intro: "程序通过 `Authorization: Bearer <令牌>` 调用 API。令牌仅对本站点有效，权限不超过您的角色。",
    name: "名称",
    role: "角色",
    days: "有效天数（留空表示永久）",
    create: "创建令牌",
    shownOnce: "请立即复制令牌：它只显示一次。",
    prefix: "开头",
    created: "创建时间",
    lastUsed: "最近使用",
    expires: "过期时间",
    revoked: "已撤销",
    never: "永不",
    revokeConfirm: "确定撤销 {name}？使用它的程序将立即停止工作。",
  },
);

interface Token {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

export function TokensPage({ siteId }: PageProps) {
  const tokens = useMemo(() => createRemote<{ items: Token[] }>(`/tokens?site=${encodeURIComponent(siteId)}`), [siteId]);
  useEffect(() => void tokens.load(), [tokens]);
  const name = useSignal("");
  const role = useSignal("agent");
  const days = useSignal("");
  const secret = useSignal<string | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    const body = { site: siteId, name: name.value, role: role.value, ...(days.value ? { expiresInDays: Number(days.value) } : {}) };
    const r = await tokens.run<{ secret: string }>("POST", "/tokens", body, (x) => (secret.value = x.secret));
    if (r) name.value = days.value = "";
  };

  return (
    <SettingsLayout title={t("title")}>
      <Section title={t("create")}>
        <p class="hint">{t("intro")}</p>
        <form class="form row" onSubmit={create}>
          <Field label={t("name")} name="name" error={tokens.error.value}>
            <input required value={name.value} placeholder="CRM sync" onInput={(e) => (name.value = e.currentTarget.value)} />
          </Field>
          <Field label={t("role")} name="role" error={tokens.error.value}>
            <select value={role.value} onChange={(e) => (role.value = e.currentTarget.value)}>
              <option value="agent">{ui.role("agent")}</option>
              <option value="admin">{ui.role("admin")}</option>
            </select>
          </Field>
          <Field label={t("days")} name="expiresInDays" error={tokens.error.value}>
            <input type="number" min={1} max={3650} class="narrow" value={days.value} onInput={(e) => (days.value = e.currentTarget.value)} />
          </Field>
          <button type="submit">{t("create")}</button>
        </form>
        <ErrorNote error={tokens.error.value} fields={["name", "role", "expiresInDays"]} />
        {secret.value && (
          <div class="notice">
            <strong>{t("shownOnce")}</strong>
            <CopyBox text={secret.value} label={t("title")} testId="token-secret" />
          </div>
        )}
      </Section>
      <Section title={t("title")}>
        <table class="table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("role")}</th>
              <th>{t("prefix")}</th>
              <th>{t("created")}</th>
              <th>{t("lastUsed")}</th>
              <th>{t("expires")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(tokens.value.value?.items ?? []).map((k) => (
              <tr key={k.id} class={k.revokedAt ? "muted" : ""}>
                <td>{k.name}</td>
                <td>{ui.role(k.role)}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>{k.expiresAt ? when(k.expiresAt) : t("never")}</td>
                <td>
                  {k.revokedAt ? (
                    t("revoked")
                  ) : (
                    <button type="button" onClick={() => confirm(t("revokeConfirm", { name: k.name })) && void tokens.run("DELETE", `/tokens/${k.id}`)}>
                      {ui.t("revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </SettingsLayout>
  );
}
