// Edits one action of a rule: its type and the fields that type needs (CONTRACT.md §5 actions).

import { ACTION_TYPES, type Action, type Localized, type RulesetError } from "../../../../protocol/src/ruleset.ts";
import { PRIORITIES } from "../../../../protocol/src/types.ts";
import { FieldErrors, ListInput, LocalizedInput, TeamSelect } from "./fields.tsx";
import { t } from "./rules-strings.ts";

interface Props {
  value: Action;
  onChange: (a: Action) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  path: string;
  errors: RulesetError[];
  teams: string[];
  readOnly: boolean;
}

/** A fresh action of a type, with the fields it needs. */
export function blankAction(type: Action["type"]): Action {
  switch (type) {
    case "reply":
      return { type, text: { en: "", "zh-CN": "" } };
    case "askField":
      return { type, field: "email", prompt: { en: "", "zh-CN": "" } };
    case "setPriority":
      return { type, value: "high" };
    case "addLabels":
      return { type, value: [] };
    case "setAttribute":
      return { type, name: "", value: "" };
    case "route":
      return { type, team: "support" };
    case "handoff":
      return { type };
    case "resolve":
      return { type };
  }
}

/** Quick replies as lines of `label | payload` (label in English; other languages kept as they are). */
function QuickReplies({
  value,
  onChange,
  readOnly,
}: {
  value: { label: Localized; payload: string }[] | undefined;
  onChange: (v: { label: Localized; payload: string }[] | undefined) => void;
  readOnly: boolean;
}) {
  const lines = (value ?? []).map((q) => `${typeof q.label === "string" ? q.label : (q.label.en ?? Object.values(q.label)[0] ?? "")} | ${q.payload}`);
  return (
    <ListInput
      label={t("quickReplies")}
      hint={t("quickRepliesHint")}
      value={lines}
      readOnly={readOnly}
      onChange={(list) => {
        const next = list.map((line, i) => {
          const [label = "", payload = ""] = line.split("|").map((s) => s.trim());
          const old = value?.[i];
          const keep = old && typeof old.label === "object" ? { ...old.label, en: label } : label;
          return { label: keep, payload };
        });
        onChange(next.length ? next : undefined);
      }}
    />
  );
}

export function ActionEditor({ value: a, onChange, onRemove, onMove, path, errors, teams, readOnly }: Props) {
  const set = (patch: Record<string, unknown>) => onChange({ ...a, ...patch } as Action);
  return (
    <div class={`action action-${a.type}`}>
      <div class="action-head">
        <select
          aria-label={t("actionType")}
          value={a.type}
          disabled={readOnly}
          onChange={(e) => onChange(blankAction((e.target as HTMLSelectElement).value as Action["type"]))}
        >
          {ACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`act_${type}` as never)}
            </option>
          ))}
        </select>
        {!readOnly && (
          <span class="row-tools">
            <button type="button" class="icon" aria-label={t("moveUp")} onClick={() => onMove(-1)}>
              ↑
            </button>
            <button type="button" class="icon" aria-label={t("moveDown")} onClick={() => onMove(1)}>
              ↓
            </button>
            <button type="button" class="icon" aria-label={t("removeAction")} onClick={onRemove}>
              ×
            </button>
          </span>
        )}
      </div>
      {a.type === "reply" && (
        <>
          <LocalizedInput label={t("text")} value={a.text} multiline readOnly={readOnly} onChange={(text) => set({ text })} />
          <QuickReplies
            value={a.quickReplies}
            readOnly={readOnly}
            onChange={(quickReplies) => onChange(quickReplies ? { ...a, quickReplies } : (({ quickReplies: _, ...rest }) => rest)(a))}
          />
        </>
      )}
      {a.type === "askField" && (
        <>
          <label>
            {t("contactField")}
            <input value={a.field} readOnly={readOnly} onInput={(e) => set({ field: (e.target as HTMLInputElement).value })} />
          </label>
          <LocalizedInput label={t("prompt")} value={a.prompt} readOnly={readOnly} onChange={(prompt) => set({ prompt })} />
          <label>
            {t("validate")}
            <input
              value={a.validate ?? ""}
              placeholder={t("validateHint")}
              readOnly={readOnly}
              onInput={(e) => {
                const v = (e.target as HTMLInputElement).value;
                onChange(v ? { ...a, validate: v } : (({ validate: _, ...rest }) => rest)(a));
              }}
            />
          </label>
          <LocalizedInput label={t("reaskText")} value={a.error} readOnly={readOnly} onChange={(error) => set({ error })} />
        </>
      )}
      {a.type === "setPriority" && (
        <select aria-label={t("priority")} value={a.value} disabled={readOnly} onChange={(e) => set({ value: (e.target as HTMLSelectElement).value })}>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      )}
      {a.type === "addLabels" && <ListInput label={t("labels")} value={a.value} readOnly={readOnly} onChange={(value) => set({ value })} />}
      {a.type === "setAttribute" && (
        <>
          <label>
            {t("attribute")}
            <input value={a.name} readOnly={readOnly} onInput={(e) => set({ name: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t("value")}
            <input value={String(a.value ?? "")} readOnly={readOnly} onInput={(e) => set({ value: (e.target as HTMLInputElement).value })} />
          </label>
        </>
      )}
      {a.type === "route" && <TeamSelect label={t("team")} value={a.team} teams={teams} readOnly={readOnly} onChange={(team) => set({ team: team ?? "" })} />}
      {a.type === "handoff" && (
        <>
          <TeamSelect
            label={t("team")}
            value={a.team}
            teams={teams}
            optional
            readOnly={readOnly}
            onChange={(team) => onChange(team ? { ...a, team } : (({ team: _, ...rest }) => rest)(a))}
          />
          <label>
            {t("noteForAgents")}
            <input
              value={a.note ?? ""}
              readOnly={readOnly}
              onInput={(e) => {
                const note = (e.target as HTMLInputElement).value;
                onChange(note ? { ...a, note } : (({ note: _, ...rest }) => rest)(a));
              }}
            />
          </label>
        </>
      )}
      <FieldErrors errors={errors} path={path} />
    </div>
  );
}
