// The contact sidebar: who the customer is (profile, tier, attributes), where this conversation came
// from, and their other conversations on every channel — so nobody has to ask them again.

import type { ConversationModel } from "../models/conversation.ts";
import { navigate } from "../router.ts";
import { tierLabel } from "../pages/contact-strings.ts";
import { channelLabel, statusLabel, t } from "./conversation-strings.ts";

const go = (href: string) => (e: MouseEvent) => {
  e.preventDefault();
  navigate(href);
};

export function ConversationSidebar({ model }: { model: ConversationModel }) {
  const d = model.detail.value;
  if (!d) return <aside class="conv-side" />;
  const contact = d.contact;
  const c = d.conversation;
  const attrs = Object.entries(contact?.attributes ?? {});
  return (
    <aside class="conv-side" aria-label={t("customer")}>
      <section>
        <h3>{t("customer")}</h3>
        {contact ? (
          <dl class="conv-facts">
            {contact.name && (
              <>
                <dt>{t("customer")}</dt>
                <dd>{contact.name}</dd>
              </>
            )}
            <dt>{t("tier")}</dt>
            <dd>
              <span class={`tag conv-tier-${contact.tier}`}>{tierLabel(contact.tier)}</span>
            </dd>
            {contact.email && (
              <>
                <dt>{t("email")}</dt>
                <dd>{contact.email}</dd>
              </>
            )}
            {contact.phone && (
              <>
                <dt>{t("phone")}</dt>
                <dd>{contact.phone}</dd>
              </>
            )}
            {contact.externalId && (
              <>
                <dt>{t("externalId")}</dt>
                <dd>{contact.externalId}</dd>
              </>
            )}
            {attrs.map(([k, v]) => (
              <div key={k} class="conv-attr">
                <dt>{k}</dt>
                <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p class="muted">{t("noContact")}</p>
        )}
        {contact && (
          <a href={`/admin/contacts/${contact.id}`} onClick={go(`/admin/contacts/${contact.id}`)}>
            {t("contactProfile")}
          </a>
        )}
      </section>
      <section>
        <dl class="conv-facts">
          <dt>{t("channel")}</dt>
          <dd>{channelLabel(c.channel)}</dd>
          <dt>{t("language")}</dt>
          <dd>{c.locale}</dd>
          {c.pageUrl && (
            <>
              <dt>{t("page")}</dt>
              <dd class="conv-url">{c.pageUrl}</dd>
            </>
          )}
        </dl>
      </section>
      <section>
        <h3>{t("previous")}</h3>
        {model.history.value.length === 0 ? (
          <p class="muted">{t("noPrevious")}</p>
        ) : (
          <ul class="conv-history" data-testid="previous-conversations">
            {model.history.value.map((h) => (
              <li key={h.id}>
                <a href={`/admin/conversations/${h.id}`} onClick={go(`/admin/conversations/${h.id}`)}>
                  <span class="tag">{channelLabel(h.channel)}</span> {statusLabel(h.status)} · {new Date(h.createdAt).toLocaleDateString()}
                  <span class="preview">{h.lastMessageText ?? "…"}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
