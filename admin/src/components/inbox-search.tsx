// Search in the inbox's left column: the box (focused by "/"), filters, and the results — contacts and
// messages with the matched text — in place of the list until it is closed.

import type { Ref } from "preact";
import type { TeamInfo } from "../../../protocol/src/console-frames.ts";
import type { SearchFilters, SearchModel } from "../models/search.ts";
import { navigate } from "../router.ts";
import { channelLabel, statusLabel, t as ct } from "./conversation-strings.ts";
import { t } from "./inbox-strings.ts";
import { when } from "./ui.tsx";

export function SearchBox({ search, teams, inputRef }: { search: SearchModel; teams: TeamInfo[]; inputRef: Ref<HTMLInputElement> }) {
  const f = search.filters.value;
  const set = (k: keyof SearchFilters, v: string) => (search.filters.value = { ...search.filters.value, [k]: v });
  return (
    <form
      class="inbox-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void search.run();
      }}
    >
      <div class="inbox-search-row">
        <input
          ref={inputRef}
          type="search"
          name="q"
          aria-label={t("search")}
          placeholder={t("search")}
          value={search.q.value}
          onInput={(e) => (search.q.value = e.currentTarget.value)}
        />
        <button type="submit">{t("searchButton")}</button>
      </div>
      <details class="inbox-filters">
        <summary>{t("filters")}</summary>
        <select aria-label={t("statusFilter")} value={f.status} onChange={(e) => set("status", e.currentTarget.value)} name="status">
          <option value="">{t("anyStatus")}</option>
          <option value="open">{t("openStatus")}</option>
          {["queued", "assigned", "pending", "snoozed", "resolved", "closed"].map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
        <select aria-label={t("assigneeFilter")} name="assignee" value={f.assignee} onChange={(e) => set("assignee", e.currentTarget.value)}>
          <option value="">{t("anyone")}</option>
          <option value="me">{t("me")}</option>
          <option value="none">{t("nobody")}</option>
        </select>
        <select aria-label={t("teamFilter")} name="team" value={f.team} onChange={(e) => set("team", e.currentTarget.value)}>
          <option value="">{t("anyTeam")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <select aria-label={t("channelFilter")} name="channel" value={f.channel} onChange={(e) => set("channel", e.currentTarget.value)}>
          <option value="">{t("anyChannel")}</option>
          {["web", "email", "telegram", "whatsapp", "sms", "api"].map((c) => (
            <option key={c} value={c}>
              {channelLabel(c)}
            </option>
          ))}
        </select>
        <select aria-label={t("authorFilter")} name="author" value={f.author} onChange={(e) => set("author", e.currentTarget.value)}>
          <option value="">{t("anyAuthor")}</option>
          <option value="visitor">{t("fromCustomer")}</option>
          <option value="agent">{t("fromAgent")}</option>
          <option value="bot">{t("fromBot")}</option>
          <option value="note">{t("notesOnly")}</option>
        </select>
        <label>
          {t("from")} <input type="date" name="from" value={f.from} onInput={(e) => set("from", e.currentTarget.value)} />
        </label>
        <label>
          {t("to")} <input type="date" name="to" value={f.to} onInput={(e) => set("to", e.currentTarget.value)} />
        </label>
      </details>
    </form>
  );
}

export function SearchResults({ search }: { search: SearchModel }) {
  const open = (id: string) => navigate(`/admin/conversations/${id}`);
  return (
    <section class="inbox-results" aria-live="polite" aria-busy={search.loading.value}>
      <div class="inbox-results-head">
        <strong>{search.ran.value ? t("results", { n: search.messages.value.length }) : "…"}</strong>
        <button type="button" onClick={search.clear}>
          {t("clearSearch")}
        </button>
      </div>
      {search.error.value && (
        <p class="error" role="alert">
          {search.error.value.message}
        </p>
      )}
      {search.contacts.value.length > 0 && (
        <>
          <h3>{t("contactsFound")}</h3>
          <ul class="items">
            {search.contacts.value.map((c) => (
              <li key={c.id}>
                <a href={`/admin/contacts/${c.id}`} class="item" onClick={(e) => (e.preventDefault(), navigate(`/admin/contacts/${c.id}`))}>
                  <strong>{c.name || c.email || c.phone || c.id}</strong>
                  <span class="preview">{[c.email, c.phone].filter(Boolean).join(" · ")}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {search.ran.value && search.messages.value.length === 0 && !search.loading.value && <p class="empty">{t("noResults", { q: search.ran.value })}</p>}
      <ul class="items" data-testid="search-results">
        {search.messages.value.map((m) => (
          <li key={`${m.conversationId}:${m.seq}`}>
            <a
              href={`/admin/conversations/${m.conversationId}`}
              class="item inbox-hit"
              data-conversation={m.conversationId}
              onClick={(e) => {
                e.preventDefault();
                open(m.conversationId);
              }}
            >
              <span class="line1 inbox-hit-head">
                <strong>{m.conversation.contactName || `${ct("visitor")} ${m.conversationId.slice(-6)}`}</strong>
                <span class="state">{statusLabel(m.conversation.status)}</span>
                {m.private && <span class="badge">{ct("noteBadge")}</span>}
                <time class="muted">{when(m.createdAt)}</time>
              </span>
              <span class="inbox-snippet">
                {m.author === "visitor" ? ct("visitor") : m.author === "bot" ? ct("bot") : t("fromAgent")}: {m.snippet}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {search.next.value && (
        <button type="button" onClick={() => void search.run(true)}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
