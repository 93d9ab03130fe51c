// The channels a contact has used (web, email, Telegram, WhatsApp, SMS, API), on the contact page.

import { useEffect, useMemo } from "preact/hooks";
import { defineStrings } from "../i18n.ts";
import { createRemote } from "../models/remote.ts";

const t = defineStrings(
  { channels: "Channels", web: "web chat", email: "email", telegram: "Telegram", whatsapp: "WhatsApp", sms: "SMS", api: "API" },
  { channels: "渠道", web: "网页聊天", email: "邮件", telegram: "Telegram", whatsapp: "WhatsApp", sms: "短信", api: "API" },
);
type Kind = "web" | "email" | "telegram" | "whatsapp" | "sms" | "api";
const KNOWN = new Set(["web", "email", "telegram", "whatsapp", "sms", "api"]);

export function ContactChannels({ contactId }: { contactId: string }) {
  const remote = useMemo(() => createRemote<{ channels: string[] }>(`/contacts/${contactId}/channels`), [contactId]);
  useEffect(() => void remote.load(), [remote]);
  const channels = remote.value.value?.channels ?? [];
  if (!channels.length) return null;
  return (
    <p class="contact-channels" data-testid="contact-channels">
      <span class="muted">{t("channels")}:</span>{" "}
      {channels.map((c) => (
        <span key={c} class="badge-soft" data-channel={c}>
          {KNOWN.has(c) ? t(c as Kind) : c}
        </span>
      ))}
    </p>
  );
}
