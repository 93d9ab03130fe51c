// Small inputs the rule editor is built from: text per language, lists, team pickers, error notes.

import { useEffect, useState } from "preact/hooks";
import type { Localized, RulesetError } from "../../../../protocol/src/ruleset.ts";
import { t } from "./rules-strings.ts";

/** The languages the editor shows for localized text; others in the value are kept as they are. */
const EDIT_LOCALES = ["en", "zh-CN", "zh-TW"] as const;

/** Text per language (`{ en, zh-CN, zh-TW }`); a plain string is shown as English. */
export function LocalizedInput(props: {
  label: string;
  value: Localized | undefined;
  onChange: (v: Localized) => void;
  readOnly: boolean;
  multiline?: boolean;
}) {
  const map: Record<string, string> = typeof props.value === "string" ? { en: props.value } : { ...props.value };
  const set = (locale: string, text: string) => {
    const next = { ...map, [locale]: text };
    if (!text) delete next[locale];
    props.onChange(next);
  };
  return (
    <fieldset class="localized">
      <legend>{props.label}</legend>
      {EDIT_LOCALES.map((l) => (
        <label key={l}>
          <span class="lang">{l}</span>
          {props.multiline ? (
            <textarea rows={2} value={map[l] ?? ""} readOnly={props.readOnly} onInput={(e) => set(l, (e.target as HTMLTextAreaElement).value)} />
          ) : (
            <input value={map[l] ?? ""} readOnly={props.readOnly} onInput={(e) => set(l, (e.target as HTMLInputElement).value)} />
          )}
        </label>
      ))}
    </fieldset>
  );
}

/** A list of words, one per line. The text is kept as typed; the parsed list goes to `onChange`. */
export function ListInput(props: { label: string; value: unknown; onChange: (v: string[]) => void; readOnly: boolean; hint?: string }) {
  const list = Array.isArray(props.value) ? props.value.map(String) : props.value === undefined ? [] : [String(props.value)];
  const joined = list.join("\n");
  const [raw, setRaw] = useState(joined);
  useEffect(() => {
    if (parseLines(raw).join("\n") !== joined) setRaw(joined);
  }, [joined]);
  return (
    <label class="list-input">
      {props.label}
      <textarea
        rows={Math.min(6, Math.max(2, list.length + 1))}
        value={raw}
        readOnly={props.readOnly}
        placeholder={props.hint ?? t("onePerLine")}
        onInput={(e) => {
          const text = (e.target as HTMLTextAreaElement).value;
          setRaw(text);
          props.onChange(parseLines(text));
        }}
      />
    </label>
  );
}

function parseLines(text: string): string[] {
  return text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function TeamSelect(props: {
  label: string;
  value: string | undefined;
  teams: string[];
  onChange: (v: string | undefined) => void;
  readOnly: boolean;
  optional?: boolean;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value ?? ""} disabled={props.readOnly} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value || undefined)}>
        {props.optional && <option value="">{t("defaultTeam")}</option>}
        {props.value && !props.teams.includes(props.value) && <option value={props.value}>{props.value} (?)</option>}
        {props.teams.map((team) => (
          <option key={team} value={team}>
            {team}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The validation errors at or under a path of one rule, shown right where they apply. */
export function FieldErrors(props: { errors: RulesetError[]; path: string }) {
  const mine = props.errors.filter(
    (e) => e.field === props.path || (props.path !== "" && e.field.startsWith(`${props.path}.`)) || e.field.startsWith(`${props.path}[`),
  );
  if (!mine.length) return null;
  return (
    <ul class="field-errors" role="alert">
      {mine.map((e) => (
        <li key={`${e.field}:${e.message}`}>
          <code>{e.field || e.rule}</code> {e.message}
        </li>
      ))}
    </ul>
  );
}
