// The Rules page: the structured and JSON editors (validated as you type), saved test cases, version
// history with restore, and the simulator beside them. Agents may look and simulate; admins edit.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { ErrorList } from "../components/rules/error-list.tsx";
import { JsonEditor } from "../components/rules/json-editor.tsx";
import { RuleEditor } from "../components/rules/rule-editor.tsx";
import { t } from "../components/rules/rules-strings.ts";
import { Simulator } from "../components/rules/simulator.tsx";
import { TestCases } from "../components/rules/test-cases.tsx";
import { VersionHistory } from "../components/rules/version-history.tsx";
import { createRulesModel, type RulesModel } from "../models/rules.ts";
import type { PageProps } from "../routes.tsx";

type Tab = "rules" | "json" | "tests" | "history";

function OutcomeLine({ model }: { model: RulesModel }) {
  const o = model.outcome.value;
  if (!o) return null;
  if (o.kind !== "refused")
    return (
      <p class="outcome ok" role="status">
        {o.kind === "published" ? t("publishedOk", { version: o.version }) : t("restoredOk", { version: o.version })}
      </p>
    );
  return (
    <div class="outcome bad" role="alert">
      <p>
        {t("refused")} {o.error.message}
      </p>
      {o.tests && (
        <ul>
          {o.tests
            .filter((r) => !r.passed)
            .map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong>: {r.failures.join("; ")}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}

export function RulesPage({ siteId, role }: PageProps) {
  const model = useMemo(() => createRulesModel(siteId), [siteId]);
  useEffect(() => void model.load(), [model]);
  const tab = useSignal<Tab>("rules");
  const focus = useSignal<number | null>(null);
  const canEdit = role === "admin" || role === "owner";
  const draft = model.draft.value;
  if (model.loadError.value) return <p class="error">{model.loadError.value}</p>;
  if (!draft || !model.published.value) return <p class="loading">{t("loading")}</p>;
  const broken = model.errors.value.length > 0 || model.jsonError.value !== null;
  const tabs: [Tab, string][] = [
    ["rules", t("tabRules")],
    ["json", t("tabJson")],
    ["tests", t("tabTests", { n: model.tests.value.length })],
    ["history", t("tabHistory", { n: model.versions.value.length })],
  ];
  return (
    <div class="rules-page">
      <header class="rules-bar">
        <h2>{t("title")}</h2>
        <span class="muted">{model.published.value.version ? t("inForceVersion", { version: model.published.value.version }) : t("noneInForce")}</span>
        {model.dirty.value && <span class="tag">{t("unpublished")}</span>}
        {canEdit ? (
          <span class="row-tools">
            <button type="button" disabled={!model.dirty.value || model.busy.value} onClick={() => model.discard()}>
              {t("discard")}
            </button>
            <button type="button" class="primary" disabled={!model.dirty.value || broken || model.busy.value} onClick={() => void model.publish()}>
              {t("publish")}
            </button>
          </span>
        ) : (
          <span class="muted">{t("readOnly")}</span>
        )}
      </header>
      <OutcomeLine model={model} />
      <div class="rules-main">
        <section class="rules-left" aria-label={t("editor")}>
          <div class="tabs" role="tablist">
            {tabs.map(([id, label]) => (
              <button key={id} type="button" role="tab" aria-selected={tab.value === id} onClick={() => (tab.value = id)}>
                {label}
              </button>
            ))}
          </div>
          {(tab.value === "rules" || tab.value === "json") && (
            <ErrorList
              errors={model.jsonError.value ? [] : model.errors.value}
              onPick={(i) => {
                tab.value = "rules";
                focus.value = i;
              }}
            />
          )}
          {tab.value === "rules" &&
            (model.jsonError.value ? (
              <p class="error">{t("fixJsonFirst")}</p>
            ) : (
              <RuleEditor
                draft={draft}
                errors={model.errors.value}
                teams={model.teams.value}
                readOnly={!canEdit}
                focus={focus.value}
                onChange={(r) => model.setDraft(r)}
              />
            ))}
          {tab.value === "json" && <JsonEditor model={model} readOnly={!canEdit} />}
          {tab.value === "tests" && <TestCases model={model} canEdit={canEdit} />}
          {tab.value === "history" && <VersionHistory model={model} canEdit={canEdit} onOpen={() => (tab.value = "rules")} />}
        </section>
        <Simulator model={model} canEdit={canEdit} />
      </div>
    </div>
  );
}
