// Settings › Teams: who is in each team and how its conversations are assigned.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, Section } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import type { Member } from "../models/people.ts";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Teams",
    id: "Id (used by rules)",
    name: "Name",
    strategy: "Assignment",
    siteDefault: "Site default",
    round_robin: "Round robin",
    least_busy: "Least busy",
    manual: "Manual",
    members: "Members",
    create: "New team",
    deleteConfirm: "Delete team {name}?",
    capacityHint: "Each agent's capacity is set under People.",
  },
  {
    title: "团队",
    id: "ID（规则中使用）",
    name: "名称",
    strategy: "分配方式",
    siteDefault: "站点默认",
    round_robin: "轮流分配",
    least_busy: "最空闲优先",
    manual: "手动",
    members: "成员",
    create: "新建团队",
    deleteConfirm: "确定删除团队 {name}？",
    capacityHint: "每位客服的接待上限在“成员”中设置。",
  },
);

interface Team {
  id: string;
  name: string;
  assignment: string | null;
  members: string[];
}

export function TeamsPage({ siteId }: PageProps) {
  const teams = useMemo(() => createRemote<{ items: Team[] }>(`/sites/${siteId}/teams`), [siteId]);
  const people = useMemo(() => createRemote<{ items: Member[] }>(`/sites/${siteId}/agents`), [siteId]);
  useEffect(() => void Promise.all([teams.load(), people.load()]), [teams, people]);
  const newId = useSignal("");
  const newName = useSignal("");
  const members = people.value.value?.items ?? [];
  const patch = (id: string, body: Partial<Team>) => teams.run("PATCH", `/sites/${siteId}/teams/${id}`, body);

  const create = async (e: Event) => {
    e.preventDefault();
    if (await teams.run("POST", `/sites/${siteId}/teams`, { id: newId.value, name: newName.value })) newId.value = newName.value = "";
  };

  return (
    <SettingsLayout title={t("title")}>
      <ErrorNote error={teams.error.value} fields={["id", "name"]} />
      {(teams.value.value?.items ?? []).map((team) => (
        <Section key={team.id} title={`${team.name} (${team.id})`}>
          <div class="form" data-team={team.id}>
            <Field label={t("name")} name={`${team.id}.name`}>
              <input value={team.name} onChange={(e) => void patch(team.id, { name: e.currentTarget.value })} />
            </Field>
            <Field label={t("strategy")} name={`${team.id}.assignment`}>
              <select value={team.assignment ?? ""} onChange={(e) => void patch(team.id, { assignment: e.currentTarget.value || null })}>
                <option value="">{t("siteDefault")}</option>
                {(["round_robin", "least_busy", "manual"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(s)}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset>
              <legend>{t("members")}</legend>
              <p class="hint">{t("capacityHint")}</p>
              {members.map((m) => (
                <label class="check" key={m.id}>
                  <input
                    type="checkbox"
                    checked={team.members.includes(m.id)}
                    onChange={(e) =>
                      void patch(team.id, { members: e.currentTarget.checked ? [...team.members, m.id] : team.members.filter((x) => x !== m.id) })
                    }
                  />{" "}
                  {m.name}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              class="danger"
              onClick={() => confirm(t("deleteConfirm", { name: team.name })) && void teams.run("DELETE", `/sites/${siteId}/teams/${team.id}`)}
            >
              {ui.t("delete")}
            </button>
          </div>
        </Section>
      ))}
      <Section title={t("create")}>
        <form class="form row" onSubmit={create}>
          <Field label={t("id")} name="id" error={teams.error.value}>
            <input
              value={newId.value}
              required
              pattern="[a-z0-9][a-z0-9-]{0,39}"
              placeholder="billing"
              onInput={(e) => (newId.value = e.currentTarget.value)}
            />
          </Field>
          <Field label={t("name")} name="name" error={teams.error.value}>
            <input value={newName.value} required placeholder="Billing" onInput={(e) => (newName.value = e.currentTarget.value)} />
          </Field>
          <button type="submit">{ui.t("create")}</button>
        </form>
      </Section>
    </SettingsLayout>
  );
}
