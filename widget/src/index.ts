// The widget module (widget.js): defines <parley-chat> once, even when the script loads twice, and
// serves the window.Parley command queue the loader set up. Only the launcher is in this bundle.

import { installApi } from "./api.ts";
import { ParleyChat } from "./launcher/parley-chat.ts";

declare global {
  interface HTMLElementTagNameMap {
    "parley-chat": ParleyChat;
  }
}

try {
  if (!customElements.get("parley-chat")) customElements.define("parley-chat", ParleyChat);
  installApi();
} catch (e) {
  // Never throw into the host page.
  console.warn("[parley] could not start", e);
}

export { ParleyChat };
