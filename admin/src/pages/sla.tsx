// The SLA settings page (admins): targets per priority for ordinary conversations and complaints,
// the warning lead time, inactivity auto-resolve and the follow-up (回访) message.

import { useMemo } from "preact/hooks";
import { PRIORITIES } from "../../../protocol/src/types.ts";
import { createSlaPolicyModel, MESSAGE_LOCALES, type SlaDraft } from "../models/sla-policy.ts";
import { SettingsLayout } from "../components/settings-layout.tsx";
import type { PageProps } from "../routes.tsx";
import { t } from "./sla-strings.ts";

const COLUMNS = [
  ["standard", "firstResponse", "firstResponse"],
  ["standard", "resolution", "resolution"],
  ["complaint", "firstResponse", "complaintFirstResponse"],
  ["complaint", "resolution", "complaintResolution"],
] as const;

const LANGUAGE_NAMES: Record<(typeof MESSAGE_LOCALES)[number], string> = { en: "English", "zh-CN": "简体中文", "zh-TW": "繁體中文" };

export function SlaPage({ siteId }: PageProps) {
  const model = useMemo(() => createSlaPolicyModel(siteId), [siteId]);
  const d = model.draft.value;
  const err = model.error.value;
  if (!d) return <p class="loading">{err ? err.message : t("loading")}</p>;
  const bad = (field: string) => (err?.field === field || err?.field?.startsWith(`${field}.`) ? true : undefined);
  const text = (field: string, value: string, set: (d: SlaDraft, v: string) => void, label: string) => (
    <input
      type="number"
      inputMode="decimal"
      min="0"
      step="any"
      name={field}
      value={value}
      aria-label={label}
      aria-invalid={bad(field)}
      onInput={(e) => model.edit((x) => set(x, (e.target as HTMLInputElement).value))}
    />
  );
  return (
    <SettingsLayout title={t("title")}>
      <div class="sla-page">
        <p class="hint">{t("intro")}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void model.save();
          }}
        >
          <fieldset>
            <legend>{t("targets")}</legend>
            <table class="targets">
              <thead>
                <tr>
                  <th scope="col">{t("priority")}</th>
                  {COLUMNS.map(([, , label]) => (
                    <th scope="col" key={label}>
                      {t(label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...PRIORITIES].reverse().map((p) => (
                  <tr key={p}>
                    <th scope="row">{t(p)}</th>
                    {COLUMNS.map(([kind, what, label]) => (
                      <td key={label}>
                        {text(`${kind}.${what}.${p}`, d.targets[kind][what][p], (x, v) => (x.targets[kind][what][p] = v), `${t(label)} — ${t(p)}`)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="hint">{t("complaintHint")}</p>
            <label>
              {t("warning")}
              {text("warningMinutes", d.warningMinutes, (x, v) => (x.warningMinutes = v), t("warning"))}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("inactivity")}</legend>
            <label class="check">
              <input
                type="checkbox"
                name="inactivity.enabled"
                checked={d.inactivityEnabled}
                onChange={(e) => model.edit((x) => (x.inactivityEnabled = (e.target as HTMLInputElement).checked))}
              />
              {t("inactivityEnabled")}
            </label>
            <label>
              {t("inactivityHours")}
              {text("inactivity.minutes", d.inactivityHours, (x, v) => (x.inactivityHours = v), t("inactivityHours"))}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("followUp")}</legend>
            <label class="check">
              <input
                type="checkbox"
                name="followUp.enabled"
                checked={d.followUpEnabled}
                onChange={(e) => model.edit((x) => (x.followUpEnabled = (e.target as HTMLInputElement).checked))}
              />
              {t("followUpEnabled")}
            </label>
            <label>
              {t("followUpDays")}
              {text("followUp.delayMinutes", d.followUpDays, (x, v) => (x.followUpDays = v), t("followUpDays"))}
            </label>
            {MESSAGE_LOCALES.map((l) => (
              <label key={l}>
                {t("message")} ({LANGUAGE_NAMES[l]})
                <textarea
                  name={`followUp.message.${l}`}
                  rows={2}
                  lang={l}
                  value={d.message[l]}
                  aria-invalid={bad(`followUp.message`)}
                  onInput={(e) => model.edit((x) => (x.message[l] = (e.target as HTMLTextAreaElement).value))}
                />
              </label>
            ))}
          </fieldset>
          {err && (
            <p class="error" role="alert">
              {err.message}
            </p>
          )}
          {model.savedAt.value && (
            <p class="ok" role="status">
              {t("saved")}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={model.saving.value}>
              {model.saving.value ? t("saving") : t("save")}
            </button>
          </div>
        </form>
      </div>
    </SettingsLayout>
  );
}
