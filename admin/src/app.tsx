// The console's shell: who is signed in, which site, and the route table.

import { useEffect } from "preact/hooks";
import { t } from "./i18n.ts";
import { currentSite, loadMe, logout, me } from "./models/session.ts";
import { InboxPage } from "./pages/inbox.tsx";
import { LoginPage } from "./pages/login.tsx";
import { path } from "./router.ts";

export function App() {
  useEffect(() => void loadMe(), []);
  if (me.value === undefined) return <p class="loading">{t("loading")}</p>;
  if (me.value === null) return <LoginPage />;
  const siteId = currentSite.value;
  const open = /^\/admin\/conversations\/([\w-]+)/.exec(path.value)?.[1] ?? null;
  return (
    <div class="shell">
      <header class="top">
        <strong class="brand">Parley</strong>
        <select aria-label="Site" value={siteId ?? ""} onChange={(e) => (currentSite.value = (e.target as HTMLSelectElement).value)}>
          {me.value.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <span class="who">{me.value.user.name}</span>
        <button type="button" onClick={() => void logout()}>
          {t("signOut")}
        </button>
      </header>
      {siteId ? <InboxPage siteId={siteId} myId={me.value.user.id} openId={open} /> : <p class="empty">No site.</p>}
    </div>
  );
}
