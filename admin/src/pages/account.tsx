// Your account: signed-in devices (revocable), password change, and the optional second factor.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { CopyBox, ErrorNote, Field, SaveBar, Section, when } from "../components/ui.tsx";
import { defineStrings } from "../i18n.ts";
import { createRemote } from "../models/remote.ts";
import { loadMe, me } from "../models/session.ts";

const t = defineStrings(
  {
    title: "Your account",
    sessions: "Signed-in devices",
    device: "Device",
    started: "Signed in",
    lastSeen: "Last active",
    thisOne: "this device",
    signOut: "Sign out",
    password: "Change password",
    current: "Current password",
    next: "New password (10+ characters)",
    changed: "Password changed. Other devices were signed out.",
    twoFactor: "Two-step sign-in (authenticator app)",
    on: "On: sign-in asks for a code from your app.",
    off: "Off.",
    start: "Turn on",
    scan: "Add this key to your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), then enter the code it shows.",
    key: "Key",
    link: "Setup link",
    code: "6-digit code",
    confirm: "Confirm and turn on",
    disable: "Turn off",
  },
  {
    title: "我的账户",
    sessions: "已登录设备",
    device: "设备",
    started: "登录时间",
    lastSeen: "最近活动",
    thisOne: "当前设备",
    signOut: "退出",
    password: "修改密码",
    current: "当前密码",
    next: "新密码（至少 10 个字符）",
    changed: "密码已修改，其他设备已退出登录。",
    twoFactor: "两步验证（身份验证器应用）",
    on: "已开启：登录时需要输入应用中的验证码。",
    off: "未开启。",
    start: "开启",
    scan: "把此密钥添加到身份验证器应用（Google Authenticator、Microsoft Authenticator、1Password 等），然后输入应用显示的验证码。",
    key: "密钥",
    link: "设置链接",
    code: "6 位验证码",
    confirm: "确认并开启",
    disable: "关闭",
  },
);

interface Session {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  current: boolean;
}

export function AccountPage() {
  const sessions = useMemo(() => createRemote<{ items: Session[] }>("/auth/sessions"), []);
  const account = useMemo(() => createRemote<unknown>("/auth/me"), []);
  useEffect(() => void sessions.load(), [sessions]);
  const current = useSignal("");
  const next = useSignal("");
  const setup = useSignal<{ secret: string; uri: string } | null>(null);
  const code = useSignal("");
  const password = useSignal("");
  const totpOn = me.value?.totpEnabled ?? false;

  const changePassword = async (e: Event) => {
    e.preventDefault();
    if (await account.run("POST", "/auth/password", { current: current.value, next: next.value }, undefined, false)) {
      current.value = next.value = "";
      await sessions.load();
    }
  };
  const enable = async (e: Event) => {
    e.preventDefault();
    if (await account.run("POST", "/auth/totp/enable", { code: code.value }, undefined, false)) {
      setup.value = null;
      code.value = "";
      await loadMe();
    }
  };
  const disable = async (e: Event) => {
    e.preventDefault();
    if (await account.run("POST", "/auth/totp/disable", { password: password.value, code: code.value }, undefined, false)) {
      code.value = password.value = "";
      await loadMe();
    }
  };

  return (
    <main class="settings-main single">
      <h1>{t("title")}</h1>
      <Section title={t("sessions")}>
        <table class="table">
          <thead>
            <tr>
              <th>{t("device")}</th>
              <th>{t("started")}</th>
              <th>{t("lastSeen")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(sessions.value.value?.items ?? []).map((s) => (
              <tr key={s.id}>
                <td class="ua">{s.userAgent || "—"}</td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <span class="muted">{t("thisOne")}</span>
                  ) : (
                    <button type="button" onClick={() => void sessions.run("DELETE", `/auth/sessions/${s.id}`)}>
                      {t("signOut")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t("password")}>
        <form class="form" onSubmit={changePassword}>
          <Field label={t("current")} name="current" error={account.error.value}>
            <input type="password" autocomplete="current-password" required value={current.value} onInput={(e) => (current.value = e.currentTarget.value)} />
          </Field>
          <Field label={t("next")} name="next" error={account.error.value}>
            <input
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
              value={next.value}
              onInput={(e) => (next.value = e.currentTarget.value)}
            />
          </Field>
          <SaveBar label={t("password")} />
          {account.saved.value && !setup.value && <p role="status">{t("changed")}</p>}
        </form>
      </Section>
      <Section title={t("twoFactor")}>
        <p>{totpOn ? t("on") : t("off")}</p>
        {!totpOn && !setup.value && (
          <button
            type="button"
            onClick={() => void account.run<{ secret: string; uri: string }>("POST", "/auth/totp/setup", {}, (r) => (setup.value = r), false)}
          >
            {t("start")}
          </button>
        )}
        {setup.value && (
          <form class="form" onSubmit={enable}>
            <p>{t("scan")}</p>
            <CopyBox text={setup.value.secret} label={t("key")} testId="totp-secret" />
            <CopyBox text={setup.value.uri} label={t("link")} />
            <Field label={t("code")} name="code" error={account.error.value}>
              <input
                inputMode="numeric"
                autocomplete="one-time-code"
                required
                pattern="\d{6}"
                value={code.value}
                onInput={(e) => (code.value = e.currentTarget.value)}
              />
            </Field>
            <SaveBar label={t("confirm")} />
          </form>
        )}
        {totpOn && (
          <form class="form" onSubmit={disable}>
            <Field label={t("current")} name="password" error={account.error.value}>
              <input
                type="password"
                autocomplete="current-password"
                required
                value={password.value}
                onInput={(e) => (password.value = e.currentTarget.value)}
              />
            </Field>
            <Field label={t("code")} name="code" error={account.error.value}>
              <input inputMode="numeric" autocomplete="one-time-code" required value={code.value} onInput={(e) => (code.value = e.currentTarget.value)} />
            </Field>
            <SaveBar label={t("disable")} danger />
          </form>
        )}
        <ErrorNote error={account.error.value} fields={["current", "next", "code", "password"]} />
      </Section>
    </main>
  );
}
