// The state of the panel's forms — pre-chat (before the first message), offline (outside business
// hours: message + email, answered by email), satisfaction survey (once resolved) — and which one
// shows. Their templates and submit logic are a lazy chunk (forms-view.ts, form-actions.ts).

import { newClientId } from "../connection/outbox.ts";
import type { PanelView } from "./panel.ts";

export type Mode = "problem" | "offline" | "prechat" | "chat";

export class FormsController {
  /** Field name → message; `_` for the form as a whole. */
  errors: Record<string, string> = {};
  busy = false;
  /** Where the offline form's answer will go. */
  offlineEmail: string | null = null;
  csatRating = 0;
  csatDone = false;
  /** The offline form's idempotency key: a retry after a failure stores the message once. */
  offlineClientId = newClientId();
  private readonly v: PanelView;

  constructor(v: PanelView) {
    this.v = v;
  }

  /** What the panel shows under the messages. */
  mode(): Mode {
    const c = this.v.conn;
    const cfg = this.v.host.config;
    if (c.problem) return "problem";
    if (c.started || c.resuming) return "chat";
    if (!cfg.open && cfg.offline) return "offline";
    if (cfg.prechat) return "prechat";
    return "chat";
  }

  /** True when the resolved conversation still waits for a rating from this visitor. */
  csatWanted(): boolean {
    const c = this.v.conn;
    const status = c.conversation?.status;
    if (!this.v.host.config.csat || (status !== "resolved" && status !== "closed")) {
      this.csatDone = false;
      return false;
    }
    for (let i = c.messages.length - 1; i >= 0; i--) {
      const e = c.messages[i]!.event;
      if (e === "csat") return false;
      if (e === "resolved") break;
    }
    return true;
  }

  reset(): void {
    this.errors = {};
    this.busy = false;
    this.offlineEmail = null;
    this.csatRating = 0;
    this.csatDone = false;
    this.offlineClientId = newClientId();
  }
}
