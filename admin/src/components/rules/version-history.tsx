// Every published version: who published it and when; open one in the editor or put it back in force.

import type { RulesModel } from "../../models/rules.ts";
import { t } from "./rules-strings.ts";

export function VersionHistory({ model, canEdit, onOpen }: { model: RulesModel; canEdit: boolean; onOpen: () => void }) {
  return (
    <table class="versions">
      <thead>
        <tr>
          <th>{t("version")}</th>
          <th>{t("publishedBy")}</th>
          <th>{t("publishedAt")}</th>
          <th>{t("rulesCount")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {model.versions.value.map((v) => (
          <tr key={v.version} class={v.published ? "current" : ""} data-version={v.version}>
            <td>
              v{v.version} {v.published && <span class="tag">{t("inForce")}</span>}
            </td>
            <td>{v.createdByName ?? "—"}</td>
            <td>{new Date(v.createdAt).toLocaleString()}</td>
            <td>{v.rules}</td>
            <td class="row-tools">
              <button
                type="button"
                onClick={async () => {
                  if (model.dirty.value && !confirm(t("confirmDiscard"))) return;
                  await model.openVersion(v.version);
                  onOpen();
                }}
              >
                {t("open")}
              </button>
              {canEdit && !v.published && (
                <button
                  type="button"
                  disabled={model.busy.value}
                  onClick={() => confirm(t("confirmRestore", { version: v.version })) && void model.restore(v.version)}
                >
                  {t("restore")}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
