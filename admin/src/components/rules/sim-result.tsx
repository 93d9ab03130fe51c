// The simulator's result: what the visitor would see, the actions, the trace, and "save as test case".

import { useSignal } from "@preact/signals";
import type { Action, RuleTestCase } from "../../../../protocol/src/ruleset.ts";
import type { QuickReply, TriageTrace } from "../../../../protocol/src/types.ts";
import { TraceView } from "../trace-view.tsx";
import { t } from "./rules-strings.ts";

/** The simulate API's answer. */
export interface Result {
  actions: Action[];
  trace: TriageTrace;
  version: number;
  preview: { messages: { text: string; quickReplies?: QuickReply[] }[]; handoff: { team: string | null; notice: string } | null; asks: string | null };
}

/** What a saved case expects, taken from a result: its decisions (not its wording) and matched rules. */
export function expectationOf(r: Result): RuleTestCase["expect"] {
  const actions = r.actions.flatMap((a): Record<string, unknown>[] => {
    if (a.type === "handoff") return [{ type: "handoff", ...(a.team ? { team: a.team } : {}) }];
    if (a.type === "setPriority" || a.type === "addLabels") return [{ type: a.type, value: a.value }];
    if (a.type === "askField") return [{ type: "askField", field: a.field }];
    if (a.type === "route") return [{ type: "route", team: a.team }];
    if (a.type === "resolve") return [{ type: "resolve" }];
    return [];
  });
  const rules = r.trace.rules.filter((x) => x.matched).map((x) => x.id);
  return {
    ...(actions.length ? { actions } : {}),
    ...(r.actions.some((a) => a.type === "handoff") ? {} : { absent: ["handoff"] }),
    ...(rules.length ? { rules } : {}),
  };
}

function describeAction(a: Action): string {
  if (a.type === "handoff") return `${t("act_handoff")}${a.team ? ` → ${a.team}` : ""}${a.reason ? ` (${a.reason})` : ""}`;
  if (a.type === "setPriority") return `${t("act_setPriority")}: ${a.value}`;
  if (a.type === "addLabels") return `${t("act_addLabels")}: ${a.value.join(", ")}`;
  if (a.type === "askField") return `${t("act_askField")}: ${a.field}`;
  if (a.type === "route") return `${t("act_route")} → ${a.team}`;
  if (a.type === "setAttribute") return `${t("act_setAttribute")}: ${a.name} = ${String(a.value)}`;
  return t(`act_${a.type}` as never);
}

export function SimResult({ result: r, canEdit, onSave }: { result: Result; canEdit: boolean; onSave: (name: string) => Promise<string> }) {
  const testName = useSignal("");
  const saved = useSignal<string | null>(null);
  return (
    <div class="sim-result" aria-live="polite">
      <p class="muted">{r.version ? t("ranPublished", { version: r.version }) : t("ranDraft")}</p>
      <h4>{t("visitorSees")}</h4>
      <ol class="bubbles">
        {r.preview.messages.map((m, i) => (
          <li key={i} class="bubble">
            {m.text}
            {m.quickReplies && (
              <span class="qr">
                {m.quickReplies.map((q) => (
                  <span key={q.payload}>{q.label}</span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ol>
      {r.preview.handoff && (
        <p class="handoff-line">{t("handedOff", { team: r.preview.handoff.team ?? "—", notice: t(`notice_${r.preview.handoff.notice}` as never) })}</p>
      )}
      <h4>{t("actions")}</h4>
      <ul class="sim-actions">
        {r.actions.map((a, i) => (
          <li key={i}>{describeAction(a)}</li>
        ))}
      </ul>
      <TraceView trace={r.trace} open />
      {canEdit && (
        <div class="row save-test">
          <input
            class="grow"
            aria-label={t("testName")}
            placeholder={t("testName")}
            value={testName.value}
            onInput={(e) => (testName.value = (e.target as HTMLInputElement).value)}
          />
          <button type="button" onClick={async () => (saved.value = await onSave(testName.value))}>
            {t("saveAsTest")}
          </button>
        </div>
      )}
      {saved.value && <p role="status">{saved.value}</p>}
    </div>
  );
}
