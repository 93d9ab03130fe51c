// The SLA policy page's model: the site's policy as a form draft, loading, validation and saving.

import { signal } from "@preact/signals";
import { PRIORITIES, type Priority } from "../../../protocol/src/types.ts";
import { parseSlaPolicy, type SlaPolicy } from "../../../protocol/src/sla.ts";
import { api, type ApiError } from "../api/client.ts";

/** Languages the follow-up message is edited in. */
export const MESSAGE_LOCALES = ["en", "zh-CN", "zh-TW"] as const;

/** The form's values: text as typed (targets in minutes, inactivity in hours, follow-up in days). */
export interface SlaDraft {
  targets: Record<"standard" | "complaint", Record<"firstResponse" | "resolution", Record<Priority, string>>>;
  warningMinutes: string;
  inactivityEnabled: boolean;
  inactivityHours: string;
  followUpEnabled: boolean;
  followUpDays: string;
  message: Record<(typeof MESSAGE_LOCALES)[number], string>;
}

function toDraft(p: SlaPolicy): SlaDraft {
  const targets = {} as SlaDraft["targets"];
  for (const kind of ["standard", "complaint"] as const) {
    targets[kind] = { firstResponse: {} as Record<Priority, string>, resolution: {} as Record<Priority, string> };
    for (const what of ["firstResponse", "resolution"] as const)
      for (const pr of PRIORITIES) targets[kind][what][pr] = p[kind][what][pr] === null ? "" : String(p[kind][what][pr]);
  }
  const msg = typeof p.followUp.message === "string" ? { en: p.followUp.message } : p.followUp.message;
  return {
    targets,
    warningMinutes: String(p.warningMinutes),
    inactivityEnabled: p.inactivity.enabled,
    inactivityHours: String(Math.round((p.inactivity.minutes / 60) * 100) / 100),
    followUpEnabled: p.followUp.enabled,
    followUpDays: String(Math.round((p.followUp.delayMinutes / 1440) * 100) / 100),
    message: { en: msg.en ?? "", "zh-CN": msg["zh-CN"] ?? "", "zh-TW": msg["zh-TW"] ?? "" },
  };
}

/** Turns the form into a policy body; unparseable numbers go through as NaN so the parser names them. */
function fromDraft(d: SlaDraft): unknown {
  const num = (v: string, scale = 1) => (v.trim() === "" ? Number.NaN : Math.round(Number(v) * scale));
  const side = (kind: "standard" | "complaint") => {
    const out: Record<string, Record<string, number | null>> = {};
    for (const what of ["firstResponse", "resolution"] as const) {
      out[what] = {};
      for (const pr of PRIORITIES) out[what][pr] = d.targets[kind][what][pr].trim() === "" ? null : num(d.targets[kind][what][pr]);
    }
    return out;
  };
  const message: Record<string, string> = {};
  for (const l of MESSAGE_LOCALES) if (d.message[l].trim()) message[l] = d.message[l];
  return {
    standard: side("standard"),
    complaint: side("complaint"),
    warningMinutes: num(d.warningMinutes),
    inactivity: { enabled: d.inactivityEnabled, minutes: num(d.inactivityHours, 60) },
    followUp: { enabled: d.followUpEnabled, delayMinutes: num(d.followUpDays, 1440), message },
  };
}

export function createSlaPolicyModel(siteId: string) {
  const draft = signal<SlaDraft | null>(null);
  const error = signal<ApiError | null>(null);
  const saving = signal(false);
  const savedAt = signal<number | null>(null);

  const load = async () => {
    const r = await api<{ policy: SlaPolicy }>(`/sites/${encodeURIComponent(siteId)}/sla-policy`);
    if (r.ok) draft.value = toDraft(r.data.policy);
    else error.value = r.error;
  };

  const save = async () => {
    if (!draft.value) return;
    savedAt.value = null;
    // Checked here first with the server's own parser, so mistakes show at once; the server checks again.
    const parsed = parseSlaPolicy(fromDraft(draft.value));
    if (!parsed.ok) return void (error.value = { code: "invalid_policy", message: parsed.message, field: parsed.field });
    saving.value = true;
    const r = await api<{ policy: SlaPolicy }>(`/sites/${encodeURIComponent(siteId)}/sla-policy`, { method: "PUT", body: parsed.policy });
    saving.value = false;
    if (!r.ok) return void (error.value = r.error);
    error.value = null;
    draft.value = toDraft(r.data.policy);
    savedAt.value = Date.now();
  };

  const edit = (change: (d: SlaDraft) => void) => {
    if (!draft.value) return;
    const next = structuredClone(draft.value);
    change(next);
    draft.value = next;
    savedAt.value = null;
  };

  void load();
  return { draft, error, saving, savedAt, save, edit };
}

export type SlaPolicyModel = ReturnType<typeof createSlaPolicyModel>;
