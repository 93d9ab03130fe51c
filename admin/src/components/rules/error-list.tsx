// The validator's verdict on the draft: every error with its rule and field; a click opens the rule.

import type { RulesetError } from "../../../../protocol/src/ruleset.ts";
import { t } from "./rules-strings.ts";

export function ErrorList({ errors, onPick }: { errors: RulesetError[]; onPick: (index: number) => void }) {
  if (!errors.length)
    return (
      <p class="valid" role="status">
        ✓ {t("valid")}
      </p>
    );
  return (
    <div class="error-list" role="alert">
      <p>{t("invalid", { n: errors.length })}</p>
      <ul>
        {errors.slice(0, 50).map((e, i) => (
          <li key={i}>
            {e.index !== undefined ? (
              <a href={`#rule-${e.index}`} onClick={() => onPick(e.index!)}>
                {t("ruleRef", { rule: e.rule })}
              </a>
            ) : (
              <strong>{e.rule}</strong>
            )}
            {e.field && (
              <>
                {" "}
                · <code>{e.field}</code>
              </>
            )}
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
