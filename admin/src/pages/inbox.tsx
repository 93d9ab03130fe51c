// The agent's inbox: status and search on top, the views (mine, unassigned, my teams, all, resolved)
// with counts and unread marks, the open conversation with its customer; notifications, the unread
// count in the tab title, and keyboard shortcuts (? lists them).

import { signal, useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { ConversationView, type Command } from "../components/conversation-view.tsx";
import { InboxList } from "../components/inbox-list.tsx";
import { NotifyOffer } from "../components/inbox-notify.tsx";
import { InboxPresence } from "../components/inbox-presence.tsx";
import { SearchBox, SearchResults } from "../components/inbox-search.tsx";
import { ShortcutsHelp, useShortcuts } from "../components/inbox-shortcuts.tsx";
import { t } from "../components/inbox-strings.ts";
import { createInboxModel, VIEWS } from "../models/inbox.ts";
import { notify, setTitleCount } from "../models/notify.ts";
import { createSearchModel } from "../models/search.ts";
import { navigate, path } from "../router.ts";
import type { PageProps } from "../routes.tsx";

const visible = () => document.visibilityState === "visible";

export function InboxPage({ siteId, myId, params }: PageProps) {
  const openId = params.id ?? null;
  const inbox = useMemo(() => {
    const open = (id: string) => navigate(`/admin/conversations/${id}`);
    const isOpen = (id: string) => path.value === `/admin/conversations/${id}` && visible();
    return createInboxModel(siteId, myId, {
      assigned: (c) =>
        !isOpen(c.id) && notify(t("assignedTitle"), `${c.contactName || t("customer")}: ${c.lastMessageText ?? ""}`, `assigned:${c.id}`, () => open(c.id)),
      waiting: (c) => notify(t("waitingTitle"), `${c.contactName || t("customer")}: ${c.lastMessageText ?? ""}`, `waiting:${c.id}`, () => open(c.id)),
      message: (c) =>
        !isOpen(c.id) && notify(t("messageTitle", { name: c.contactName || t("customer") }), c.lastMessageText ?? "", `message:${c.id}`, () => open(c.id)),
    });
  }, [siteId, myId]);
  const search = useMemo(() => createSearchModel(siteId), [siteId]);
  const command = useMemo(() => signal<Command>(null), []);
  const help = useSignal(false);
  const searchInput = useRef<HTMLInputElement>(null);
  useEffect(() => () => inbox.dispose(), [inbox]);

  // The tab title counts conversations with unread customer messages (mine and the queue).
  const attention = inbox.attention.value;
  useEffect(() => setTitleCount(attention), [attention]);
  useEffect(() => () => setTitleCount(0), []);

  // Reading the open conversation marks it read (when the console is actually being looked at).
  const current = openId ? inbox.items.value.get(openId) : undefined;
  useEffect(() => {
    const mark = () => current && visible() && inbox.markRead(current);
    mark();
    window.addEventListener("focus", mark);
    document.addEventListener("visibilitychange", mark);
    return () => {
      window.removeEventListener("focus", mark);
      document.removeEventListener("visibilitychange", mark);
    };
  }, [current?.id, current?.lastMessageAt]);

  const step = (by: number) => {
    const list = inbox.visible.value;
    if (!list.length) return;
    const i = list.findIndex((c) => c.id === openId);
    const next = list[i < 0 ? 0 : Math.min(list.length - 1, Math.max(0, i + by))]!;
    navigate(`/admin/conversations/${next.id}`);
  };
  useShortcuts({
    next: () => step(1),
    prev: () => step(-1),
    reply: () => (command.value = { kind: "reply", at: Date.now() }),
    note: () => (command.value = { kind: "note", at: Date.now() }),
    resolve: () => (command.value = { kind: "resolve", at: Date.now() }),
    claim: () => (command.value = { kind: "claim", at: Date.now() }),
    search: () => searchInput.current?.focus(),
    view: (i) => (inbox.view.value = VIEWS[i] ?? inbox.view.value),
    help: () => (help.value = true),
  });

  return (
    <div class="inbox">
      <nav class="list" aria-label={t("inbox")}>
        <InboxPresence inbox={inbox} />
        <NotifyOffer />
        <SearchBox search={search} teams={inbox.teams.value} inputRef={searchInput} />
        {search.ran.value !== null || search.loading.value ? <SearchResults search={search} /> : <InboxList inbox={inbox} openId={openId} />}
      </nav>
      {openId ? (
        <ConversationView key={openId} id={openId} siteId={siteId} inbox={inbox} command={command} />
      ) : (
        <p class="placeholder">{t("pickConversation")}</p>
      )}
      {help.value && <ShortcutsHelp onClose={() => (help.value = false)} />}
    </div>
  );
}
