// The panel's forms: pre-chat (before the first message), offline (outside business hours: message +
// email, answered by email) and the satisfaction survey once a conversation is resolved.

import type { WidgetFormField } from "../../../protocol/src/widget-config.ts";
import { pick } from "../i18n/locale.ts";
import { newClientId } from "../connection/outbox.ts";
import type { PanelView } from "./panel.ts";

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]{1,253}\.[^\s@<>()",;:.]{2,63}$/;
const PHONE = /^\+?[\d\s().-]{5,40}$/;

export type Mode = "problem" | "offline" | "prechat" | "chat";

export class FormsController {
  /** Field name → message; `_` for the form as a whole. */
  errors: Record<string, string> = {};
  busy = false;
  /** Where the offline form's answer will go. */
  offlineEmail: string | null = null;
  csatRating = 0;
  csatDone = false;
  private readonly v: PanelView;
  private offlineClientId = newClientId();

  constructor(v: PanelView) {
    this.v = v;
  }

  /** What the panel shows under the messages. */
  mode(): Mode {
    const c = this.v.conn;
    const cfg = this.v.host.config;
    if (c.problem) return "problem";
    if (c.started || c.resuming) return "chat";
    if (!cfg.open && cfg.offline) return "offline";
    if (cfg.prechat) return "prechat";
    return "chat";
  }

  /** True when the resolved conversation still waits for a rating from this visitor. */
  csatWanted(): boolean {
    const c = this.v.conn;
    const status = c.conversation?.status;
    if (!this.v.host.config.csat || (status !== "resolved" && status !== "closed")) {
      this.csatDone = false;
      return false;
    }
    for (let i = c.messages.length - 1; i >= 0; i--) {
      const e = c.messages[i]!.event;
      if (e === "csat") return false;
      if (e === "resolved") break;
    }
    return true;
  }

  /** Checks answers against the fields; fills `errors` and returns the values, or null. */
  private check(fields: WidgetFormField[], data: FormData): Record<string, string> | null {
    const values: Record<string, string> = {};
    this.errors = {};
    for (const f of fields) {
      const value = String(data.get(f.name) ?? "").trim();
      const label = pick(f.label, this.v.locale) ?? f.name;
      if (!value) {
        if (f.required) this.errors[f.name] = this.v.t("fieldRequired", { field: label });
        continue;
      }
      if ((f.type === "email" || f.name === "email") && !EMAIL.test(value)) this.errors[f.name] = this.v.t("fieldEmail");
      else if ((f.type === "tel" || f.name === "phone") && !PHONE.test(value)) this.errors[f.name] = this.v.t("fieldPhone");
      values[f.name] = value;
    }
    return Object.keys(this.errors).length ? null : values;
  }

  private invalid(form: HTMLFormElement): void {
    this.v.requestUpdate();
    void this.v.updateComplete.then(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
  }

  submitPrechat(form: HTMLFormElement): void {
    const fields = this.v.host.config.prechat?.fields ?? [];
    const values = this.check(fields, new FormData(form));
    if (!values) return this.invalid(form);
    this.v.conn.startWithPrechat(values);
    this.v.requestUpdate();
  }

  async submitOffline(form: HTMLFormElement): Promise<void> {
    if (this.busy) return;
    const extra = this.v.host.config.offline?.fields ?? [];
    const builtin: WidgetFormField[] = [
      { name: "message", label: this.v.t("offlineMessage"), type: "textarea", required: true },
      { name: "email", label: this.v.t("offlineEmail"), type: "email", required: true },
    ];
    const values = this.check([...builtin, ...extra], new FormData(form));
    if (!values) return this.invalid(form);
    const { message, email, ...fields } = values;
    this.busy = true;
    this.v.requestUpdate();
    const c = this.v.conn;
    const r = (await c.ensureSession())
      ? await c.api.request<{ conversation: { id: string } }>("/offline", {
          body: { email, message, fields, clientId: this.offlineClientId, locale: this.v.locale, pageUrl: location.href },
        })
      : null;
    this.busy = false;
    if (r?.ok) {
      this.offlineEmail = email!;
      c.follow(r.data.conversation.id);
    } else {
      const field = r && !r.ok && r.field ? r.field.replace(/^fields\./, "") : "_";
      this.errors = { [field]: r && !r.ok ? r.message : this.v.t("unavailable") };
    }
    this.v.requestUpdate();
  }

  async submitCsat(form: HTMLFormElement): Promise<void> {
    if (this.busy || !this.csatRating) return;
    const comment = String(new FormData(form).get("comment") ?? "").trim();
    this.busy = true;
    this.v.requestUpdate();
    const r = await this.v.conn.api.request(this.v.conn.conversationPath("/csat"), { body: { rating: this.csatRating, ...(comment ? { comment } : {}) } });
    this.busy = false;
    if (r.ok || r.code === "already_rated") {
      this.csatDone = true;
      this.errors = {};
    } else this.errors = { csat: r.message };
    this.v.requestUpdate();
  }

  reset(): void {
    this.errors = {};
    this.busy = false;
    this.offlineEmail = null;
    this.csatRating = 0;
    this.csatDone = false;
    this.offlineClientId = newClientId();
  }
}
