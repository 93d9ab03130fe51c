// The seam between the launcher (first bundle) and the panel (loaded on first interaction): types
// only, so it costs nothing in either bundle.

import type { WidgetConfig } from "../../protocol/src/widget-config.ts";
import type { Locale } from "./i18n/locale.ts";

/** Public event names (dispatched as `parley:<name>`; CONTRACT.md §2). */
export type EventName = "ready" | "open" | "close" | "message" | "unread" | "handoff" | "resolved" | "error";

/** What the launcher element offers the panel. */
export interface PanelHost {
  readonly site: string;
  readonly apiBase: string;
  readonly config: WidgetConfig;
  /** The shadow root the panel adds its styles to. */
  readonly shadow: ShadowRoot;
  /** Where the panel renders (inside the shadow root, before the launcher button). */
  readonly container: HTMLElement;
  locale(): Locale;
  isOpen(): boolean;
  /** Opens or closes the panel as the visitor would (events, remembered state, focus). */
  setOpen(open: boolean): void;
  emit(name: EventName, detail: unknown): void;
  /** The count on the launcher's badge. */
  setUnread(count: number): void;
}

/** What the panel module gives back. Every method is safe to call at any time and never throws. */
export interface Panel {
  /** The panel became visible (focus, mark messages seen) or hidden. */
  visibility(open: boolean): void;
  /** The UI language changed. */
  localeChanged(): void;
  identify(input: unknown): void;
  setAttributes(input: unknown): void;
  /** Forgets this device's visitor and conversation. */
  reset(): void;
  /** The element left the page: close sockets and timers. */
  disconnect(): void;
}

export type MountPanel = (host: PanelHost) => Panel;
