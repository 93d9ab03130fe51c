// The reply box: reply or private note, canned replies by `/shortcut` with their variables filled in,
// attachments (uploaded as soon as they are picked), and the typing indicator for the customer.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { Ref } from "preact";
import { renderCanned } from "../../../protocol/src/canned.ts";
import type { Attachment } from "../../../protocol/src/types.ts";
import { cannedReplies, matchCanned, slashQuery, type CannedReply } from "../models/canned.ts";
import type { Contact, ConversationModel } from "../models/conversation.ts";
import { t } from "./conversation-strings.ts";

/** How long after the last keystroke the customer stops seeing "typing…". */
const TYPING_IDLE_MS = 3000;

export interface ComposerProps {
  model: ConversationModel;
  siteId: string;
  mode: "reply" | "note";
  setMode: (m: "reply" | "note") => void;
  textRef: Ref<HTMLTextAreaElement>;
  vars: { agentName: string; siteName: string; contact: Contact | null };
  disabled: boolean;
}

export function Composer({ model, siteId, mode, setMode, textRef, vars, disabled }: ComposerProps) {
  const draft = useSignal("");
  const files = useSignal<Attachment[]>([]);
  const uploading = useSignal(0);
  const caret = useSignal(0);
  const pick = useSignal(0);
  const closedFor = useSignal<string | null>(null);
  const canned = cannedReplies(siteId);
  const fileInput = useRef<HTMLInputElement>(null);
  const typingOn = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const slash = slashQuery(draft.value, caret.value);
  const suggestions = slash && closedFor.value !== draft.value ? matchCanned(canned.value, slash.query) : [];
  useEffect(() => void (pick.value = 0), [slash?.query]);
  useEffect(() => () => clearTimeout(idle.current), []);

  const typing = (on: boolean) => {
    clearTimeout(idle.current);
    if (on) idle.current = setTimeout(() => typing(false), TYPING_IDLE_MS);
    if (typingOn.current === on) return;
    typingOn.current = on;
    model.typing(on);
  };

  const insert = (r: CannedReply) => {
    if (!slash) return;
    const text = renderCanned(r.text, {
      "contact.name": vars.contact?.name,
      "contact.email": vars.contact?.email,
      "contact.phone": vars.contact?.phone,
      "agent.name": vars.agentName,
      "site.name": vars.siteName,
    });
    const end = caret.value;
    draft.value = draft.value.slice(0, slash.start) + text + draft.value.slice(end);
    const at = slash.start + text.length;
    caret.value = at;
    requestAnimationFrame(() => {
      const el = (textRef as { current: HTMLTextAreaElement | null }).current;
      el?.focus();
      el?.setSelectionRange(at, at);
    });
  };

  const send = async () => {
    const text = draft.value.trim();
    if ((!text && !files.value.length) || uploading.value > 0) return;
    if (mode === "reply") typing(false);
    // Cleared at once, so what the agent types next is never wiped; put back if the send failed.
    const sent = { text: draft.value, files: files.value };
    draft.value = "";
    files.value = [];
    if (!(await model.send(text, mode === "note", sent.files)) && !draft.value) {
      draft.value = sent.text;
      files.value = sent.files;
    }
  };

  const attach = async (list: FileList | null) => {
    for (const f of Array.from(list ?? [])) {
      uploading.value++;
      const a = await model.upload(f);
      uploading.value--;
      if (a) files.value = [...files.value, a];
    }
    if (fileInput.current) fileInput.current.value = "";
  };

  return (
    <form
      class={`composer ${mode}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === "reply"} onClick={() => setMode("reply")}>
          {t("reply")}
        </button>
        <button type="button" role="tab" aria-selected={mode === "note"} onClick={() => setMode("note")}>
          {t("note")}
        </button>
        {mode === "note" && <span class="muted conv-note-hint">{t("noteHint")}</span>}
      </div>
      {slash && slash.query && suggestions.length === 0 && closedFor.value !== draft.value && (
        <p class="muted conv-canned-none" role="status">
          {t("noCanned", { q: slash.query })}
        </p>
      )}
      {suggestions.length > 0 && (
        <ul class="conv-canned" role="listbox" aria-label={t("cannedHint")}>
          {suggestions.map((r, i) => (
            <li key={r.id} role="option" aria-selected={i === pick.value} data-shortcut={r.shortcut} onMouseDown={(e) => (e.preventDefault(), insert(r))}>
              <code>/{r.shortcut}</code> <strong>{r.title}</strong> <span class="muted">{r.text.slice(0, 80)}</span>
            </li>
          ))}
        </ul>
      )}
      <textarea
        ref={textRef}
        name="reply"
        disabled={disabled}
        aria-label={mode === "note" ? t("note") : t("reply")}
        placeholder={mode === "note" ? t("notePlaceholder") : t("replyPlaceholder")}
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          caret.value = e.currentTarget.selectionStart;
          closedFor.value = null;
          if (mode === "reply") typing(draft.value.length > 0);
        }}
        onKeyUp={(e) => (caret.value = e.currentTarget.selectionStart)}
        onClick={(e) => (caret.value = e.currentTarget.selectionStart)}
        onBlur={() => mode === "reply" && typing(false)}
        onKeyDown={(e) => {
          if (suggestions.length) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              pick.value = (pick.value + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              insert(suggestions[pick.value]!);
              return;
            }
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              closedFor.value = draft.value;
              return;
            }
          }
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      {(files.value.length > 0 || uploading.value > 0) && (
        <ul class="conv-files">
          {files.value.map((f) => (
            <li key={f.id}>
              {f.name}
              <button
                type="button"
                class="conv-x"
                aria-label={t("removeFile", { name: f.name })}
                onClick={() => (files.value = files.value.filter((x) => x.id !== f.id))}
              >
                ×
              </button>
            </li>
          ))}
          {uploading.value > 0 && <li class="muted">{t("uploading")}</li>}
        </ul>
      )}
      <div class="conv-send">
        <input ref={fileInput} type="file" multiple hidden onChange={(e) => void attach(e.currentTarget.files)} aria-label={t("attach")} />
        <button type="button" class="secondary" onClick={() => fileInput.current?.click()} disabled={disabled}>
          {t("attach")}
        </button>
        <button type="submit" disabled={disabled || uploading.value > 0}>
          {mode === "note" ? t("addNote") : t("send")}
        </button>
      </div>
    </form>
  );
}
