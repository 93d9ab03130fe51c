// A polite offer to turn on desktop notifications: shown until the agent answers, never a prompt on load.

import { askPermission, dismissOffer, offerDismissed, permission } from "../models/notify.ts";
import { t } from "./inbox-strings.ts";

export function NotifyOffer() {
  if (permission.value === "denied" && !offerDismissed.value)
    return (
      <p class="inbox-offer" role="note">
        {t("notifyBlocked")}{" "}
        <button type="button" onClick={dismissOffer}>
          {t("close")}
        </button>
      </p>
    );
  if (permission.value !== "default" || offerDismissed.value) return null;
  return (
    <div class="inbox-offer" role="note">
      <span>{t("notifyOffer")}</span>
      <button type="button" class="primary" onClick={() => void askPermission()}>
        {t("notifyOn")}
      </button>
      <button type="button" onClick={dismissOffer}>
        {t("notifyLater")}
      </button>
    </div>
  );
}
