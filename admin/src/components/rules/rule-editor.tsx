// The structured editor: the ruleset's settings and its rules in order, each one folded to a summary
// line until opened. Errors from the validator appear on the rule and field they name.

import { useSignal } from "@preact/signals";
import type { Rule, Ruleset, RulesetError } from "../../../../protocol/src/ruleset.ts";
import { ActionEditor, blankAction } from "./action-editor.tsx";
import { ConditionEditor } from "./condition-editor.tsx";
import { FieldErrors, ListInput, LocalizedInput, TeamSelect } from "./fields.tsx";
import { t } from "./rules-strings.ts";

interface Props {
  draft: Ruleset;
  errors: RulesetError[];
  teams: string[];
  readOnly: boolean;
  onChange: (r: Ruleset) => void;
  /** The rule to open (set when an error in the list is clicked). */
  focus: number | null;
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

function RuleCard(props: {
  rule: Rule;
  index: number;
  count: number;
  errors: RulesetError[];
  teams: string[];
  readOnly: boolean;
  open: boolean;
  toggle: () => void;
  onChange: (r: Rule | null, move?: number) => void;
}) {
  const { rule: r, index, errors, readOnly } = props;
  const set = (patch: Partial<Rule>) => props.onChange({ ...r, ...patch });
  return (
    <li id={`rule-${index}`} class={`rule${errors.length ? " has-errors" : ""}${r.enabled === false ? " disabled" : ""}`}>
      <div class="rule-head">
        <button type="button" class="fold" aria-expanded={props.open} onClick={props.toggle}>
          <span class="pos">{index + 1}.</span> <code>{r.id || "?"}</code> <span class="name">{r.name}</span>
          {r.enabled === false && <span class="tag">{t("off")}</span>}
          {r.stop && <span class="tag">{t("stops")}</span>}
          {errors.length > 0 && <span class="tag bad">{t("errorCount", { n: errors.length })}</span>}
        </button>
        {!readOnly && (
          <span class="row-tools">
            <button type="button" class="icon" aria-label={t("moveUp")} onClick={() => props.onChange(r, -1)} disabled={index === 0}>
              ↑
            </button>
            <button type="button" class="icon" aria-label={t("moveDown")} onClick={() => props.onChange(r, 1)} disabled={index === props.count - 1}>
              ↓
            </button>
            <button type="button" class="icon" aria-label={t("removeRule")} onClick={() => confirm(t("confirmRemove", { id: r.id })) && props.onChange(null)}>
              ×
            </button>
          </span>
        )}
      </div>
      {props.open && (
        <div class="rule-body">
          <div class="row">
            <label>
              {t("ruleId")}
              <input value={r.id} readOnly={readOnly} onInput={(e) => set({ id: (e.target as HTMLInputElement).value })} />
            </label>
            <label class="grow">
              {t("ruleName")}
              <input value={r.name ?? ""} readOnly={readOnly} onInput={(e) => set({ name: (e.target as HTMLInputElement).value })} />
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={r.enabled !== false}
                disabled={readOnly}
                onChange={(e) => set({ enabled: (e.target as HTMLInputElement).checked })}
              />{" "}
              {t("enabled")}
            </label>
            <label class="check">
              <input type="checkbox" checked={r.stop === true} disabled={readOnly} onChange={(e) => set({ stop: (e.target as HTMLInputElement).checked })} />{" "}
              {t("stop")}
            </label>
          </div>
          <FieldErrors errors={errors.filter((e) => ["id", "name", "enabled", "stop", ""].includes(e.field) || !/^(when|then)/.test(e.field))} path="" />
          <h4>{t("when")}</h4>
          <ConditionEditor
            value={r.when ?? { field: "message.text", op: "containsAny", value: [] }}
            path="when"
            errors={errors}
            readOnly={readOnly}
            onChange={(when) => set({ when })}
          />
          <h4>{t("then")}</h4>
          <FieldErrors errors={errors.filter((e) => e.field === "then")} path="then" />
          {(r.then ?? []).map((a, j) => (
            <ActionEditor
              key={j}
              value={a}
              path={`then[${j}]`}
              errors={errors}
              teams={props.teams}
              readOnly={readOnly}
              onChange={(next) => set({ then: r.then.map((x, k) => (k === j ? next : x)) })}
              onRemove={() => set({ then: r.then.filter((_, k) => k !== j) })}
              onMove={(by) => set({ then: move(r.then, j, by) })}
            />
          ))}
          {!readOnly && (
            <button type="button" onClick={() => set({ then: [...(r.then ?? []), blankAction("reply")] })}>
              + {t("action")}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export function RuleEditor({ draft, errors, teams, readOnly, onChange, focus }: Props) {
  const open = useSignal<Set<number>>(new Set());
  const filter = useSignal("");
  const s = draft.settings ?? { handoffKeywords: [], maxBotTurns: 3 };
  const setSettings = (patch: Partial<Ruleset["settings"]>) => onChange({ ...draft, settings: { ...s, ...patch } });
  const rules = Array.isArray(draft.rules) ? draft.rules : [];
  const q = filter.value.trim().toLowerCase();
  const isOpen = (i: number) => open.value.has(i) || focus === i;
  const toggle = (i: number) => {
    const next = new Set(open.value);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    open.value = next;
  };
  const setRule = (i: number, r: Rule | null, by?: number) => {
    if (r === null) return onChange({ ...draft, rules: rules.filter((_, j) => j !== i) });
    if (by) return onChange({ ...draft, rules: move(rules, i, by) });
    onChange({ ...draft, rules: rules.map((x, j) => (j === i ? r : x)) });
  };
  return (
    <div class="rule-editor">
      <details class="settings" open>
        <summary>{t("settings")}</summary>
        <FieldErrors errors={errors.filter((e) => e.rule === "settings")} path="" />
        <ListInput
          label={t("handoffKeywords")}
          value={s.handoffKeywords}
          readOnly={readOnly}
          onChange={(handoffKeywords) => setSettings({ handoffKeywords })}
        />
        <div class="row">
          <label>
            {t("maxBotTurns")}
            <input
              type="number"
              min={1}
              max={20}
              value={s.maxBotTurns}
              readOnly={readOnly}
              onInput={(e) => setSettings({ maxBotTurns: Number((e.target as HTMLInputElement).value) })}
            />
          </label>
          <TeamSelect
            label={t("defaultTeam")}
            value={s.defaultTeam}
            teams={teams}
            readOnly={readOnly}
            optional
            onChange={(defaultTeam) => setSettings(defaultTeam ? { defaultTeam } : { defaultTeam: undefined as never })}
          />
        </div>
        <LocalizedInput
          label={t("fallbackReply")}
          value={s.fallbackReply}
          multiline
          readOnly={readOnly}
          onChange={(fallbackReply) => setSettings({ fallbackReply })}
        />
      </details>
      <div class="row">
        <input
          class="grow"
          type="search"
          aria-label={t("filterRules")}
          placeholder={t("filterRules")}
          value={filter.value}
          onInput={(e) => (filter.value = (e.target as HTMLInputElement).value)}
        />
        {!readOnly && (
          <button
            type="button"
            onClick={() => {
              onChange({
                ...draft,
                rules: [
                  ...rules,
                  {
                    id: `rule-${rules.length + 1}`,
                    enabled: true,
                    when: { field: "message.text", op: "containsAny", value: [] },
                    then: [blankAction("reply")],
                  },
                ],
              });
              open.value = new Set([...open.value, rules.length]);
            }}
          >
            + {t("rule")}
          </button>
        )}
      </div>
      <ol class="rules">
        {rules.map((r, i) =>
          q && !`${r.id} ${r.name ?? ""} ${JSON.stringify(r.when)}`.toLowerCase().includes(q) ? null : (
            <RuleCard
              key={i}
              rule={r}
              index={i}
              count={rules.length}
              errors={errors.filter((e) => e.index === i)}
              teams={teams}
              readOnly={readOnly}
              open={isOpen(i)}
              toggle={() => toggle(i)}
              onChange={(next, by) => setRule(i, next, by)}
            />
          ),
        )}
      </ol>
    </div>
  );
}
