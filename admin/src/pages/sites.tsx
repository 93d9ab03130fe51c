// All sites: the sites you belong to, switching between them, and creating a new one.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, Section } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import { createRemote } from "../models/remote.ts";
import { currentSite, loadMe } from "../models/session.ts";
import { navigate } from "../router.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "All sites",
    yours: "Your sites",
    name: "Name",
    key: "Site key",
    role: "Your role",
    current: "current",
    open: "Switch to it",
    create: "Create a site",
    keyHint: "Used in the embed snippet. Leave empty to generate one.",
    createButton: "Create site",
  },
  {
    title: "所有站点",
    yours: "您的站点",
    name: "名称",
    key: "站点标识",
    role: "您的角色",
    current: "当前",
    open: "切换到此站点",
    create: "创建站点",
    keyHint: "用于嵌入代码。留空将自动生成。",
    createButton: "创建站点",
  },
);

interface SiteRow {
  id: string;
  name: string;
  role: string;
}

export function SitesPage({ siteId }: PageProps) {
  const sites = useMemo(() => createRemote<{ items: SiteRow[] }>("/sites"), []);
  useEffect(() => void sites.load(), [sites]);
  const name = useSignal("");
  const key = useSignal("");

  const create = async (e: Event) => {
    e.preventDefault();
    const made = await sites.run<{ site: { id: string } }>("POST", "/sites", { name: name.value, ...(key.value ? { key: key.value } : {}) });
    if (!made) return;
    name.value = key.value = "";
    await loadMe();
    currentSite.value = made.site.id;
    navigate("/admin/settings");
  };

  return (
    <SettingsLayout title={t("title")}>
      <Section title={t("yours")}>
        <table class="table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("key")}</th>
              <th>{t("role")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(sites.value.value?.items ?? []).map((s) => (
              <tr key={s.id} data-site={s.id}>
                <td>{s.name}</td>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>{ui.role(s.role)}</td>
                <td>
                  {s.id === siteId ? (
                    <span class="muted">{t("current")}</span>
                  ) : (
                    <button type="button" onClick={() => (currentSite.value = s.id)}>
                      {t("open")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t("create")}>
        <form class="form row" onSubmit={create}>
          <Field label={t("name")} name="name" error={sites.error.value}>
            <input name="site-name" required value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
          </Field>
          <Field label={t("key")} name="key" error={sites.error.value} hint={t("keyHint")}>
            <input
              name="site-key"
              value={key.value}
              pattern="[a-z0-9][a-z0-9-]{2,39}"
              placeholder="my-shop"
              onInput={(e) => (key.value = e.currentTarget.value)}
            />
          </Field>
          <button type="submit">{t("createButton")}</button>
        </form>
        <ErrorNote error={sites.error.value} fields={["name", "key"]} />
      </Section>
    </SettingsLayout>
  );
}
