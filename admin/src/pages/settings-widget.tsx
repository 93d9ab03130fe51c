// Settings › Widget: appearance, texts, pre-chat and offline forms, attachments and satisfaction
// survey — beside a live preview of the real widget with the draft applied.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { FormFieldsEditor } from "../components/form-fields-editor.tsx";
import { LocalizedInput } from "../components/localized-input.tsx";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Field, SaveBar, Section } from "../components/ui.tsx";
import { WidgetPreview } from "../components/widget-preview.tsx";
import { defineStrings } from "../i18n.ts";
import { createSiteModel, type WidgetSettings } from "../models/site.ts";
import { settingsPatch } from "../models/widget-settings.ts";
import type { PageProps } from "../routes.tsx";

const t = defineStrings(
  {
    title: "Widget",
    look: "Appearance",
    accent: "Accent colour",
    position: "Position",
    right: "Bottom right",
    left: "Bottom left",
    avatar: "Avatar image URL",
    language: "Language",
    browser: "Follow the visitor's browser",
    texts: "Texts",
    chatTitle: "Title",
    greeting: "Greeting",
    forms: "Forms",
    prechat: "Ask these before the first message (pre-chat form)",
    prechatFields: "Pre-chat fields",
    offline: "Outside business hours, show the offline form (answered by email)",
    offlineMessage: "Offline message",
    offlineFields: "Offline form fields",
    attachments: "Attachments",
    allowFiles: "Visitors may send files",
    maxMb: "Largest file (MB)",
    types: "Allowed types (comma-separated, e.g. image/*, application/pdf)",
    csat: "Ask for a rating (1–5) when a conversation is resolved",
    preview: "Live preview",
    previewAs: "Preview as",
    openNow: "Open",
    closedNow: "Outside hours",
    previewHint: "This is the real widget with your unsaved changes. Messages typed here are not sent.",
  },
  {
    title: "聊天窗口",
    look: "外观",
    accent: "主题色",
    position: "位置",
    right: "右下角",
    left: "左下角",
    avatar: "头像图片地址",
    language: "语言",
    browser: "跟随访客浏览器",
    texts: "文字",
    chatTitle: "标题",
    greeting: "欢迎语",
    forms: "表单",
    prechat: "在第一条消息前询问以下信息（咨询前表单）",
    prechatFields: "咨询前表单字段",
    offline: "非营业时间显示留言表单（通过邮件回复）",
    offlineMessage: "离线提示",
    offlineFields: "留言表单字段",
    attachments: "附件",
    allowFiles: "允许访客发送文件",
    maxMb: "最大文件（MB）",
    types: "允许的类型（逗号分隔，如 image/*, application/pdf）",
    csat: "会话解决后请访客评分（1–5）",
    preview: "实时预览",
    previewAs: "预览状态",
    openNow: "营业中",
    closedNow: "非营业时间",
    previewHint: "这是带有未保存修改的真实聊天窗口。在此输入的消息不会发送。",
  },
);

const LOCALES = [
  ["", "browser"],
  ["en", "English"],
  ["zh-CN", "简体中文"],
  ["zh-TW", "繁體中文"],
] as const;

export function WidgetSettingsPage({ siteId }: PageProps) {
  const model = useMemo(() => createSiteModel(siteId), [siteId]);
  useEffect(() => void model.load(), [model]);
  const draft = useSignal<WidgetSettings>({});
  const previewOpen = useSignal(true);
  const loaded = model.value.value;
  useEffect(() => {
    if (loaded) draft.value = structuredClone(loaded.site.settings);
  }, [loaded?.site.id]);
  if (!loaded) return <SettingsLayout title={t("title")}>{model.error.value && <ErrorNote error={model.error.value} />}</SettingsLayout>;

  const d = draft.value;
  const set = (patch: Partial<WidgetSettings>) => (draft.value = { ...draft.value, ...patch });
  const err = model.error.value;
  const field = (name: string) => `settings.${name}`;
  const save = (e: Event) => {
    e.preventDefault();
    void model.save({ settings: settingsPatch(d as Record<string, unknown>) });
  };

  return (
    <SettingsLayout title={t("title")}>
      <div class="widget-settings">
        <form class="form" onSubmit={save} aria-label={t("title")}>
          <Section title={t("look")}>
            <Field label={t("accent")} name={field("accent")} error={err}>
              <span class="row">
                <input type="color" aria-label={t("accent")} value={d.accent ?? "#4f46e5"} onInput={(e) => set({ accent: e.currentTarget.value })} />
                <input name="accent" value={d.accent ?? ""} placeholder="#4f46e5" onInput={(e) => set({ accent: e.currentTarget.value || undefined })} />
              </span>
            </Field>
            <Field label={t("position")} name={field("position")} error={err}>
              <select value={d.position ?? "right"} onChange={(e) => set({ position: e.currentTarget.value as "right" | "left" })}>
                <option value="right">{t("right")}</option>
                <option value="left">{t("left")}</option>
              </select>
            </Field>
            <Field label={t("avatar")} name={field("avatar")} error={err}>
              <input type="url" value={d.avatar ?? ""} placeholder="https://…" onInput={(e) => set({ avatar: e.currentTarget.value || undefined })} />
            </Field>
            <Field label={t("language")} name={field("locale")} error={err}>
              <select value={d.locale ?? ""} onChange={(e) => set({ locale: e.currentTarget.value || undefined })}>
                {LOCALES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {v ? label : t("browser")}
                  </option>
                ))}
              </select>
            </Field>
          </Section>
          <Section title={t("texts")}>
            <Field label={t("chatTitle")} name={field("title")} error={err}>
              <LocalizedInput name="title" value={d.title} onChange={(v) => set({ title: v })} />
            </Field>
            <Field label={t("greeting")} name={field("greeting")} error={err}>
              <LocalizedInput name="greeting" multiline value={d.greeting} onChange={(v) => set({ greeting: v })} />
            </Field>
          </Section>
          <Section title={t("forms")}>
            <label class="check">
              <input
                type="checkbox"
                checked={!!d.prechat?.enabled}
                onChange={(e) => set({ prechat: { enabled: e.currentTarget.checked, fields: d.prechat?.fields ?? [] } })}
              />{" "}
              {t("prechat")}
            </label>
            <Field label="" name={field("prechat")} error={err}>
              <FormFieldsEditor
                label={t("prechatFields")}
                fields={d.prechat?.fields ?? []}
                onChange={(fields) => set({ prechat: { enabled: !!d.prechat?.enabled, fields } })}
              />
            </Field>
            <label class="check">
              <input type="checkbox" checked={!!d.offline?.enabled} onChange={(e) => set({ offline: { ...d.offline, enabled: e.currentTarget.checked } })} />{" "}
              {t("offline")}
            </label>
            <Field label={t("offlineMessage")} name={field("offline.message")} error={err}>
              <LocalizedInput
                name="offline.message"
                multiline
                value={d.offline?.message}
                onChange={(v) => set({ offline: { ...d.offline, enabled: !!d.offline?.enabled, ...(v ? { message: v } : { message: undefined }) } })}
              />
            </Field>
            <Field label="" name={field("offline.fields")} error={err}>
              <FormFieldsEditor
                label={t("offlineFields")}
                fields={d.offline?.fields ?? []}
                onChange={(fields) => set({ offline: { ...d.offline, enabled: !!d.offline?.enabled, fields } })}
              />
            </Field>
          </Section>
          <Section title={t("attachments")}>
            <label class="check">
              <input
                type="checkbox"
                checked={!!d.attachments?.enabled}
                onChange={(e) => set({ attachments: { ...d.attachments, enabled: e.currentTarget.checked } })}
              />{" "}
              {t("allowFiles")}
            </label>
            <Field label={t("maxMb")} name={field("attachments.maxBytes")} error={err}>
              <input
                type="number"
                min={0.01}
                max={10}
                step={0.5}
                value={d.attachments?.maxBytes ? d.attachments.maxBytes / 1024 / 1024 : ""}
                onInput={(e) => {
                  const mb = Number(e.currentTarget.value);
                  set({
                    attachments: {
                      ...d.attachments,
                      enabled: !!d.attachments?.enabled,
                      ...(mb > 0 ? { maxBytes: Math.round(mb * 1024 * 1024) } : { maxBytes: undefined }),
                    },
                  });
                }}
              />
            </Field>
            <Field label={t("types")} name={field("attachments.types")} error={err}>
              <input
                value={(d.attachments?.types ?? []).join(", ")}
                onInput={(e) => {
                  const types = e.currentTarget.value
                    .split(",")
                    .map((x) => x.trim())
                    .filter(Boolean);
                  set({ attachments: { ...d.attachments, enabled: !!d.attachments?.enabled, ...(types.length ? { types } : { types: undefined }) } });
                }}
              />
            </Field>
            <label class="check">
              <input type="checkbox" checked={!!d.csat?.enabled} onChange={(e) => set({ csat: { enabled: e.currentTarget.checked } })} /> {t("csat")}
            </label>
          </Section>
          <ErrorNote error={err} fields={["settings"]} />
          <SaveBar saved={model.saved.value} />
        </form>
        <aside class="preview-pane" aria-label={t("preview")}>
          <h2>{t("preview")}</h2>
          <div class="row" role="radiogroup" aria-label={t("previewAs")}>
            <label class="check">
              <input type="radio" name="preview-open" checked={previewOpen.value} onChange={() => (previewOpen.value = true)} /> {t("openNow")}
            </label>
            <label class="check">
              <input type="radio" name="preview-open" checked={!previewOpen.value} onChange={() => (previewOpen.value = false)} /> {t("closedNow")}
            </label>
          </div>
          <WidgetPreview siteId={siteId} settings={d} open={previewOpen.value} locale={d.locale ?? ""} label={t("preview")} />
          <p class="hint">{t("previewHint")}</p>
        </aside>
      </div>
    </SettingsLayout>
  );
}
