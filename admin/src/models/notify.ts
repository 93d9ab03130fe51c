// Desktop notifications, a sound and the unread count in the tab title. Permission is only asked when
// the agent presses the button that says what it is for (never on page load); the sound can be muted.

import { signal } from "@preact/signals";

type Permission = NotificationPermission | "unsupported";
const SOUND_KEY = "parley:console-sound";
const DISMISS_KEY = "parley:notify-asked";

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

export const permission = signal<Permission>(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
export const soundOn = signal(stored(SOUND_KEY) !== "off");
/** The agent said "not now" to the notification offer (remembered on this device). */
export const offerDismissed = signal(stored(DISMISS_KEY) === "1");

export async function askPermission(): Promise<void> {
  if (typeof Notification === "undefined") return;
  permission.value = await Notification.requestPermission();
  offerDismissed.value = true;
  store(DISMISS_KEY, "1");
}

export function dismissOffer(): void {
  offerDismissed.value = true;
  store(DISMISS_KEY, "1");
}

export function setSound(on: boolean): void {
  soundOn.value = on;
  store(SOUND_KEY, on ? "on" : "off");
}

let audio: AudioContext | null = null;

/** A short, soft two-note chime made on the fly (no audio file to load). */
export function chime(): void {
  if (!soundOn.value) return;
  try {
    audio ??= new AudioContext();
    const t0 = audio.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, t0 + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.12 + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + i * 0.12);
      osc.stop(t0 + i * 0.12 + 0.3);
    }
  } catch {
    // no audio here (autoplay rules, no device): the notification and the title still tell
  }
}

/** Desktop notification (when allowed) and chime; a click focuses the console and runs `open`. */
export function notify(title: string, body: string, tag: string, open: () => void): void {
  chime();
  if (permission.value !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      open();
      n.close();
    };
  } catch {
    // some browsers only allow notifications from a service worker: the chime and title remain
  }
}

/** "(3) Parley": the number of conversations with unread customer messages, in the tab title. */
export function setTitleCount(unread: number): void {
  document.title = unread > 0 ? `(${unread}) Parley` : "Parley";
}
