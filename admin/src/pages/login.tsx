// The sign-in page: email and password, then the authenticator code for accounts that have one.

import { useSignal } from "@preact/signals";
import type { ApiError } from "../api/client.ts";
import { ui } from "../components/ui-strings.ts";
import { defineStrings, t as shared } from "../i18n.ts";
import { login } from "../models/session.ts";

const t = defineStrings(
  {
    code: "Code from your authenticator app",
    codeNeeded: "Enter the 6-digit code from your authenticator app.",
    badCode: "That code is not valid. Enter the current code.",
  },
  { code: "身份验证器应用中的验证码", codeNeeded: "请输入身份验证器应用中的 6 位验证码。", badCode: "验证码无效，请输入当前的验证码。" },
);

function message(e: ApiError): string {
  if (e.code === "totp_required") return t("codeNeeded");
  if (e.code === "bad_totp") return t("badCode");
  return ui.apiError(e);
}

export function LoginPage() {
  const error = useSignal<ApiError | null>(null);
  const busy = useSignal(false);
  const needCode = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    busy.value = true;
    const err = await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""), needCode.value ? String(form.get("code") ?? "") : undefined);
    busy.value = false;
    error.value = err;
    if (err?.code === "totp_required") needCode.value = true;
  };
  return (
    <main class="login">
      <form class="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Parley</h1>
        <label>
          {shared("email")}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {shared("password")}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {needCode.value && (
          <label>
            {t("code")}
            <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="\d{6}" required autoFocus />
          </label>
        )}
        {error.value && (
          <p class="error" role="alert">
            {message(error.value)}
          </p>
        )}
        <button type="submit" disabled={busy.value}>
          {shared("signIn")}
        </button>
      </form>
    </main>
  );
}
