// The console's shell: who is signed in, which site, navigation, and the routed page.

import { Suspense } from "preact/compat";
import { useEffect } from "preact/hooks";
import { lang, setLang, t } from "./i18n.ts";
import { currentSite, loadMe, logout, me } from "./models/session.ts";
import { AcceptInvitePage } from "./pages/accept-invite.tsx";
import { LoginPage } from "./pages/login.tsx";
import { navigate, path } from "./router.ts";
import { allowed, hrefOf, match, ROUTES } from "./routes.tsx";

export function App() {
  useEffect(() => void loadMe(), []);
  // An invitation link works signed in or not (the invitee may have no account yet).
  const invite = /^\/admin\/invite\/([\w-]+)$/.exec(path.value);
  if (invite) return <AcceptInvitePage token={invite[1]!} />;
  if (me.value === undefined) return <p class="loading">{t("loading")}</p>;
  if (me.value === null) return <LoginPage />;
  const siteId = currentSite.value;
  const role = (siteId && me.value.user.roles[siteId]) || "agent";
  const found = match(path.value);
  const Page = found && allowed(found.route, role) ? found.route.page : null;
  return (
    <div class="shell">
      <header class="top">
        <strong class="brand">Parley</strong>
        <nav class="nav" aria-label="Sections">
          {ROUTES.filter((r) => r.nav && allowed(r, role)).map((r) => {
            const href = hrefOf(r);
            const current =
              found?.route === r || (href === "/admin/" && found?.route.page === r.page) || (!/^\/admin\/?$/.test(href) && path.value.startsWith(`${href}/`));
            return (
              <a
                key={href}
                href={href}
                aria-current={current ? "page" : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(href);
                }}
              >
                {r.nav!()}
              </a>
            );
          })}
        </nav>
        <select aria-label="Site" value={siteId ?? ""} onChange={(e) => (currentSite.value = (e.target as HTMLSelectElement).value)}>
          {me.value.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select aria-label={t("language")} value={lang.value} onChange={(e) => setLang((e.target as HTMLSelectElement).value as "en" | "zh-CN")}>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
        <span class="who">{me.value.user.name}</span>
        <button type="button" onClick={() => void logout()}>
          {t("signOut")}
        </button>
      </header>
      {!siteId ? (
        <p class="empty">{t("noSite")}</p>
      ) : Page ? (
        <Suspense fallback={<p class="loading">{t("loading")}</p>}>
          <Page siteId={siteId} myId={me.value.user.id} role={role} params={found!.params} />
        </Suspense>
      ) : (
        <p class="empty">{t("notFound")}</p>
      )}
    </div>
  );
}
