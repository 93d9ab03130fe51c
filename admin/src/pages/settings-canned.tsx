// Settings › Canned replies: saved answers agents insert by /shortcut, with variables, and a
// preview of how a reply reads once its variables are filled in.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { CANNED_VARIABLES, renderCanned } from "../../../protocol/src/canned.ts";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, SaveBar, Section } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { defineStrings } from "../i18n.ts";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Canned replies",
    shortcut: "Shortcut",
    label: "Title",
    text: "Text",
    variables: "Variables: {list}",
    preview: "Reads as",
    newReply: "New canned reply",
    editReply: "Edit /{shortcut}",
    deleteConfirm: "Delete /{shortcut}?",
  },
  {
    title: "快捷回复",
    shortcut: "快捷键",
    label: "标题",
    text: "内容",
    variables: "可用变量：{list}",
    preview: "效果",
    newReply: "新建快捷回复",
    editReply: "编辑 /{shortcut}",
    deleteConfirm: "确定删除 /{shortcut}？",
  },
);

interface Reply {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

const SAMPLE = {
  "contact.name": "王芳",
  "contact.email": "wang.fang@example.com",
  "contact.phone": "+86 138 0000 0000",
  "agent.name": "Sam",
  "site.name": "Demo Shop",
};

export function CannedRepliesPage({ siteId }: PageProps) {
  const replies = useMemo(() => createRemote<{ items: Reply[] }>(`/sites/${siteId}/canned-replies`), [siteId]);
  useEffect(() => void replies.load(), [replies]);
  const editing = useSignal<string | null>(null);
  const shortcut = useSignal("");
  const title = useSignal("");
  const text = useSignal("");
  const reset = () => ((editing.value = null), (shortcut.value = title.value = text.value = ""));

  const save = async (e: Event) => {
    e.preventDefault();
    const body = { shortcut: shortcut.value, title: title.value, text: text.value };
    const ok = editing.value
      ? await replies.run("PATCH", `/sites/${siteId}/canned-replies/${editing.value}`, body)
      : await replies.run("POST", `/sites/${siteId}/canned-replies`, body);
    if (ok) reset();
  };

  return (
    <SettingsLayout title={t("title")}>
      <Section title={editing.value ? t("editReply", { shortcut: shortcut.value }) : t("newReply")}>
        <form class="form" onSubmit={save}>
          <Field label={t("shortcut")} name="shortcut" error={replies.error.value}>
            <span class="row">
              /<input name="shortcut" required value={shortcut.value} onInput={(e) => (shortcut.value = e.currentTarget.value)} placeholder="refund" />
            </span>
          </Field>
          <Field label={t("label")} name="title" error={replies.error.value}>
            <input name="title" value={title.value} onInput={(e) => (title.value = e.currentTarget.value)} />
          </Field>
          <Field label={t("text")} name="text" error={replies.error.value} hint={t("variables", { list: CANNED_VARIABLES.map((v) => `{{${v}}}`).join(" ") })}>
            <textarea name="text" rows={4} required value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
          </Field>
          {text.value && (
            <p class="canned-preview">
              <span class="muted">{t("preview")}:</span> {renderCanned(text.value, SAMPLE)}
            </p>
          )}
          <ErrorNote error={replies.error.value} fields={["shortcut", "title", "text"]} />
          <div class="row">
            <SaveBar saved={replies.saved.value} />
            {editing.value && (
              <button type="button" onClick={reset}>
                {ui.t("cancel")}
              </button>
            )}
          </div>
        </form>
      </Section>
      <Section title={t("title")}>
        {(replies.value.value?.items ?? []).length === 0 && <p class="muted">{ui.t("none")}</p>}
        <ul class="canned-list">
          {(replies.value.value?.items ?? []).map((r) => (
            <li key={r.id}>
              <strong>/{r.shortcut}</strong> {r.title && <span class="muted">{r.title}</span>}
              <p class="text">{r.text}</p>
              <button type="button" onClick={() => ((editing.value = r.id), (shortcut.value = r.shortcut), (title.value = r.title), (text.value = r.text))}>
                {ui.t("edit")}
              </button>{" "}
              <button
                type="button"
                onClick={() => confirm(t("deleteConfirm", { shortcut: r.shortcut })) && void replies.run("DELETE", `/sites/${siteId}/canned-replies/${r.id}`)}
              >
                {ui.t("delete")}
              </button>
            </li>
          ))}
        </ul>
      </Section>
    </SettingsLayout>
  );
}
