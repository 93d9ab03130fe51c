// window.Parley(command, ...args): the public JavaScript API (CONTRACT.md §2). Calls made before the
// widget loaded were queued by embed.js in Parley.q and are replayed here in order.

import type { ParleyChat } from "./parley-chat/parley-chat.ts";

type Handler = (detail: unknown) => void;
type Command = [string, ...unknown[]];

interface ParleyFn {
  (command: string, ...args: unknown[]): void;
  q?: Command[];
  loaded?: boolean;
}

const EVENTS = ["ready", "open", "close", "message", "unread", "handoff", "resolved", "error"];
const handlers = new Map<string, Set<Handler>>();

function element(): ParleyChat | null {
  return document.querySelector("parley-chat");
}

function run(command: string, args: unknown[]): void {
  const el = element();
  switch (command) {
    case "open":
      return el?.show();
    case "close":
      return el?.hide();
    case "toggle":
      return el?.toggle();
    case "setLocale":
      if (el && typeof args[0] === "string") el.locale = args[0];
      return;
    case "reset":
      return el?.reset();
    case "on":
    case "off": {
      const [name, fn] = args;
      if (typeof name !== "string" || typeof fn !== "function" || !EVENTS.includes(name)) return;
      const set = handlers.get(name) ?? new Set<Handler>();
      if (command === "on") set.add(fn as Handler);
      else set.delete(fn as Handler);
      handlers.set(name, set);
      return;
    }
    default:
      el?.dispatchEvent(new CustomEvent("parley:command", { detail: { command, args } }));
  }
}

/** Installs window.Parley, replays queued calls and forwards element events to `on` handlers. */
export function installApi(): void {
  const w = window as unknown as { Parley?: ParleyFn };
  if (w.Parley?.loaded) return;
  const queued = w.Parley?.q ?? [];
  const api: ParleyFn = (command: string, ...args: unknown[]) => {
    try {
      run(command, args);
    } catch (e) {
      console.warn("[parley]", e);
    }
  };
  api.loaded = true;
  w.Parley = api;
  for (const name of EVENTS)
    document.addEventListener(`parley:${name}`, (e) => {
      for (const fn of handlers.get(name) ?? []) {
        try {
          fn((e as CustomEvent).detail);
        } catch (err) {
          console.warn("[parley] handler failed", err);
        }
      }
    });
  // Commands queued before the element existed (open, setLocale…) run once it is upgraded.
  const replay = () => queued.forEach(([command, ...args]) => api(command, ...args));
  if (element()) customElements.whenDefined("parley-chat").then(replay, () => undefined);
  else replay();
}
