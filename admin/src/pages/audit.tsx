// Settings › Audit log: who changed which setting, rules, role or contact, and when — filterable.

import { signal, useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { api } from "../api/client.ts";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, when } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import type { Member } from "../models/people.ts";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Audit log",
    what: "What",
    all: "Everything",
    site: "Site settings",
    ruleset: "Rules",
    member: "People and roles",
    invitation: "Invitations",
    team: "Teams",
    canned: "Canned replies",
    contact: "Contacts",
    token: "API tokens",
    who: "Who",
    anyone: "Anyone",
    target: "Target id",
    from: "From",
    to: "Until",
    time: "Time",
    action: "Action",
    detail: "Detail",
    empty: "No entries match.",
  },
  {
    title: "审计日志",
    what: "类别",
    all: "全部",
    site: "站点设置",
    ruleset: "规则",
    member: "成员与角色",
    invitation: "邀请",
    team: "团队",
    canned: "快捷回复",
    contact: "客户",
    token: "API 令牌",
    who: "操作人",
    anyone: "任何人",
    target: "对象 ID",
    from: "开始",
    to: "结束",
    time: "时间",
    action: "操作",
    detail: "详情",
    empty: "没有匹配的记录。",
  },
);

interface Entry {
  id: number;
  actorId: string | null;
  actorKind: string;
  actorName: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  createdAt: number;
}

const GROUPS = ["site", "ruleset", "member", "invitation", "team", "canned", "contact", "token"] as const;

export function AuditPage({ siteId }: PageProps) {
  const members = useMemo(() => createRemote<{ items: Member[] }>(`/sites/${siteId}/agents`), [siteId]);
  const filter = useSignal({ action: "", actor: "", target: "", from: "", to: "" });
  const items = useMemo(() => signal<Entry[]>([]), [siteId]);
  const more = useSignal(false);
  const error = useSignal<ReturnType<typeof members.error.peek>>(null);

  const load = async (append: boolean) => {
    const f = filter.value;
    const q = new URLSearchParams();
    if (f.action) q.set("action", `${f.action}.`);
    if (f.actor) q.set("actor", f.actor);
    if (f.target.trim()) q.set("target", f.target.trim());
    if (f.from) q.set("since", String(new Date(`${f.from}T00:00:00`).getTime()));
    if (f.to) q.set("until", String(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000));
    q.set("limit", "50");
    const last = items.value[items.value.length - 1];
    if (append && last) q.set("before", String(last.id));
    const r = await api<{ items: Entry[] }>(`/sites/${siteId}/audit?${q}`);
    if (!r.ok) return void (error.value = r.error);
    error.value = null;
    items.value = append ? [...items.value, ...r.data.items] : r.data.items;
    more.value = r.data.items.length === 50;
  };
  useEffect(() => void members.load(), [members]);
  useEffect(() => void load(false), [siteId, JSON.stringify(filter.value)]);
  const set = (k: keyof typeof filter.value, v: string) => (filter.value = { ...filter.value, [k]: v });

  return (
    <SettingsLayout title={t("title")}>
      <div class="form row filters">
        <Field label={t("what")} name="action">
          <select value={filter.value.action} onChange={(e) => set("action", e.currentTarget.value)}>
            <option value="">{t("all")}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(g)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("who")} name="actor">
          <select value={filter.value.actor} onChange={(e) => set("actor", e.currentTarget.value)}>
            <option value="">{t("anyone")}</option>
            {(members.value.value?.items ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("target")} name="target">
          <input value={filter.value.target} onChange={(e) => set("target", e.currentTarget.value)} />
        </Field>
        <Field label={t("from")} name="since">
          <input type="date" value={filter.value.from} onChange={(e) => set("from", e.currentTarget.value)} />
        </Field>
        <Field label={t("to")} name="until">
          <input type="date" value={filter.value.to} onChange={(e) => set("to", e.currentTarget.value)} />
        </Field>
      </div>
      <ErrorNote error={error.value} />
      {items.value.length === 0 ? (
        <p class="muted">{t("empty")}</p>
      ) : (
        <table class="table audit">
          <thead>
            <tr>
              <th>{t("time")}</th>
              <th>{t("who")}</th>
              <th>{t("action")}</th>
              <th>{t("target")}</th>
              <th>{t("detail")}</th>
            </tr>
          </thead>
          <tbody>
            {items.value.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{when(e.createdAt)}</td>
                <td>{e.actorName ?? e.actorId ?? "system"}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <code>{e.target ?? ""}</code>
                </td>
                <td>
                  <code class="detail">{Object.keys(e.detail).length ? JSON.stringify(e.detail) : ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more.value && (
        <button type="button" onClick={() => void load(true)}>
          {ui.t("loadMore")}
        </button>
      )}
    </SettingsLayout>
  );
}
