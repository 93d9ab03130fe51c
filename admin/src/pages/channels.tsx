// Settings › Channels: connect email, Telegram, WhatsApp, SMS and API channels; each card shows what
// to paste into the provider (webhook URL, secrets), its health, and test / disable / remove.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { api } from "../api/client.ts";
import { ChannelForm, ProviderSetup, type Kind } from "../components/channel-form.tsx";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { ErrorNote, Section, when } from "../components/ui.tsx";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";
import { ct } from "./channel-strings.ts";

export interface ChannelView {
  id: string;
  kind: Kind;
  name: string;
  address: string | null;
  enabled: boolean;
  config: Record<string, string>;
  webhookUrl: string | null;
  generated: Record<string, string | null>;
  credentials: Record<string, string | null>;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

interface Check {
  ok: boolean;
  detail: string;
}

function ChannelCard({ ch, siteId, reload }: { ch: ChannelView; siteId: string; reload: () => Promise<void> }) {
  const result = useSignal<Check | null>(null);
  const busy = useSignal(false);
  /** Secrets just made for this channel: shown until the page goes, never fetched again. */
  const fresh = useSignal<Record<string, string | null> | null>(null);
  const hasGenerated = Object.keys(ch.generated).length > 0;
  const base = `/sites/${siteId}/channels/${ch.id}`;
  const rotate = async () => {
    if (!confirm(ct("newSecretsConfirm", { name: ch.name }))) return;
    busy.value = true;
    const r = await api<{ channel: ChannelView; connect: Check | null }>(`${base}/rotate-secrets`, { method: "POST" });
    busy.value = false;
    if (r.ok) {
      fresh.value = r.data.channel.generated;
      result.value = r.data.connect;
    } else result.value = { ok: false, detail: r.error.message };
  };
  const run = async (method: string, path: string, body?: unknown) => {
    busy.value = true;
    const r = await api<Check & { channel?: ChannelView }>(path, { method, ...(body !== undefined ? { body } : {}) });
    busy.value = false;
    if (r.ok && "detail" in r.data) result.value = { ok: r.data.ok, detail: r.data.detail };
    else if (!r.ok) result.value = { ok: false, detail: r.error.message };
    if (method !== "POST" || path.endsWith("/connect")) await reload();
  };
  return (
    <article class={`channels-card${ch.enabled ? "" : " off"}`} aria-label={ch.name} data-channel={ch.kind}>
      <header class="row">
        <strong>{ch.name}</strong>
        <span class="badge-soft">{ct(ch.kind)}</span>
        <span class={`channels-state ${ch.enabled ? "on" : "off"}`}>{ch.enabled ? ct("enabled") : ct("disabled")}</span>
        {ch.address && <code>{ch.address}</code>}
      </header>
      <ProviderSetup webhookUrl={ch.webhookUrl} generated={{}} />
      {hasGenerated &&
        (fresh.value ? (
          <div class="notice">
            <strong>{ct("secretsOnce")}</strong>
            <ProviderSetup webhookUrl={null} generated={fresh.value} />
          </div>
        ) : (
          <p class="muted">{ct("secretsHidden")}</p>
        ))}
      {Object.keys(ch.credentials).length > 0 && (
        <p class="muted">
          {ct("credentials")}:{" "}
          {Object.entries(ch.credentials)
            .map(([k, v]) => `${ct(k as "botToken")} ${v ?? ct("notSet")}`)
            .join(" · ")}
        </p>
      )}
      <p class="muted">
        {ct("lastIn")}: {ch.lastInboundAt ? when(ch.lastInboundAt) : ct("never")} · {ct("lastOut")}: {ch.lastOutboundAt ? when(ch.lastOutboundAt) : ct("never")}
      </p>
      {ch.lastError && (
        <p class="channels-error">
          {ct("lastError")} ({when(ch.lastErrorAt)}): {ch.lastError}
        </p>
      )}
      <div class="row">
        <button type="button" disabled={busy.value} onClick={() => void run("POST", `${base}/test`)}>
          {ct("test")}
        </button>
        {ch.kind === "telegram" && (
          <button type="button" disabled={busy.value} onClick={() => void run("POST", `${base}/connect`)}>
            {ct("register")}
          </button>
        )}
        {hasGenerated && (
          <button type="button" disabled={busy.value} onClick={() => void rotate()}>
            {ct("newSecrets")}
          </button>
        )}
        <button type="button" disabled={busy.value} onClick={() => void run("PATCH", base, { enabled: !ch.enabled })}>
          {ch.enabled ? ct("disable") : ct("enable")}
        </button>
        <button type="button" class="danger" disabled={busy.value} onClick={() => confirm(ct("removeConfirm", { name: ch.name })) && void run("DELETE", base)}>
          {ct("remove")}
        </button>
      </div>
      {result.value && (
        <p role="status" class={result.value.ok ? "saved" : "channels-error"}>
          {result.value.detail}
        </p>
      )}
    </article>
  );
}

export function ChannelsPage({ siteId }: PageProps) {
  const channels = useMemo(() => createRemote<{ items: ChannelView[] }>(`/sites/${siteId}/channels`), [siteId]);
  useEffect(() => void channels.load(), [channels]);
  const created = useSignal<{ channel: ChannelView; connect: Check | null } | null>(null);

  const connect = async (body: Record<string, string>) => {
    // The form clears as soon as the channel exists; the list reloads behind it (typing is never lost).
    const r = await channels.run<{ channel: ChannelView; connect: Check | null }>("POST", `/sites/${siteId}/channels`, body, (x) => (created.value = x), false);
    if (r) void channels.load();
    return r !== null;
  };

  const items = channels.value.value?.items ?? [];
  return (
    <SettingsLayout title={ct("title")}>
      <p class="hint">{ct("intro")}</p>
      <Section title={ct("connect")}>
        <ChannelForm error={channels.error.value} onSubmit={connect} />
        {created.value && (
          <div class="notice" role="status">
            <strong>{ct("connected")}</strong>
            <ProviderSetup webhookUrl={created.value.channel.webhookUrl} generated={created.value.channel.generated} />
            {created.value.connect && <p class={created.value.connect.ok ? "saved" : "channels-error"}>{created.value.connect.detail}</p>}
          </div>
        )}
      </Section>
      <Section title={ct("title")}>
        <ErrorNote error={channels.value.value ? null : channels.error.value} />
        {items.length === 0 && <p class="muted">{ct("none")}</p>}
        <div class="channels-list">
          {items.map((ch) => (
            <ChannelCard key={ch.id} ch={ch} siteId={siteId} reload={channels.load} />
          ))}
        </div>
      </Section>
    </SettingsLayout>
  );
}
