// Templates of the panel's forms: pre-chat, offline (message + email) and the satisfaction survey.
// A lazily loaded chunk: most visitors never see a form, so the chat itself does not carry them.

import { html, nothing, type TemplateResult } from "lit/html.js";
import type { WidgetFormField } from "../../../protocol/src/widget-config.ts";
import { pick } from "../i18n/locale.ts";
import { submitCsat, submitOffline, submitPrechat } from "./form-actions.ts";
import type { PanelView } from "./panel.ts";
import { safely } from "./safely.ts";

const AUTOCOMPLETE: Record<string, string> = { name: "name", email: "email", phone: "tel" };

function field(v: PanelView, form: string, f: WidgetFormField, first: boolean): TemplateResult {
  const id = `${form}-${f.name}`;
  const label = pick(f.label, v.locale) ?? f.name;
  const error = v.forms.errors[f.name];
  const common = {
    id,
    name: f.name,
    invalid: error ? "true" : "false",
    described: error ? `${id}-error` : undefined,
  };
  const control =
    f.type === "textarea"
      ? html`<textarea
          id=${common.id}
          name=${common.name}
          rows="4"
          maxlength="4000"
          ?required=${f.required}
          aria-invalid=${common.invalid}
          aria-describedby=${common.described ?? nothing}
          ?data-autofocus=${first}
        ></textarea>`
      : f.type === "select"
        ? html`<select
            id=${common.id}
            name=${common.name}
            ?required=${f.required}
            aria-invalid=${common.invalid}
            aria-describedby=${common.described ?? nothing}
            ?data-autofocus=${first}
          >
            <option value=""></option>
            ${(f.options ?? []).map((o) => html`<option value=${o}>${o}</option>`)}
          </select>`
        : html`<input
            id=${common.id}
            name=${common.name}
            type=${f.type === "email" ? "email" : f.type === "tel" ? "tel" : "text"}
            autocomplete=${AUTOCOMPLETE[f.name] ?? "off"}
            ?required=${f.required}
            aria-invalid=${common.invalid}
            aria-describedby=${common.described ?? nothing}
            ?data-autofocus=${first}
          />`;
  return html`<div class="field">
    <label for=${id}>${label}${f.required ? html` <span class="req">(${v.t("required")})</span>` : nothing}</label>
    ${control} ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
  </div>`;
}

function formError(v: PanelView): TemplateResult | typeof nothing {
  const e = v.forms.errors._;
  return e ? html`<p class="notice" role="alert">${e}</p>` : nothing;
}

export function prechatForm(v: PanelView): TemplateResult {
  const fields = v.host.config.prechat?.fields ?? [];
  return html`<form
    part="prechat-form"
    class="form"
    novalidate
    @submit=${safely((e: Event) => {
      e.preventDefault();
      submitPrechat(v, e.currentTarget as HTMLFormElement);
    })}
  >
    <p class="intro">${v.t("prechatIntro")}</p>
    ${fields.map((f, i) => field(v, "prechat", f, i === 0))} ${formError(v)}
    <button class="primary" type="submit">${v.t("start")}</button>
  </form>`;
}

export function offlineForm(v: PanelView): TemplateResult {
  const cfg = v.host.config.offline;
  const builtin: WidgetFormField[] = [
    { name: "message", label: v.t("offlineMessage"), type: "textarea", required: true },
    { name: "email", label: v.t("offlineEmail"), type: "email", required: true },
  ];
  return html`<form
    part="offline-form"
    class="form"
    novalidate
    @submit=${safely((e: Event) => {
      e.preventDefault();
      return submitOffline(v, e.currentTarget as HTMLFormElement);
    })}
  >
    <p class="intro">${pick(cfg?.message, v.locale) ?? v.t("offlineIntro")}</p>
    ${[...builtin, ...(cfg?.fields ?? [])].map((f, i) => field(v, "offline", f, i === 0))} ${formError(v)}
    <button class="primary" type="submit" ?disabled=${v.forms.busy}>${v.t("offlineSend")}</button>
  </form>`;
}

export function csatForm(v: PanelView): TemplateResult {
  const f = v.forms;
  if (f.csatDone) return html`<p part="csat" class="csat done" role="status">${v.t("csatThanks")}</p>`;
  return html`<form
    part="csat"
    class="csat"
    @submit=${safely((e: Event) => {
      e.preventDefault();
      return submitCsat(v, e.currentTarget as HTMLFormElement);
    })}
  >
    <fieldset>
      <legend>${v.t("csatQuestion")}</legend>
      <div class="stars">
        ${[1, 2, 3, 4, 5].map(
          (n) =>
            html`<label class="star ${n <= f.csatRating ? "on" : ""}"
              ><input
                type="radio"
                name="rating"
                value=${n}
                .checked=${n === f.csatRating}
                @change=${safely(() => {
                  f.csatRating = n;
                  v.requestUpdate();
                })}
              /><span aria-hidden="true">★</span><span class="sr-only">${v.t("csatStar", { n })}</span></label
            >`,
        )}
      </div>
    </fieldset>
    <label class="sr-only" for="csat-comment">${v.t("csatComment")}</label>
    <textarea id="csat-comment" name="comment" rows="2" maxlength="1000" placeholder=${v.t("csatComment")}></textarea>
    ${f.errors.csat ? html`<p class="notice" role="alert">${f.errors.csat}</p>` : nothing}
    <button class="primary" type="submit" ?disabled=${!f.csatRating || f.busy}>${v.t("csatSend")}</button>
  </form>`;
}
