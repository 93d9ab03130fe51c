// Settings › Webhooks: where Parley sends events (CONTRACT §6), their signing secrets, "send test
// event" with the endpoint's answer, and each webhook's delivery log.

import { useSignal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { api } from "../api/client.ts";
import { SettingsLayout } from "../components/settings-layout.tsx";
import { CopyBox, ErrorNote, Field, Section } from "../components/ui.tsx";
import { ui } from "../components/ui-strings.ts";
import { WebhookDeliveries } from "../components/webhook-deliveries.tsx";
import { createRemote } from "../models/remote.ts";
import type { PageProps } from "../routes.tsx";
import { ct, wt } from "./channel-strings.ts";

const EVENTS = ["conversation.created", "conversation.handoff", "conversation.assigned", "message.created", "conversation.resolved", "csat.submitted"];

interface Hook {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** Only in the answer that created or rotated it: shown once. */
  secret?: string;
}

function HookCard({
  hook,
  siteId,
  reload,
  secret,
  onSecret,
}: {
  hook: Hook;
  siteId: string;
  reload: () => Promise<void>;
  secret: string | null;
  onSecret: (s: string) => void;
}) {
  const base = `/sites/${siteId}/webhooks/${hook.id}`;
  const test = useSignal<string | null>(null);
  const showLog = useSignal(false);
  const logKey = useSignal(0);
  const act = async (method: string, path: string, body?: unknown) => {
    await api(path, { method, ...(body !== undefined ? { body } : {}) });
    await reload();
  };
  const sendTest = async () => {
    test.value = null;
    const r = await api<{ ok: boolean; status: number | null; error: string | null; durationMs: number }>(`${base}/test`, { method: "POST" });
    if (!r.ok) test.value = wt("testFailed", { error: r.error.message });
    else test.value = r.data.ok ? wt("testOk", { status: r.data.status ?? "", ms: r.data.durationMs }) : wt("testFailed", { error: r.data.error ?? "" });
    logKey.value++;
  };
  return (
    <article class={`webhooks-card${hook.enabled ? "" : " off"}`} aria-label={hook.url}>
      <header class="row">
        <code>{hook.url}</code>
        <span class={`channels-state ${hook.enabled ? "on" : "off"}`}>{hook.enabled ? ct("enabled") : ct("disabled")}</span>
      </header>
      {hook.description && <p>{hook.description}</p>}
      <p class="muted">{hook.events.length ? hook.events.join(", ") : wt("allEvents")}</p>
      <span class="label">{wt("secret")}</span>
      {secret ? (
        <div class="notice">
          <strong>{wt("secretOnce")}</strong>
          <CopyBox text={secret} label={wt("secret")} testId="webhook-secret" />
        </div>
      ) : (
        <p class="muted">{wt("secretHidden")}</p>
      )}
      <div class="row">
        <button type="button" onClick={() => void sendTest()}>
          {wt("sendTest")}
        </button>
        <button type="button" aria-expanded={showLog.value} onClick={() => (showLog.value = !showLog.value)}>
          {showLog.value ? wt("hideLog") : wt("log")}
        </button>
        <button type="button" onClick={() => void act("PATCH", base, { enabled: !hook.enabled })}>
          {hook.enabled ? ct("disable") : ct("enable")}
        </button>
        <button
          type="button"
          onClick={() =>
            confirm(wt("rotateConfirm")) &&
            void api<{ webhook: Hook }>(`${base}/rotate-secret`, { method: "POST" }).then(
              (r) => r.ok && r.data.webhook.secret && onSecret(r.data.webhook.secret),
            )
          }
        >
          {wt("rotate")}
        </button>
        <button type="button" class="danger" onClick={() => confirm(wt("deleteConfirm", { url: hook.url })) && void act("DELETE", base)}>
          {ui.t("delete")}
        </button>
      </div>
      {test.value && <p role="status">{test.value}</p>}
      {showLog.value && <WebhookDeliveries key={logKey.value} siteId={siteId} webhookId={hook.id} />}
    </article>
  );
}

export function WebhooksPage({ siteId }: PageProps) {
  const hooks = useMemo(() => createRemote<{ items: Hook[] }>(`/sites/${siteId}/webhooks`), [siteId]);
  useEffect(() => void hooks.load(), [hooks]);
  const url = useSignal("");
  const description = useSignal("");
  const events = useSignal<string[]>([]);
  /** Secrets just made (webhook id → secret): shown on their card until the page goes, never fetched again. */
  const fresh = useSignal<Record<string, string>>({});
  const remember = (id: string, secret: string) => (fresh.value = { ...fresh.value, [id]: secret });

  const add = async (e: Event) => {
    e.preventDefault();
    const ok = await hooks.run<{ webhook: Hook }>(
      "POST",
      `/sites/${siteId}/webhooks`,
      { url: url.value, description: description.value, events: events.value },
      (r) => r.webhook.secret && remember(r.webhook.id, r.webhook.secret),
      false,
    );
    if (ok) {
      url.value = description.value = "";
      events.value = [];
      void hooks.load();
    }
  };
  const toggle = (ev: string) => (events.value = events.value.includes(ev) ? events.value.filter((x) => x !== ev) : [...events.value, ev]);
  const items = hooks.value.value?.items ?? [];

  return (
    <SettingsLayout title={wt("title")}>
      <p class="hint">{wt("intro")}</p>
      <Section title={wt("add")}>
        <form class="form" onSubmit={add}>
          <Field label={wt("url")} name="url" error={hooks.error.value}>
            <input
              name="url"
              type="url"
              required
              placeholder="https://example.com/parley-events"
              value={url.value}
              onInput={(e) => (url.value = e.currentTarget.value)}
            />
          </Field>
          <Field label={wt("description")} name="description" error={hooks.error.value}>
            <input name="description" value={description.value} onInput={(e) => (description.value = e.currentTarget.value)} />
          </Field>
          <fieldset class="webhooks-events">
            <legend>{wt("events")}</legend>
            {EVENTS.map((ev) => (
              <label key={ev} class="check">
                <input type="checkbox" checked={events.value.includes(ev)} onChange={() => toggle(ev)} />
                <code>{ev}</code>
              </label>
            ))}
          </fieldset>
          <ErrorNote error={hooks.error.value} fields={["url", "description"]} />
          <div>
            <button type="submit">{wt("addButton")}</button>
          </div>
        </form>
      </Section>
      <Section title={wt("title")}>
        {items.length === 0 && <p class="muted">{wt("none")}</p>}
        <div class="channels-list">
          {items.map((h) => (
            <HookCard key={h.id} hook={h} siteId={siteId} reload={hooks.load} secret={fresh.value[h.id] ?? null} onSecret={(s) => remember(h.id, s)} />
          ))}
        </div>
      </Section>
    </SettingsLayout>
  );
}
