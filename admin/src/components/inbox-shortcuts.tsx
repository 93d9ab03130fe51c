// Keyboard shortcuts of the inbox and their help overlay (press ?). Single keys work only when no text
// box has the focus, so typing a reply never triggers them; Escape leaves the text box.

import { useEffect, useRef } from "preact/hooks";
import { t } from "./inbox-strings.ts";

export interface ShortcutActions {
  next(): void;
  prev(): void;
  reply(): void;
  note(): void;
  resolve(): void;
  claim(): void;
  search(): void;
  view(index: number): void;
  help(): void;
}

/** The shortcuts, as the help overlay lists them. */
export const SHORTCUTS: { keys: string[]; what: () => string }[] = [
  { keys: ["j"], what: () => t("kNext") },
  { keys: ["k"], what: () => t("kPrev") },
  { keys: ["r"], what: () => t("kReply") },
  { keys: ["n"], what: () => t("kNote") },
  { keys: ["e"], what: () => t("kResolve") },
  { keys: ["a"], what: () => t("kClaim") },
  { keys: ["/"], what: () => t("kSearch") },
  { keys: ["1", "…", "5"], what: () => t("kViews") },
  { keys: ["?"], what: () => t("kHelp") },
  { keys: ["Esc"], what: () => t("kEscape") },
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Installs the shortcuts on the document while the component using it is mounted. */
export function useShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (e.key === "Escape" && typingIn(e.target)) return void (e.target as HTMLElement).blur();
      if (typingIn(e.target)) return;
      const a = ref.current;
      const map: Record<string, () => void> = {
        j: a.next,
        k: a.prev,
        r: a.reply,
        n: a.note,
        e: a.resolve,
        a: a.claim,
        "/": a.search,
        "?": a.help,
      };
      const run = map[e.key] ?? (/^[1-5]$/.test(e.key) ? () => a.view(Number(e.key) - 1) : undefined);
      if (!run) return;
      e.preventDefault();
      run();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      before?.focus?.();
    };
  }, []);
  return (
    <div class="inbox-overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="inbox-dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">{t("shortcuts")}</h2>
        <dl class="inbox-keys">
          {SHORTCUTS.map((s) => (
            <div key={s.keys.join("")}>
              <dt>{s.keys.map((k) => (k === "…" ? " … " : <kbd key={k}>{k}</kbd>))}</dt>
              <dd>{s.what()}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={onClose}>
          {t("close")}
        </button>
      </div>
    </div>
  );
}
