// The simulator beside the editor: a message and a context → what the visitor would see, the actions
// and the trace, against the draft or the published ruleset; a result can be saved as a test case.

import { useSignal } from "@preact/signals";
import { CHANNELS } from "../../../../protocol/src/types.ts";
import { api } from "../../api/client.ts";
import type { RulesModel } from "../../models/rules.ts";
import { t } from "./rules-strings.ts";
import { expectationOf, SimResult, type Result } from "./sim-result.tsx";

/** The simulator's form, kept as strings until sent. */
interface Form {
  text: string;
  payload: string;
  channel: string;
  tier: string;
  time: "now" | "open" | "closed" | "at";
  at: string;
  locale: string;
  url: string;
  attributes: string;
  labels: string;
  missed: string;
  online: string;
}

const START: Form = {
  text: "",
  payload: "",
  channel: "web",
  tier: "regular",
  time: "now",
  at: "",
  locale: "",
  url: "",
  attributes: "",
  labels: "",
  missed: "0",
  online: "",
};

function contextOf(f: Form): Record<string, unknown> {
  const attributes = Object.fromEntries(
    f.attributes
      .split("\n")
      .map((l) => l.split("="))
      .filter((p) => p.length >= 2 && p[0]!.trim())
      .map(([k, ...v]) => [k!.trim(), v.join("=").trim()]),
  );
  const labels = f.labels
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    channel: f.channel,
    visitor: { tier: f.tier, attributes },
    ...(f.url ? { page: { url: f.url } } : {}),
    conversation: { labels, missedTurns: Number(f.missed) || 0 },
    ...(f.time === "open" || f.time === "closed" ? { time: { businessHours: f.time === "open" } } : {}),
    ...(f.time === "at" && f.at ? { now: new Date(f.at).toISOString() } : {}),
  };
}

export function Simulator({ model, canEdit }: { model: RulesModel; canEdit: boolean }) {
  const form = useSignal<Form>(START);
  const target = useSignal<"draft" | "published">("draft");
  const result = useSignal<Result | null>(null);
  const error = useSignal<string | null>(null);
  /** Counts runs, so each result starts with a fresh "save as test case" form. */
  const runs = useSignal(0);
  const f = form.value;
  const set = (patch: Partial<Form>) => (form.value = { ...form.value, ...patch });
  const input = (key: keyof Form, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={f[key]} onInput={(e) => set({ [key]: (e.target as HTMLInputElement).value })} {...extra} />
    </label>
  );
  const payloads = [
    ...new Set(
      (model.draft.value?.rules ?? []).flatMap((r) => (r.then ?? []).flatMap((a) => (a.type === "reply" ? (a.quickReplies ?? []).map((q) => q.payload) : []))),
    ),
  ];
  const run = async (e: Event) => {
    e.preventDefault();
    const useDraft = target.value === "draft" && model.dirty.value;
    const body = {
      message: { ...(f.text ? { text: f.text } : {}), ...(f.payload ? { payload: f.payload } : {}) },
      context: { ...contextOf(f), ...(f.locale ? { locale: f.locale } : {}), ...(f.online !== "" ? { agentsOnline: Number(f.online) } : {}) },
      ...(useDraft ? { ruleset: model.draft.value } : {}),
    };
    const r = await api<Result>(`/sites/${model.siteId}/rules/simulate`, { method: "POST", body });
    runs.value++;
    result.value = r.ok ? r.data : null;
    error.value = r.ok ? null : r.error.message;
  };
  const save = async (given: string): Promise<string> => {
    const name = given.trim() || f.text || f.payload;
    const message = { ...(f.text ? { text: f.text } : {}), ...(f.payload ? { payload: f.payload } : {}) };
    const failed = await model.saveTest({ name: name.slice(0, 200), message, context: contextOf(f), expect: expectationOf(result.value!) });
    return failed ?? t("testSaved");
  };
  return (
    <section class="simulator" aria-label={t("simulator")}>
      <h3>{t("simulator")}</h3>
      <form onSubmit={run}>
        <label>
          {t("message")}
          <textarea rows={2} value={f.text} onInput={(e) => set({ text: (e.target as HTMLTextAreaElement).value })} />
        </label>
        <div class="row">
          <label>
            {t("payload")}
            <select value={f.payload} onChange={(e) => set({ payload: (e.target as HTMLSelectElement).value })}>
              <option value="">—</option>
              {[...payloads, "__handoff"].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            {t("channel")}
            <select value={f.channel} onChange={(e) => set({ channel: (e.target as HTMLSelectElement).value })}>
              {CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            {t("tier")}
            <select value={f.tier} onChange={(e) => set({ tier: (e.target as HTMLSelectElement).value })}>
              {["regular", "key", "vip"].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        </div>
        <div class="row">
          <label>
            {t("time")}
            <select value={f.time} onChange={(e) => set({ time: (e.target as HTMLSelectElement).value as Form["time"] })}>
              <option value="now">{t("timeNow")}</option>
              <option value="open">{t("timeOpen")}</option>
              <option value="closed">{t("timeClosed")}</option>
              <option value="at">{t("timeAt")}</option>
            </select>
          </label>
          {f.time === "at" && input("at", t("when"), { type: "datetime-local" })}
          <label>
            {t("agentsOnline")}
            <select value={f.online} onChange={(e) => set({ online: (e.target as HTMLSelectElement).value })}>
              <option value="">{t("asNow")}</option>
              <option value="0">0</option>
              <option value="1">1+</option>
            </select>
          </label>
          <label>
            {t("language")}
            <select value={f.locale} onChange={(e) => set({ locale: (e.target as HTMLSelectElement).value })}>
              <option value="">{t("auto")}</option>
              <option value="en">en</option>
              <option value="zh-CN">zh-CN</option>
              <option value="zh-TW">zh-TW</option>
            </select>
          </label>
        </div>
        <details>
          <summary>{t("moreContext")}</summary>
          {input("url", t("pageUrl"))}
          <label>
            {t("attributes")}
            <textarea rows={2} placeholder="plan=pro" value={f.attributes} onInput={(e) => set({ attributes: (e.target as HTMLTextAreaElement).value })} />
          </label>
          {input("labels", t("labels"))}
          {input("missed", t("missedTurns"), { type: "number", min: 0 })}
        </details>
        <div class="row">
          <label class="check">
            <input type="radio" name="target" checked={target.value === "draft"} onChange={() => (target.value = "draft")} /> {t("againstDraft")}
          </label>
          <label class="check">
            <input type="radio" name="target" checked={target.value === "published"} onChange={() => (target.value = "published")} /> {t("againstPublished")}
          </label>
          <button type="submit">{t("simulate")}</button>
        </div>
      </form>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {result.value && <SimResult key={runs.value} result={result.value} canEdit={canEdit} onSave={(name) => save(name)} />}
    </section>
  );
}
