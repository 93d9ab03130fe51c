// The "connect a channel" form: the fields each kind needs (provider credentials go in, never come
// back out), and what to paste into the provider once connected (webhook URL, generated secrets).

import { useSignal } from "@preact/signals";
import type { ApiError } from "../api/client.ts";
import { ct } from "../pages/channel-strings.ts";
import { CopyBox, ErrorNote, Field } from "./ui.tsx";

export type Kind = "email" | "telegram" | "whatsapp" | "sms" | "api";
export const KINDS: Kind[] = ["email", "telegram", "whatsapp", "sms", "api"];

type FieldKey =
  "address" | "fromName" | "botToken" | "phoneNumberId" | "accessToken" | "appSecret" | "accountSid" | "authToken" | "fromNumber" | "outboundUrl" | "baseUrl";

/** Per kind: the inputs, and which of them are secrets (typed into password fields). */
const FIELDS: Record<Kind, FieldKey[]> = {
  email: ["address", "fromName"],
  telegram: ["botToken", "baseUrl"],
  whatsapp: ["phoneNumberId", "accessToken", "appSecret", "baseUrl"],
  sms: ["accountSid", "authToken", "fromNumber", "baseUrl"],
  api: ["outboundUrl"],
};
const SECRET = new Set<FieldKey>(["botToken", "accessToken", "appSecret", "authToken"]);
const OPTIONAL = new Set<FieldKey>(["fromName", "outboundUrl", "baseUrl"]);

/** What the provider needs from us, shown after connecting and on each channel card. */
export function ProviderSetup({ webhookUrl, generated }: { webhookUrl: string | null; generated: Record<string, string | null> }) {
  return (
    <div class="channels-setup">
      {webhookUrl && (
        <div>
          <span class="label">{ct("webhookUrl")}</span>
          <CopyBox text={webhookUrl} label={ct("webhookUrl")} testId="channel-webhook-url" />
        </div>
      )}
      {Object.entries(generated).map(([k, v]) =>
        v ? (
          <div key={k}>
            <span class="label">{ct(k as "webhookSecret")}</span>
            <CopyBox text={v} label={ct(k as "webhookSecret")} testId={`channel-${k}`} />
          </div>
        ) : null,
      )}
    </div>
  );
}

export function ChannelForm({ error, onSubmit }: { error: ApiError | null; onSubmit: (body: Record<string, string>) => Promise<boolean> }) {
  const kind = useSignal<Kind>("email");
  const values = useSignal<Record<string, string>>({});
  const set = (k: string, v: string) => (values.value = { ...values.value, [k]: v });

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = { kind: kind.value, name: values.value.name ?? "" };
    for (const f of FIELDS[kind.value]) if (values.value[f]?.trim()) body[f] = values.value[f]!.trim();
    if (await onSubmit(body)) values.value = {};
  };

  return (
    <form class="form" onSubmit={submit}>
      <div class="row">
        <Field label={ct("kind")} name="kind" error={error}>
          <select name="kind" value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {ct(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={ct("name")} name="name" error={error}>
          <input name="name" required value={values.value.name ?? ""} onInput={(e) => set("name", e.currentTarget.value)} />
        </Field>
      </div>
      {FIELDS[kind.value].map((f) => (
        <Field key={`${kind.value}-${f}`} label={ct(f)} name={f} error={error} {...(f === "address" ? { hint: ct("addressHint") } : {})}>
          {SECRET.has(f) ? (
            <input name={f} type="password" autocomplete="off" required value={values.value[f] ?? ""} onInput={(e) => set(f, e.currentTarget.value)} />
          ) : f === "address" ? (
            <input name={f} type="email" autocomplete="off" required value={values.value[f] ?? ""} onInput={(e) => set(f, e.currentTarget.value)} />
          ) : (
            <input
              name={f}
              type="text"
              autocomplete="off"
              required={!OPTIONAL.has(f)}
              value={values.value[f] ?? ""}
              onInput={(e) => set(f, e.currentTarget.value)}
            />
          )}
        </Field>
      ))}
      <ErrorNote error={error} fields={["kind", "name", ...FIELDS[kind.value]]} />
      <div>
        <button type="submit">{ct("connectButton")}</button>
      </div>
    </form>
  );
}
