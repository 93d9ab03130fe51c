// The contact profile form: name, emails, phones, external id, tier, custom attributes and notes.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { ApiError } from "../api/client.ts";
import { defineStrings } from "../i18n.ts";
import { parseAttribute, type ContactProfile } from "../models/contacts.ts";
import { tierLabel } from "../pages/contact-strings.ts";
import { ErrorNote, Field, SaveBar } from "./ui.tsx";
import { ui } from "./ui-strings.ts";

const t = defineStrings(
  {
    name: "Name",
    emails: "Emails (one per line; the first is the main one)",
    phones: "Phones (one per line)",
    externalId: "External id (your system's user id)",
    tier: "Tier",
    attributes: "Custom attributes",
    key: "Name",
    value: "Value",
    addAttribute: "Add attribute",
    notes: "Notes",
  },
  {
    name: "姓名",
    emails: "邮箱（每行一个，第一个为主邮箱）",
    phones: "电话（每行一个）",
    externalId: "外部 ID（您系统中的用户 ID）",
    tier: "等级",
    attributes: "自定义属性",
    key: "名称",
    value: "值",
    addAttribute: "添加属性",
    notes: "备注",
  },
);

const lines = (s: string) =>
  s
    .split("\n")
    .map((x) => x.trim())
    .filter(Boolean);

export function ContactEditor({
  contact,
  error,
  saved,
  onSave,
}: {
  contact: ContactProfile;
  error: ApiError | null;
  saved: boolean;
  onSave: (p: Record<string, unknown>) => void;
}) {
  const name = useSignal("");
  const emails = useSignal("");
  const phones = useSignal("");
  const externalId = useSignal("");
  const tier = useSignal("regular");
  const attrs = useSignal<[string, string][]>([]);
  const notes = useSignal("");
  useEffect(() => {
    name.value = contact.name ?? "";
    emails.value = contact.emails.join("\n");
    phones.value = contact.phones.join("\n");
    externalId.value = contact.externalId ?? "";
    tier.value = contact.tier;
    attrs.value = Object.entries(contact.attributes).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
    notes.value = contact.notes ?? "";
  }, [contact.id, contact.updatedAt]);

  const submit = (e: Event) => {
    e.preventDefault();
    onSave({
      name: name.value.trim() || null,
      emails: lines(emails.value),
      phones: lines(phones.value),
      externalId: externalId.value.trim() || null,
      tier: tier.value,
      attributes: Object.fromEntries(attrs.value.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), parseAttribute(v)])),
      notes: notes.value.trim() || null,
    });
  };
  const setAttr = (i: number, k: string, v: string) => (attrs.value = attrs.value.map((a, j) => (j === i ? [k, v] : a)));

  return (
    <form class="form contact-editor" onSubmit={submit}>
      <Field label={t("name")} name="name" error={error}>
        <input name="name" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
      </Field>
      <div class="row">
        <Field label={t("emails")} name="emails" error={error}>
          <textarea name="emails" rows={2} value={emails.value} onInput={(e) => (emails.value = e.currentTarget.value)} />
        </Field>
        <Field label={t("phones")} name="phones" error={error}>
          <textarea name="phones" rows={2} value={phones.value} onInput={(e) => (phones.value = e.currentTarget.value)} />
        </Field>
      </div>
      <div class="row">
        <Field label={t("externalId")} name="externalId" error={error}>
          <input name="externalId" value={externalId.value} onInput={(e) => (externalId.value = e.currentTarget.value)} />
        </Field>
        <Field label={t("tier")} name="tier" error={error}>
          <select name="tier" value={tier.value} onChange={(e) => (tier.value = e.currentTarget.value)}>
            {(["vip", "key", "regular"] as const).map((x) => (
              <option key={x} value={x}>
                {tierLabel(x)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t("attributes")}</legend>
        {attrs.value.map(([k, v], i) => (
          <div class="row" key={i}>
            <input aria-label={t("key")} value={k} onInput={(e) => setAttr(i, e.currentTarget.value, v)} />
            <input aria-label={t("value")} value={v} onInput={(e) => setAttr(i, k, e.currentTarget.value)} class="grow" />
            <button type="button" onClick={() => (attrs.value = attrs.value.filter((_, j) => j !== i))}>
              {ui.t("remove")}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => (attrs.value = [...attrs.value, ["", ""]])}>
          {t("addAttribute")}
        </button>
      </fieldset>
      <Field label={t("notes")} name="notes" error={error}>
        <textarea name="notes" rows={4} value={notes.value} onInput={(e) => (notes.value = e.currentTarget.value)} />
      </Field>
      <ErrorNote error={error} fields={["name", "emails", "phones", "externalId", "tier", "attributes", "notes"]} />
      <SaveBar saved={saved} />
    </form>
  );
}
