// The live preview: the real <parley-chat> from /widget.js, fed the draft settings through its
// public surface only — `api-base` pointing at the preview config route (same config shape the
// widget reads at boot), the `locale` and `open` attributes, and the --parley-accent property.

import { useEffect, useRef } from "preact/hooks";
import { encodeDraft } from "../models/widget-settings.ts";
import type { WidgetSettings } from "../models/site.ts";

let loading: HTMLScriptElement | null = null;

const COLOR = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** The draft minus what is still being typed (a half colour, an unnamed field), so the preview keeps working. */
function previewable(s: WidgetSettings): WidgetSettings {
  const out: WidgetSettings = { ...s };
  if (out.accent && !COLOR.test(out.accent)) delete out.accent;
  if (out.avatar && !/^https?:\/\/./.test(out.avatar)) delete out.avatar;
  const named = (f: { name: string }) => /^[A-Za-z_][\w.-]{0,63}$/.test(f.name);
  if (out.prechat) out.prechat = { ...out.prechat, fields: out.prechat.fields.filter(named) };
  if (out.offline?.fields) out.offline = { ...out.offline, fields: out.offline.fields.filter(named) };
  return out;
}

/** Loads the widget module once per page (it defines <parley-chat> and ignores a second load). */
function ensureWidget(): void {
  if (loading || customElements.get("parley-chat")) return;
  loading = document.createElement("script");
  loading.type = "module";
  loading.src = "/widget.js";
  document.head.appendChild(loading);
}

export function WidgetPreview({
  siteId,
  settings,
  open,
  locale,
  label,
}: {
  siteId: string;
  settings: WidgetSettings;
  open: boolean;
  locale: string;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const clean = previewable(settings);
  const draft = JSON.stringify(clean);
  useEffect(ensureWidget, []);

  // The accent follows every keystroke at once (a CSS property); everything else rebuilds the
  // element a moment after typing stops, because the widget reads its config once at start.
  useEffect(() => {
    const el = host.current?.querySelector("parley-chat") as HTMLElement | null;
    if (el && clean.accent) el.style.setProperty("--parley-accent", clean.accent);
  }, [clean.accent]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (!host.current) return;
      const el = document.createElement("parley-chat");
      el.setAttribute("site", "preview");
      // Stay inside the preview frame instead of the page's top layer.
      el.setAttribute("contained", "");
      el.setAttribute("api-base", `${location.origin}/api/v1/sites/${encodeURIComponent(siteId)}/preview/${encodeDraft({ settings: clean, open })}`);
      if (locale) el.setAttribute("locale", locale);
      el.setAttribute("open", "");
      if (clean.accent) el.style.setProperty("--parley-accent", clean.accent);
      host.current.replaceChildren(el);
    }, 300);
    return () => clearTimeout(timer);
  }, [siteId, draft, open, locale]);

  return <div class="preview-frame" ref={host} role="region" aria-label={label} data-testid="widget-preview" />;
}
