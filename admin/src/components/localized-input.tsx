// One text setting in several languages: a box per language (English, 简体中文, 繁體中文).

import { localizedEntries, TEXT_LOCALES, toLocalized, type Localized } from "../models/widget-settings.ts";

const NAMES: Record<string, string> = { en: "English", "zh-CN": "简体中文", "zh-TW": "繁體中文" };

export function LocalizedInput({
  value,
  onChange,
  multiline,
  name,
}: {
  value: Localized | undefined;
  onChange: (v: Record<string, string> | undefined) => void;
  multiline?: boolean;
  name: string;
}) {
  const entries = localizedEntries(value);
  const set = (loc: string, text: string) => onChange(toLocalized({ ...entries, [loc]: text }));
  return (
    <div class="localized">
      {TEXT_LOCALES.map((loc) => (
        <label key={loc} class="localized-row">
          <span class="lang">{NAMES[loc]}</span>
          {multiline ? (
            <textarea rows={2} name={`${name}.${loc}`} value={entries[loc] ?? ""} onInput={(e) => set(loc, e.currentTarget.value)} />
          ) : (
            <input name={`${name}.${loc}`} value={entries[loc] ?? ""} onInput={(e) => set(loc, e.currentTarget.value)} />
          )}
        </label>
      ))}
    </div>
  );
}
