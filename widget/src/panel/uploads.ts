// Attachments from the visitor: pick, paste or drop a file; checked against the site's limits before
// it leaves the browser (the worker checks again, by the bytes), uploaded, and any refusal shown.

import { typeAllowed } from "../../../protocol/src/widget-config.ts";
import { newClientId } from "../connection/outbox.ts";
import { formatBytes } from "./format.ts";
import type { PanelView } from "./panel.ts";

export class Uploads {
  /** Files on their way up. */
  items: { id: string; name: string }[] = [];
  /** The last refusal, shown in an alert until the next action. */
  notice: string | null = null;
  private readonly v: PanelView;

  constructor(v: PanelView) {
    this.v = v;
  }

  get policy() {
    return this.v.host.config.attachments;
  }

  /** From the file picker, a paste or a drop. */
  addFiles(files: FileList | File[] | null | undefined): void {
    for (const file of Array.from(files ?? [])) this.upload(file).catch((e: unknown) => console.warn("[parley]", e));
  }

  async upload(file: File): Promise<void> {
    const policy = this.policy;
    if (!policy) return;
    const name = file.name || "file";
    this.notice = null;
    if (file.size > policy.maxBytes) return this.refuse(this.v.t("fileTooLarge", { name, max: formatBytes(policy.maxBytes) }));
    if (file.type && !typeAllowed(file.type, policy.types)) return this.refuse(this.v.t("fileType", { name }));
    const entry = { id: newClientId(), name };
    this.items = [...this.items, entry];
    this.v.requestUpdate();
    const conn = this.v.conn;
    const ready = await conn.ensureConversation();
    const r = ready.ok ? await conn.api.request(conn.conversationPath("/attachments"), { raw: file, query: { name, clientId: entry.id } }) : ready;
    this.items = this.items.filter((i) => i !== entry);
    if (!r.ok) {
      const reason =
        r.code === "too_large"
          ? this.v.t("fileTooLarge", { name, max: formatBytes(policy.maxBytes) })
          : r.code === "type_not_allowed"
            ? this.v.t("fileType", { name })
            : r.status === 429
              ? this.v.t("rateLimited", { n: r.retryAfter ?? 5 })
              : this.v.t("fileFailed", { name, reason: r.message });
      return this.refuse(reason);
    }
    this.v.requestUpdate();
  }

  private refuse(text: string): void {
    this.notice = text;
    this.v.host.emit("error", { code: "attachment", message: text });
    this.v.requestUpdate();
  }

  reset(): void {
    this.items = [];
    this.notice = null;
  }
}
