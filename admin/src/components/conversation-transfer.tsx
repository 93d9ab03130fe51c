// Transfer a conversation to an agent and/or a team, with a private note for whoever takes it.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { AgentPresence, TeamInfo } from "../../../protocol/src/console-frames.ts";
import { t } from "./conversation-strings.ts";

export function TransferDialog({
  agents,
  teams,
  currentTeam,
  myId,
  onTransfer,
  onClose,
}: {
  agents: AgentPresence[];
  teams: TeamInfo[];
  currentTeam: string | null;
  myId: string;
  onTransfer: (agentId: string | null, team: string | undefined, note: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const agent = useSignal("");
  const team = useSignal("");
  const note = useSignal("");
  const busy = useSignal(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const statusWord = (a: AgentPresence) => `${t(a.status)}${a.capacity !== undefined ? ` · ${t("load", { load: a.load ?? 0, capacity: a.capacity })}` : ""}`;
  return (
    <div class="inbox-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="transfer-title">
        <form
          class="inbox-dialog conv-transfer"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!agent.value && !team.value) return;
            busy.value = true;
            const ok = await onTransfer(agent.value || null, team.value || undefined, note.value);
            busy.value = false;
            if (ok) onClose();
          }}
        >
          <h2 id="transfer-title">{t("transferTitle")}</h2>
          <label>
            {t("toAgent")}
            <select ref={first} name="agent" value={agent.value} onChange={(e) => (agent.value = e.currentTarget.value)}>
              <option value="">{t("anyone")}</option>
              {agents
                .filter((a) => a.id !== myId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({statusWord(a)})
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t("toTeam")}
            <select name="team" value={team.value} onChange={(e) => (team.value = e.currentTarget.value)}>
              <option value="">{currentTeam ? `${t("keepTeam")} (${currentTeam})` : t("keepTeam")}</option>
              {teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("transferNote")}
            <textarea name="note" maxLength={2000} value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
          </label>
          <div class="save-bar">
            <button type="submit" class="primary" disabled={busy.value || (!agent.value && !team.value)}>
              {t("transferGo")}
            </button>
            <button type="button" onClick={onClose}>
              {t("cancel")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
