// The raw JSON editor: the whole ruleset as text, parsed and validated on every keystroke.

import type { RulesModel } from "../../models/rules.ts";
import { t } from "./rules-strings.ts";

export function JsonEditor({ model, readOnly }: { model: RulesModel; readOnly: boolean }) {
  return (
    <div class="json-editor">
      <textarea
        aria-label={t("jsonLabel")}
        spellcheck={false}
        readOnly={readOnly}
        value={model.draftText.value}
        onInput={(e) => model.setDraftText((e.target as HTMLTextAreaElement).value)}
      />
      {model.jsonError.value && (
        <p class="error" role="alert">
          {t("jsonBroken", { message: model.jsonError.value })}
        </p>
      )}
    </div>
  );
}
