// Accepting an invitation (/admin/invite/:token): a new person picks a name and password; someone
// with an account confirms with theirs. Then they are signed in and land in the console.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { api, type ApiError } from "../api/client.ts";
import { ui } from "../components/ui-strings.ts";
import { defineStrings, t as shared } from "../i18n.ts";
import { fieldError } from "../models/remote.ts";
import { loadMe } from "../models/session.ts";
import { navigate } from "../router.ts";

const t = defineStrings(
  {
    title: "Join {site}",
    as: "You are invited as {role} with {email}.",
    name: "Your name",
    password: "Choose a password (10+ characters)",
    existing: "You already have an account: enter its password to join.",
    code: "Code from your authenticator app (if you use one)",
    join: "Join",
    mismatch: "The passwords do not match.",
    again: "Repeat the password",
  },
  {
    title: "加入 {site}",
    as: "您受邀以{role}身份加入，邮箱 {email}。",
    name: "您的姓名",
    password: "设置密码（至少 10 个字符）",
    existing: "您已有账户：请输入该账户的密码加入。",
    code: "身份验证器应用中的验证码（如已开启）",
    join: "加入",
    mismatch: "两次输入的密码不一致。",
    again: "再次输入密码",
  },
);

interface Info {
  siteName: string;
  email: string;
  role: string;
  account: boolean;
}

export function AcceptInvitePage({ token }: { token: string }) {
  const info = useSignal<Info | null>(null);
  const error = useSignal<ApiError | null>(null);
  const mismatch = useSignal(false);
  useEffect(() => {
    void api<Info>(`/invitations/${encodeURIComponent(token)}`).then((r) => (r.ok ? (info.value = r.data) : (error.value = r.error)));
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const password = String(f.get("password") ?? "");
    if (!info.value?.account && password !== String(f.get("again") ?? "")) return void (mismatch.value = true);
    mismatch.value = false;
    const body = info.value?.account
      ? { password, ...(f.get("code") ? { code: String(f.get("code")) } : {}) }
      : { name: String(f.get("name") ?? ""), password };
    const r = await api(`/invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body });
    if (!r.ok) return void (error.value = r.error);
    await loadMe();
    navigate("/admin/");
  };

  const i = info.value;
  return (
    <main class="login">
      <form class="card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">{i ? t("title", { site: i.siteName }) : "Parley"}</h1>
        {i && <p>{t("as", { role: ui.role(i.role), email: i.email })}</p>}
        {i && !i.account && (
          <>
            <label>
              {t("name")}
              <input name="name" autocomplete="name" required maxLength={120} />
            </label>
            <label>
              {t("password")}
              <input name="password" type="password" autocomplete="new-password" required minLength={10} />
            </label>
            <label>
              {t("again")}
              <input name="again" type="password" autocomplete="new-password" required minLength={10} />
            </label>
          </>
        )}
        {i?.account && (
          <>
            <p class="hint">{t("existing")}</p>
            <label>
              {shared("password")}
              <input name="password" type="password" autocomplete="current-password" required />
            </label>
            <label>
              {t("code")}
              <input name="code" inputMode="numeric" autocomplete="one-time-code" />
            </label>
          </>
        )}
        {(error.value || mismatch.value) && (
          <p class="error" role="alert">
            {mismatch.value ? t("mismatch") : (fieldError(error.value, "password") ?? ui.apiError(error.value!))}
          </p>
        )}
        {i && <button type="submit">{t("join")}</button>}
      </form>
    </main>
  );
}
