// Editor for the pre-chat / offline form's fields: name, label (English and Chinese), type,
// required, and the options of a select.

import { defineStrings } from "../i18n.ts";
import { localizedEntries, toLocalized, type FormFieldDef } from "../models/widget-settings.ts";

const t = defineStrings(
  {
    name: "Field",
    labelEn: "Label (English)",
    labelZh: "Label (中文)",
    type: "Type",
    required: "Required",
    options: "Options (comma-separated)",
    add: "Add field",
    remove: "Remove",
    nameHint: "name, email and phone fill the contact; other names become custom attributes.",
  },
  {
    name: "字段",
    labelEn: "标签（英文）",
    labelZh: "标签（中文）",
    type: "类型",
    required: "必填",
    options: "选项（逗号分隔）",
    add: "添加字段",
    remove: "移除",
    nameHint: "name、email、phone 会写入客户资料；其他名称成为自定义属性。",
  },
);

const TYPES: FormFieldDef["type"][] = ["text", "email", "tel", "select", "textarea"];

export function FormFieldsEditor({ fields, onChange, label }: { fields: FormFieldDef[]; onChange: (f: FormFieldDef[]) => void; label: string }) {
  const update = (i: number, patch: Partial<FormFieldDef>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset class="fields-editor">
      <legend>{label}</legend>
      <p class="hint">{t("nameHint")}</p>
      {fields.map((f, i) => {
        const l = localizedEntries(f.label);
        const setLabel = (loc: string, v: string) => update(i, { label: toLocalized({ ...l, [loc]: v }) ?? "" });
        return (
          <div class="field-row" key={i}>
            <input aria-label={t("name")} placeholder="email" value={f.name} onInput={(e) => update(i, { name: e.currentTarget.value })} />
            <input aria-label={t("labelEn")} placeholder={t("labelEn")} value={l.en ?? ""} onInput={(e) => setLabel("en", e.currentTarget.value)} />
            <input aria-label={t("labelZh")} placeholder={t("labelZh")} value={l["zh-CN"] ?? ""} onInput={(e) => setLabel("zh-CN", e.currentTarget.value)} />
            <select aria-label={t("type")} value={f.type} onChange={(e) => update(i, { type: e.currentTarget.value as FormFieldDef["type"] })}>
              {TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {ty}
                </option>
              ))}
            </select>
            <label class="check">
              <input type="checkbox" checked={!!f.required} onChange={(e) => update(i, { required: e.currentTarget.checked })} /> {t("required")}
            </label>
            {f.type === "select" && (
              <input
                aria-label={t("options")}
                placeholder={t("options")}
                value={(f.options ?? []).join(", ")}
                onInput={(e) =>
                  update(i, {
                    options: e.currentTarget.value
                      .split(",")
                      .map((o) => o.trim())
                      .filter(Boolean),
                  })
                }
              />
            )}
            <button type="button" onClick={() => onChange(fields.filter((_, j) => j !== i))}>
              {t("remove")}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...fields, { name: "", label: { en: "" }, type: "text" }])}>
        {t("add")}
      </button>
    </fieldset>
  );
}
