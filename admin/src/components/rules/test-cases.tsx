// Saved test cases: what each expects, and whether it passes against the draft (run on every publish).

import type { RuleTestCase } from "../../../../protocol/src/ruleset.ts";
import type { RulesModel } from "../../models/rules.ts";
import { t } from "./rules-strings.ts";

function expectation(e: RuleTestCase["expect"]): string {
  const parts = [
    ...(e.actions ?? []).map((a) =>
      Object.entries(a)
        .map(([k, v]) => (k === "type" ? String(v) : `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`))
        .join(" "),
    ),
    ...(e.absent ?? []).map((x) => `${t("no")} ${x}`),
    ...(e.rules ?? []).map((r) => `${t("ruleRef", { rule: r })}`),
  ];
  return parts.join(" · ");
}

export function TestCases({ model, canEdit }: { model: RulesModel; canEdit: boolean }) {
  const results = new Map((model.testResults.value ?? []).map((r) => [r.id, r]));
  const tests = model.tests.value;
  return (
    <div class="test-cases">
      <div class="row">
        <p class="grow">{t("testsIntro")}</p>
        <button type="button" disabled={!tests.length} onClick={() => void model.runTests()}>
          {t("runTests")}
        </button>
      </div>
      {!tests.length && <p class="empty">{t("noTests")}</p>}
      <ul class="tests">
        {tests.map((test) => {
          const r = results.get(test.id);
          return (
            <li key={test.id} class={r ? (r.passed ? "pass" : "fail") : ""} data-test={test.name}>
              <div class="row">
                <strong class="grow">
                  {r && <span aria-label={r.passed ? t("passed") : t("failed")}>{r.passed ? "✓ " : "✗ "}</span>}
                  {test.name}
                </strong>
                {canEdit && (
                  <button type="button" class="icon" aria-label={t("deleteTest", { name: test.name })} onClick={() => void model.deleteTest(test.id)}>
                    ×
                  </button>
                )}
              </div>
              <p class="muted">
                “{test.message.text ?? test.message.payload}” → {expectation(test.expect)}
              </p>
              {r && !r.passed && (
                <ul class="field-errors">
                  {r.failures.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
