// One contact's profile (/admin/contacts/:id): edit, every conversation on every channel, identities;
// for admins also merge a duplicate in, export as JSON and erase.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { ContactChannels } from "../components/contact-channels.tsx";
import { ContactEditor } from "../components/contact-editor.tsx";
import { ContactMerge } from "../components/contact-merge.tsx";
import { ErrorNote, Section, when } from "../components/ui.tsx";
import { defineStrings } from "../i18n.ts";
import { contactLabel, createContactModel } from "../models/contacts.ts";
import { navigate } from "../router.ts";
import type { PageProps } from "../routes.tsx";
import { tierLabel } from "./contact-strings.ts";

const t = defineStrings(
  {
    back: "All contacts",
    profile: "Profile",
    conversations: "Conversations",
    none: "No conversations yet.",
    identities: "Known as",
    verified: "verified",
    merge: "Merge a duplicate",
    export: "Export",
    exportHint: "Everything about this contact, every conversation included, as one JSON file.",
    download: "Download JSON",
    erase: "Erase",
    eraseHint:
      "Erases this person: their messages become “[erased]”, files are deleted, and the profile goes. Conversations stay, anonymised, for reports. This cannot be undone.",
    typeToConfirm: "Type ERASE to confirm",
    eraseButton: "Erase this contact",
    anonymous: "Visitor",
    visitor: "web visitor",
    email: "email",
    phone: "phone",
    external: "external id",
  },
  {
    back: "全部客户",
    profile: "资料",
    conversations: "会话",
    none: "暂无会话。",
    identities: "身份",
    verified: "已验证",
    merge: "合并重复客户",
    export: "导出",
    exportHint: "此客户的全部信息（包括所有会话）导出为一个 JSON 文件。",
    download: "下载 JSON",
    erase: "删除",
    eraseHint: "彻底删除此人：其消息将变为“[erased]”，文件被删除，资料被移除。会话以匿名方式保留用于报表。此操作无法撤销。",
    typeToConfirm: "输入 ERASE 以确认",
    eraseButton: "删除此客户",
    anonymous: "访客",
    visitor: "网页访客",
    email: "邮箱",
    phone: "电话",
    external: "外部 ID",
  },
);

const KINDS = new Set(["visitor", "email", "phone", "external"]);

export function ContactPage({ siteId, role, params }: PageProps) {
  const id = params.id!;
  const model = useMemo(() => createContactModel(id), [id]);
  useEffect(() => void model.load(), [model]);
  const confirmText = useSignal("");
  const data = model.value.value;
  const isAdmin = role === "admin" || role === "owner";
  const go = (href: string) => (e: Event) => {
    e.preventDefault();
    navigate(href);
  };
  if (!data) return <main class="page">{model.error.value ? <ErrorNote error={model.error.value} /> : null}</main>;
  const c = data.contact;

  const erase = async () => {
    if (await model.erase()) navigate("/admin/contacts");
  };

  return (
    <main class="page contact" data-contact={c.id}>
      <a href="/admin/contacts" onClick={go("/admin/contacts")}>
        ← {t("back")}
      </a>
      <h1>
        {contactLabel(c, t("anonymous"))} <span class={`tier tier-${c.tier}`}>{tierLabel(c.tier)}</span>
      </h1>
      <div class="contact-grid">
        <Section title={t("profile")}>
          <ContactEditor contact={c} error={model.error.value} saved={model.saved.value} onSave={(p) => void model.save(p)} />
        </Section>
        <div>
          <Section title={t("conversations")}>
            {data.conversations.length === 0 && <p class="muted">{t("none")}</p>}
            <ul class="conv-list">
              {data.conversations.map((v) => (
                <li key={v.id} data-conversation={v.id}>
                  <a href={`/admin/conversations/${v.id}`} onClick={go(`/admin/conversations/${v.id}`)}>
                    <span class="badge-soft">{v.channel}</span> <span class="muted">{v.status}</span> {when(v.createdAt)}
                    <span class="preview">{v.lastMessageText ?? "…"}</span>
                  </a>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t("identities")}>
            <ContactChannels contactId={c.id} />
            <ul class="identities">
              {c.identities.map((i) => (
                <li key={`${i.kind}:${i.value}`}>
                  <span class="muted">{KINDS.has(i.kind) ? t(i.kind as "visitor") : i.kind}</span> <code>{i.value}</code>{" "}
                  {i.verified && <span class="badge-soft">{t("verified")}</span>}
                </li>
              ))}
            </ul>
          </Section>
          {isAdmin && (
            <>
              <Section title={t("merge")}>
                <ContactMerge siteId={siteId} contactId={c.id} onMerge={(other) => void model.merge(other)} />
              </Section>
              <Section title={t("export")}>
                <p class="hint">{t("exportHint")}</p>
                <a class="button" href={model.exportUrl} download={`contact-${c.id}.json`}>
                  {t("download")}
                </a>
              </Section>
              <Section title={t("erase")}>
                <p class="hint">{t("eraseHint")}</p>
                <div class="row">
                  <input
                    aria-label={t("typeToConfirm")}
                    placeholder={t("typeToConfirm")}
                    value={confirmText.value}
                    onInput={(e) => (confirmText.value = e.currentTarget.value)}
                  />
                  <button type="button" class="danger" disabled={confirmText.value !== "ERASE"} onClick={() => void erase()}>
                    {t("eraseButton")}
                  </button>
                </div>
              </Section>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
