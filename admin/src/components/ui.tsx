// Small form building blocks for the admin pages: labelled fields with their error, a save bar,
// an error banner and a copy box.

import type { ComponentChildren } from "preact";
import { useSignal } from "@preact/signals";
import type { ApiError } from "../api/client.ts";
import { fieldError } from "../models/remote.ts";
import { ui } from "./ui-strings.ts";

/** A label around a control, with the API's message when the error names this field. */
export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: ApiError | null;
  hint?: string;
  children: ComponentChildren;
}) {
  const message = fieldError(error ?? null, name);
  return (
    <label class={`field${message ? " invalid" : ""}`} data-field={name}>
      <span class="label">{label}</span>
      {children}
      {hint && <span class="hint">{hint}</span>}
      {message && (
        <span class="field-error" role="alert">
          {message}
        </span>
      )}
    </label>
  );
}

/** An error that belongs to no field (or to a field this form does not show). */
export function ErrorNote({ error, fields = [] }: { error: ApiError | null; fields?: string[] }) {
  if (!error || (error.field && fields.some((f) => fieldError(error, f)))) return null;
  return (
    <p class="error" role="alert">
      {ui.apiError(error)}
    </p>
  );
}

export function SaveBar({ busy, saved, label, danger }: { busy?: boolean; saved?: boolean; label?: string; danger?: boolean }) {
  return (
    <div class="save-bar">
      <button type="submit" class={danger ? "danger" : ""} disabled={busy}>
        {label ?? ui.t("save")}
      </button>
      {saved && (
        <span class="saved" role="status">
          {ui.t("saved")}
        </span>
      )}
    </div>
  );
}

/** Text to copy (embed snippet, a secret shown once, an invitation link), with a copy button. */
export function CopyBox({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const copied = useSignal(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      copied.value = true;
    } catch {
      copied.value = false;
    }
  };
  return (
    <div class="copy-box">
      <code aria-label={label} data-testid={testId}>
        {text}
      </code>
      <button type="button" onClick={copy}>
        {copied.value ? ui.t("copied") : ui.t("copy")}
      </button>
    </div>
  );
}

/** A page section with a heading. */
export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="panel-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Formats a timestamp for tables, in the console's language. */
export function when(ms: number | null | undefined): string {
  return ms ? new Date(ms).toLocaleString(ui.locale()) : "—";
}
