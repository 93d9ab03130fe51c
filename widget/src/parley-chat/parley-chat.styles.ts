// Styles of <parley-chat>. Public tokens (--parley-*) feed private ones (--_*) with defaults; the
// host page's CSS cannot reach inside the shadow root, and `all: initial` on :host stops inheritance.

import { css } from "lit";

export const styles = css`
  :host {
    all: initial;
    display: contents;
    --_accent: var(--parley-accent, var(--_site-accent, #4f46e5));
    --_accent-contrast: var(--parley-accent-contrast, #ffffff);
    --_font: var(--parley-font, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif);
    --_radius: var(--parley-radius, 14px);
    --_z: var(--parley-z-index, 2147483000);
    --_width: var(--parley-panel-width, 370px);
    --_height: var(--parley-panel-height, 560px);
  }
  * {
    box-sizing: border-box;
  }
  .root {
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.45;
    color: #111827;
  }
  .launcher {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--_z);
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: 0;
    cursor: pointer;
    background: var(--_accent);
    color: var(--_accent-contrast);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    display: grid;
    place-items: center;
    padding: 0;
  }
  .left .launcher,
  .left .panel {
    right: auto;
    left: 20px;
  }
  .launcher:focus-visible,
  button:focus-visible,
  textarea:focus-visible {
    outline: 3px solid #f59e0b;
    outline-offset: 2px;
  }
  .launcher svg {
    width: 26px;
    height: 26px;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #dc2626;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    display: grid;
    place-items: center;
  }
  .panel {
    position: fixed;
    bottom: 88px;
    right: 20px;
    z-index: var(--_z);
    width: var(--_width);
    height: min(var(--_height), calc(100vh - 110px));
    background: #fff;
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    animation: pop 160ms ease-out;
  }
  @keyframes pop {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel {
      animation: none;
    }
  }
  @media (max-width: 520px) {
    .panel {
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: 0;
      bottom: 0;
      right: 0;
      left: 0;
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 14px 16px;
    background: var(--_accent);
    color: var(--_accent-contrast);
  }
  .header h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    flex: 1;
  }
  .header img {
    width: 32px;
    height: 32px;
    border-radius: 50%;
    object-fit: cover;
  }
  .close {
    background: transparent;
    border: 0;
    color: inherit;
    font-size: 22px;
    line-height: 1;
    cursor: pointer;
    padding: 4px 8px;
    border-radius: 6px;
  }
  .status {
    font-size: 12.5px;
    padding: 6px 16px;
    background: #f3f4f6;
    color: #374151;
  }
  .status[data-kind="offline"] {
    background: #fef3c7;
    color: #92400e;
  }
  .messages {
    flex: 1;
    overflow-y: auto;
    padding: 12px 14px;
    margin: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .greeting {
    color: #4b5563;
    font-size: 14px;
    margin: 0 0 4px;
  }
  .message {
    max-width: 85%;
    padding: 8px 12px;
    border-radius: 14px;
    overflow-wrap: anywhere;
    white-space: normal;
  }
  .message p {
    margin: 0 0 6px;
  }
  .message p:last-child {
    margin-bottom: 0;
  }
  .message ul {
    margin: 4px 0;
    padding-left: 18px;
  }
  .message a {
    color: inherit;
    text-decoration: underline;
  }
  .message-visitor {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_accent-contrast);
    border-bottom-right-radius: 4px;
  }
  .message-bot,
  .message-agent {
    align-self: flex-start;
    background: #f3f4f6;
    border-bottom-left-radius: 4px;
  }
  .message-system {
    align-self: center;
    background: transparent;
    color: #6b7280;
    font-size: 12.5px;
    text-align: center;
  }
  .author {
    display: block;
    font-size: 12px;
    font-weight: 600;
    color: #4b5563;
    margin-bottom: 2px;
  }
  .pending {
    opacity: 0.65;
  }
  .failed {
    outline: 2px solid #dc2626;
  }
  .quick-replies {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0 14px 8px;
  }
  .quick-reply,
  .handoff {
    font: inherit;
    font-size: 14px;
    border: 1px solid var(--_accent);
    color: var(--_accent);
    background: #fff;
    border-radius: 999px;
    padding: 5px 12px;
    cursor: pointer;
  }
  .typing {
    font-size: 12.5px;
    color: #6b7280;
    padding: 0 16px 6px;
    min-height: 1em;
  }
  .composer {
    display: flex;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid #e5e7eb;
    align-items: flex-end;
  }
  .input {
    flex: 1;
    resize: none;
    font: inherit;
    font-size: 16px; /* 16px stops iOS zooming on focus */
    border: 1px solid #d1d5db;
    border-radius: 10px;
    padding: 8px 10px;
    max-height: 120px;
    min-height: 40px;
    color: #111827;
    background: #fff;
  }
  .send {
    font: inherit;
    border: 0;
    border-radius: 10px;
    padding: 9px 14px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    cursor: pointer;
  }
  .send:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .handoff-row {
    padding: 0 14px 8px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
