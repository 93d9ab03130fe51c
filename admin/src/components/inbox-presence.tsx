// The agent's own status (online / away / offline) and the sound switch, at the top of the inbox.

import type { PresenceStatus } from "../../../protocol/src/console-frames.ts";
import type { InboxModel } from "../models/inbox.ts";
import { setSound, soundOn } from "../models/notify.ts";
import { t } from "./inbox-strings.ts";

export function InboxPresence({ inbox }: { inbox: InboxModel }) {
  const me = inbox.me.value;
  const status = me?.status ?? "online";
  return (
    <div class="inbox-presence">
      <label title={t("statusHint")}>
        <span class={`inbox-status-dot inbox-status-${status}`} aria-hidden="true" />
        <span class="visually-hidden">{t("myStatus")}</span>
        <select aria-label={t("myStatus")} value={status} onChange={(e) => inbox.setStatus(e.currentTarget.value as PresenceStatus)}>
          <option value="online">{t("online")}</option>
          <option value="away">{t("away")}</option>
          <option value="offline">{t("appearOffline")}</option>
        </select>
      </label>
      {me?.capacity !== undefined && (
        <span class="muted inbox-load">
          {me.load ?? 0}/{me.capacity}
        </span>
      )}
      <label class="inbox-sound">
        <input type="checkbox" checked={soundOn.value} onChange={(e) => setSound(e.currentTarget.checked)} /> {t("sound")}
      </label>
    </div>
  );
}
