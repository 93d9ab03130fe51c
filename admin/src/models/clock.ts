// A shared "now" for countdowns (SLA timers, snoozes): one timer for the whole console, once a second.

import { signal } from "@preact/signals";

export const now = signal(Date.now());

setInterval(() => (now.value = Date.now()), 1000);
