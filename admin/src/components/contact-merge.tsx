// Merging: find the duplicate of this contact and fold it in (its conversations and identities move here).

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { defineStrings } from "../i18n.ts";
import { contactLabel, createContactList } from "../models/contacts.ts";

const t = defineStrings(
  {
    find: "Find the duplicate (name, email, phone, id)",
    merge: "Merge into this contact",
    confirm: "Merge {other} into this contact? Its conversations, emails, phones and visitor ids move here and it is removed. This cannot be undone.",
    anonymous: "Visitor",
  },
  {
    find: "查找重复的客户（姓名、邮箱、电话、ID）",
    merge: "合并到此客户",
    confirm: "确定把 {other} 合并到此客户？其会话、邮箱、电话和访客 ID 将转到这里，原客户将被移除。此操作无法撤销。",
    anonymous: "访客",
  },
);

export function ContactMerge({ siteId, contactId, onMerge }: { siteId: string; contactId: string; onMerge: (otherId: string) => void }) {
  const list = useMemo(() => createContactList(siteId), [siteId]);
  const q = useSignal("");
  useEffect(() => {
    if (!q.value.trim()) return void (list.items.value = []);
    const timer = setTimeout(() => {
      list.query.value = { q: q.value, tier: "", known: false };
      void list.load();
    }, 200);
    return () => clearTimeout(timer);
  }, [q.value]);
  return (
    <div class="merge">
      <input type="search" aria-label={t("find")} placeholder={t("find")} value={q.value} onInput={(e) => (q.value = e.currentTarget.value)} />
      <ul class="merge-results">
        {list.items.value
          .filter((c) => c.id !== contactId)
          .map((c) => {
            const label = contactLabel(c, t("anonymous"));
            return (
              <li key={c.id} data-contact={c.id}>
                <span>
                  {label} {c.email && c.email !== label ? <span class="muted">{c.email}</span> : null}{" "}
                  <span class="muted">
                    ({c.conversationCount}) {c.id}
                  </span>
                </span>
                <button type="button" onClick={() => confirm(t("confirm", { other: label })) && onMerge(c.id)}>
                  {t("merge")}
                </button>
              </li>
            );
          })}
      </ul>
    </div>
  );
}
