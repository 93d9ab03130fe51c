// What the panel's forms do on submit (part of the lazily loaded forms chunk): check the answers
// against the fields, then start the chat with the pre-chat answers, send the offline form, or
// send the rating. State lives in forms.ts so the core panel knows which form shows.

import type { WidgetFormField } from "../../../protocol/src/widget-config.ts";
import { pick } from "../i18n/locale.ts";
import type { PanelView } from "./panel.ts";

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]{1,253}\.[^\s@<>()",;:.]{2,63}$/;
const PHONE = /^\+?[\d\s().-]{5,40}$/;

/** Checks answers against the fields; fills `errors` and returns the values, or null. */
function check(v: PanelView, fields: WidgetFormField[], data: FormData): Record<string, string> | null {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = String(data.get(field.name) ?? "").trim();
    const label = pick(field.label, v.locale) ?? field.name;
    if (!value) {
      if (field.required) errors[field.name] = v.t("fieldRequired", { field: label });
      continue;
    }
    if ((field.type === "email" || field.name === "email") && !EMAIL.test(value)) errors[field.name] = v.t("fieldEmail");
    else if ((field.type === "tel" || field.name === "phone") && !PHONE.test(value)) errors[field.name] = v.t("fieldPhone");
    values[field.name] = value;
  }
  v.forms.errors = errors;
  return Object.keys(errors).length ? null : values;
}

/** Shows the errors and puts the focus on the first field that needs fixing. */
function invalid(v: PanelView, form: HTMLFormElement): void {
  v.requestUpdate();
  void v.updateComplete.then(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
}

export function submitPrechat(v: PanelView, form: HTMLFormElement): void {
  const fields = v.host.config.prechat?.fields ?? [];
  const values = check(v, fields, new FormData(form));
  if (!values) return invalid(v, form);
  v.conn.startWithPrechat(values);
  v.requestUpdate();
}

export async function submitOffline(v: PanelView, form: HTMLFormElement): Promise<void> {
  const f = v.forms;
  if (f.busy) return;
  const extra = v.host.config.offline?.fields ?? [];
  const builtin: WidgetFormField[] = [
    { name: "message", label: v.t("offlineMessage"), type: "textarea", required: true },
    { name: "email", label: v.t("offlineEmail"), type: "email", required: true },
  ];
  const values = check(v, [...builtin, ...extra], new FormData(form));
  if (!values) return invalid(v, form);
  const { message, email, ...fields } = values;
  f.busy = true;
  v.requestUpdate();
  const c = v.conn;
  const r = (await c.ensureSession())
    ? await c.api.request<{ conversation: { id: string } }>("/offline", {
        body: { email, message, fields, clientId: f.offlineClientId, locale: v.locale, pageUrl: location.href },
      })
    : null;
  f.busy = false;
  if (r?.ok) {
    f.offlineEmail = email!;
    c.follow(r.data.conversation.id);
  } else {
    const field = r && !r.ok && r.field ? r.field.replace(/^fields\./, "") : "_";
    f.errors = { [field]: r && !r.ok ? r.message : v.t("unavailable") };
  }
  v.requestUpdate();
}

export async function submitCsat(v: PanelView, form: HTMLFormElement): Promise<void> {
  const f = v.forms;
  if (f.busy || !f.csatRating) return;
  const comment = String(new FormData(form).get("comment") ?? "").trim();
  f.busy = true;
  v.requestUpdate();
  const r = await v.conn.api.request(v.conn.conversationPath("/csat"), { body: { rating: f.csatRating, ...(comment ? { comment } : {}) } });
  f.busy = false;
  if (r.ok || r.code === "already_rated") {
    f.csatDone = true;
    f.errors = {};
  } else f.errors = { csat: r.message };
  v.requestUpdate();
}
