// window.Parley(command, ...args): the public JavaScript API (CONTRACT.md §2). Calls made before the
// widget loaded were queued by embed.js in Parley.q and are replayed here in order.

import type { ParleyChat } from "./launcher/parley-chat.ts";

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
    case "identify":
      return el?.identify(args[0]);
    case "setAttributes":
      return el?.setAttributes(args[0]);
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
      console.warn(`[parley] unknown command "${command}"`);
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
          console.warn("[parley] an event handler failed", err);
        }
      }
    });
  // `on` handlers first, so events fired while the element boots reach them; then the rest in order.
  for (const c of queued) if (c[0] === "on") api(...c);
  const rest = queued.filter((c) => c[0] !== "on");
  // Commands queued before the element existed (open, identify…) run once it is upgraded.
  const replay = () => rest.forEach((c) => api(...c));
  if (element()) customElements.whenDefined("parley-chat").then(replay, () => undefined);
  else replay();
}
