// Contacts (客户档案): search by name, email, phone or id; filter by tier; add a contact by hand.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { ErrorNote, when } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import { contactLabel, createContactList } from "../models/contacts.ts";
import { navigate } from "../router.ts";
import type { PageProps } from "../routes.tsx";
import { tierLabel } from "./contact-strings.ts";

const t = defineStrings(
  {
    title: "Contacts",
    search: "Search by name, email, phone or id",
    tier: "Tier",
    anyTier: "Any tier",
    known: "Only identified contacts",
    name: "Name",
    email: "Email",
    phone: "Phone",
    conversations: "Conversations",
    updated: "Updated",
    anonymous: "Visitor",
    add: "New contact",
    create: "Create",
    empty: "No contacts match.",
  },
  {
    title: "客户",
    search: "按姓名、邮箱、电话或 ID 搜索",
    tier: "等级",
    anyTier: "全部等级",
    known: "只看已识别的客户",
    name: "姓名",
    email: "邮箱",
    phone: "电话",
    conversations: "会话",
    updated: "更新时间",
    anonymous: "访客",
    add: "新建客户",
    create: "创建",
    empty: "没有匹配的客户。",
  },
);

export function ContactsPage({ siteId }: PageProps) {
  const list = useMemo(() => createContactList(siteId), [siteId]);
  const newName = useSignal("");
  const newEmail = useSignal("");
  useEffect(() => {
    const timer = setTimeout(() => void list.load(), 200);
    return () => clearTimeout(timer);
  }, [list, JSON.stringify(list.query.value)]);
  const q = list.query.value;
  const set = (patch: Partial<typeof q>) => (list.query.value = { ...q, ...patch });

  const create = async (e: Event) => {
    e.preventDefault();
    const id = await list.create({ name: newName.value, ...(newEmail.value ? { emails: [newEmail.value] } : {}) });
    if (id) navigate(`/admin/contacts/${id}`);
  };

  return (
    <main class="page contacts">
      <h1>{t("title")}</h1>
      <div class="form row filters">
        <input type="search" aria-label={t("search")} placeholder={t("search")} value={q.q} onInput={(e) => set({ q: e.currentTarget.value })} class="grow" />
        <select aria-label={t("tier")} value={q.tier} onChange={(e) => set({ tier: e.currentTarget.value })}>
          <option value="">{t("anyTier")}</option>
          {(["vip", "key", "regular"] as const).map((x) => (
            <option key={x} value={x}>
              {tierLabel(x)}
            </option>
          ))}
        </select>
        <label class="check">
          <input type="checkbox" checked={q.known} onChange={(e) => set({ known: e.currentTarget.checked })} /> {t("known")}
        </label>
      </div>
      <ErrorNote error={list.error.value} />
      {list.items.value.length === 0 ? (
        <p class="muted">{t("empty")}</p>
      ) : (
        <table class="table contact-table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("email")}</th>
              <th>{t("phone")}</th>
              <th>{t("tier")}</th>
              <th>{t("conversations")}</th>
              <th>{t("updated")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.value.map((c) => (
              <tr key={c.id} data-contact={c.id}>
                <td>
                  <a
                    href={`/admin/contacts/${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/admin/contacts/${c.id}`);
                    }}
                  >
                    {contactLabel(c, t("anonymous"))}
                  </a>
                </td>
                <td>{c.email ?? ""}</td>
                <td>{c.phone ?? ""}</td>
                <td>
                  <span class={`tier tier-${c.tier}`}>{tierLabel(c.tier)}</span>
                </td>
                <td>{c.conversationCount}</td>
                <td>{when(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.next.value && (
        <button type="button" onClick={() => void list.load(true)}>
          {ui.t("loadMore")}
        </button>
      )}
      <section class="panel-card">
        <h2>{t("add")}</h2>
        <form class="form row" onSubmit={create}>
          <input aria-label={t("name")} placeholder={t("name")} required value={newName.value} onInput={(e) => (newName.value = e.currentTarget.value)} />
          <input
            aria-label={t("email")}
            placeholder={t("email")}
            type="email"
            value={newEmail.value}
            onInput={(e) => (newEmail.value = e.currentTarget.value)}
          />
          <button type="submit">{t("create")}</button>
        </form>
      </section>
    </main>
  );
}
