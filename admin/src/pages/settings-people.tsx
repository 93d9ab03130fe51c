// Settings › People: members with their role and capacity, and invitations by one-time link.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { CopyBox, ErrorNote, Field, Section, when } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import { createPeopleModel } from "../models/people.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "People",
    members: "Members",
    name: "Name",
    email: "Email",
    role: "Role",
    capacity: "Capacity",
    capacityHint: "Conversations auto-assignment gives this person at once.",
    removeConfirm: "Remove {name} from this site?",
    invite: "Invite someone",
    send: "Create invitation link",
    linkHint: "Send this link to {email}. It works once and expires in 7 days.",
    mailed: "It was also emailed to {email} from {from}.",
    invitations: "Invitations",
    expires: "Expires",
    state: "State",
    pending: "Pending",
    accepted: "Accepted",
    revoked: "Revoked",
    expired: "Expired",
    you: "(you)",
  },
  {
    title: "成员",
    members: "成员",
    name: "姓名",
    email: "邮箱",
    role: "角色",
    capacity: "接待上限",
    capacityHint: "自动分配同时分给此人的会话数。",
    removeConfirm: "确定将 {name} 移出此站点？",
    invite: "邀请成员",
    send: "生成邀请链接",
    linkHint: "把此链接发给 {email}。链接只能使用一次，7 天后失效。",
    mailed: "邀请邮件也已从 {from} 发送到 {email}。",
    invitations: "邀请",
    expires: "过期时间",
    state: "状态",
    pending: "待接受",
    accepted: "已接受",
    revoked: "已撤销",
    expired: "已过期",
    you: "（您）",
  },
);

export function PeoplePage({ siteId, myId, role }: PageProps) {
  const model = useMemo(() => createPeopleModel(siteId), [siteId]);
  useEffect(() => void model.load(), [model]);
  const email = useSignal("");
  const inviteRole = useSignal("agent");
  const lastEmail = useSignal("");
  const roles = role === "owner" ? ["owner", "admin", "agent"] : ["admin", "agent"];
  const members = model.members.value.value?.items ?? [];

  const invite = async (e: Event) => {
    e.preventDefault();
    lastEmail.value = email.value;
    if (await model.invite(email.value, inviteRole.value)) email.value = "";
  };

  return (
    <SettingsLayout title={t("title")}>
      <Section title={t("members")}>
        <ErrorNote error={model.members.error.value} />
        <table class="table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("email")}</th>
              <th>{t("role")}</th>
              <th title={t("capacityHint")}>{t("capacity")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-member={m.email}>
                <td>
                  {m.name} {m.id === myId && <span class="muted">{t("you")}</span>}
                </td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`${t("role")} ${m.name}`}
                    value={m.role}
                    disabled={m.role === "owner" && role !== "owner"}
                    onChange={(e) => void model.update(m.id, { role: e.currentTarget.value })}
                  >
                    {[...new Set([...roles, m.role])].map((r) => (
                      <option key={r} value={r} disabled={!roles.includes(r)}>
                        {ui.role(r)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    class="narrow"
                    aria-label={`${t("capacity")} ${m.name}`}
                    value={m.capacity}
                    onChange={(e) => void model.update(m.id, { capacity: Number(e.currentTarget.value) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    disabled={m.role === "owner" && role !== "owner"}
                    onClick={() => confirm(t("removeConfirm", { name: m.name })) && void model.remove(m.id)}
                  >
                    {ui.t("remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t("invite")}>
        <form class="form row" onSubmit={invite}>
          <Field label={t("email")} name="email" error={model.invitations.error.value}>
            <input type="email" name="invite-email" required value={email.value} onInput={(e) => (email.value = e.currentTarget.value)} />
          </Field>
          <Field label={t("role")} name="role" error={model.invitations.error.value}>
            <select name="invite-role" value={inviteRole.value} onChange={(e) => (inviteRole.value = e.currentTarget.value)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ui.role(r)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t("send")}</button>
        </form>
        <ErrorNote error={model.invitations.error.value} fields={["email", "role"]} />
        {model.link.value && (
          <div class="notice">
            <p>{t("linkHint", { email: lastEmail.value })}</p>
            {model.mailed.value?.sent && <p data-testid="invite-mailed">{t("mailed", { email: lastEmail.value, from: model.mailed.value.from ?? "" })}</p>}
            <CopyBox text={model.link.value} label={t("invite")} testId="invite-link" />
          </div>
        )}
      </Section>
      <Section title={t("invitations")}>
        <table class="table">
          <thead>
            <tr>
              <th>{t("email")}</th>
              <th>{t("role")}</th>
              <th>{t("state")}</th>
              <th>{t("expires")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(model.invitations.value.value?.items ?? []).map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{ui.role(i.role)}</td>
                <td>{t(i.state)}</td>
                <td>{when(i.expiresAt)}</td>
                <td>
                  {i.state === "pending" && (
                    <button type="button" onClick={() => void model.revoke(i.id)}>
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
