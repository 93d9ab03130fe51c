// The sign-in page.

import { useSignal } from "@preact/signals";
import { login } from "../models/session.ts";
import { t } from "../i18n.ts";

export function LoginPage() {
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    busy.value = true;
    error.value = await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    busy.value = false;
  };
  return (
    <main class="login">
      <form class="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Parley</h1>
        <label>
          {t("email")}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error.value && (
          <p class="error" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" disabled={busy.value}>
          {t("signIn")}
        </button>
      </form>
    </main>
  );
}
