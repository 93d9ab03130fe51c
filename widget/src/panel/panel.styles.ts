// Styles of the open panel (loaded with the panel chunk). Sizes are in px so a host page's root font
// size cannot change them; inputs are 16px so iOS does not zoom in on focus.

export const panelStyles = `
.panel {
  width: var(--_width); height: min(var(--_height), calc(100vh - 110px)); max-width: calc(100vw - 24px);
  background: #fff; color: #111827; border-radius: var(--_radius); box-shadow: 0 12px 40px rgb(0 0 0 / .25);
  display: flex; flex-direction: column; overflow: hidden; animation: pop .16s ease-out; font: 15px/1.45 var(--_font);
}
@keyframes pop { from { opacity: 0; transform: translateY(12px); } }
@media (max-width: 520px) {
  .panel { width: 100%; max-width: none; height: 100%; border-radius: 0; flex: 1; }
}
button, input, select, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
.header { display: flex; align-items: center; gap: 10px; padding: 12px 12px 12px 16px; background: var(--_accent); color: var(--_accent-contrast); }
.header h2 { margin: 0; font-size: 16px; font-weight: 650; flex: 1; line-height: 1.3; }
.logo { width: 32px; height: 32px; border-radius: 50%; object-fit: cover; }
.close { background: transparent; border: 0; color: inherit; width: 36px; height: 36px; border-radius: 8px; display: grid; place-items: center; padding: 0; }
.close svg, .attach svg { width: 20px; height: 20px; stroke: currentColor; stroke-width: 2; fill: none; stroke-linecap: round; }
.close:hover { background: rgb(255 255 255 / .15); }
.status { font-size: 13px; padding: 0 16px; background: #f3f4f6; color: #374151; }
.status.visible { padding: 6px 16px; }
.status[data-kind="offline"], .status[data-kind="limited"] { background: #fef3c7; color: #78350f; }
.status[data-kind="waiting"], .status[data-kind="email"] { background: #eef2ff; color: #312e81; }
.messages { flex: 1; overflow-y: auto; padding: 12px 14px; overscroll-behavior: contain; }
.log { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 2px; }
.messages:focus-visible { outline-offset: -3px; }
.greeting { color: #4b5563; font-size: 14px; margin: 0 0 8px; }
.message { display: flex; flex-direction: column; max-width: 85%; align-self: flex-start; }
.message.first { margin-top: 8px; }
.message.visitor { align-self: flex-end; align-items: flex-end; }
.message.system { align-self: center; max-width: 95%; text-align: center; margin: 8px 0; }
.bubble { padding: 8px 12px; border-radius: 14px; background: #f3f4f6; overflow-wrap: anywhere; }
.message.visitor .bubble { background: var(--_accent); color: var(--_accent-contrast); }
.message.visitor.pending .bubble { opacity: .65; }
.message.visitor.failed .bubble { outline: 2px solid #b91c1c; }
.bubble p { margin: 0 0 6px; }
.bubble p:last-child { margin-bottom: 0; }
.bubble ul { margin: 4px 0; padding-left: 18px; }
.bubble a { color: inherit; text-decoration: underline; }
.bubble a.image { display: block; margin-top: 4px; }
.bubble img { display: block; max-width: 100%; max-height: 220px; border-radius: 8px; }
.bubble a.file { display: inline-block; margin-top: 4px; }
.note { font-size: 13px; color: #4b5563; }
.who { display: flex; align-items: center; gap: 6px; margin: 0 0 3px 2px; font-size: 12.5px; font-weight: 600; color: #374151; }
.avatar { width: 22px; height: 22px; border-radius: 50%; object-fit: cover; }
.avatar.initial { display: grid; place-items: center; background: var(--_accent); color: var(--_accent-contrast); font-size: 11px; }
.meta { font-size: 11.5px; color: #4b5563; margin: 2px 4px 0; }
.quick-replies, .handoff-row { display: flex; flex-wrap: wrap; gap: 6px; padding: 4px 14px 8px; }
.chip { font-size: 14px; border: 1px solid var(--_accent); color: var(--_accent); background: #fff; border-radius: 999px; padding: 5px 12px; }
.chip:hover { background: #f5f5ff; }
.typing { font-size: 12.5px; color: #4b5563; padding: 0 16px; min-height: 18px; }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e5e7eb; align-items: flex-end; }
.input { flex: 1; resize: none; font-size: 16px; border: 1px solid #9ca3af; border-radius: 10px; padding: 8px 10px; min-height: 40px; max-height: 120px; background: #fff; }
.send, .primary { border: 0; border-radius: 10px; padding: 9px 14px; background: var(--_accent); color: var(--_accent-contrast); font-weight: 600; }
.send:disabled, .primary:disabled { opacity: .5; cursor: default; }
.attach { width: 40px; height: 40px; border: 0; border-radius: 10px; background: transparent; color: #374151; display: grid; place-items: center; padding: 0; }
.attach:hover { background: #f3f4f6; }
.file-input { display: none; }
.form { padding: 12px 16px 16px; border-top: 1px solid #e5e7eb; display: flex; flex-direction: column; gap: 10px; overflow-y: auto; max-height: 65%; }
.intro { margin: 0; color: #374151; font-size: 14px; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field label { font-size: 13.5px; font-weight: 600; color: #1f2937; }
.req { font-weight: 400; color: #4b5563; }
.field input, .field select, .field textarea, .csat textarea {
  font-size: 16px; border: 1px solid #9ca3af; border-radius: 8px; padding: 8px 10px; background: #fff; width: 100%;
}
.field [aria-invalid="true"] { border-color: #b91c1c; }
.field-error, .notice { color: #b91c1c; font-size: 13px; margin: 0; }
.notice { padding: 4px 16px; }
.notice.problem { padding: 16px; border-top: 1px solid #e5e7eb; }
.csat { margin: 0 14px 8px; padding: 10px 12px; border: 1px solid #e5e7eb; border-radius: 12px; display: flex; flex-direction: column; gap: 8px; }
.csat.done { color: #065f46; background: #ecfdf5; border-color: #a7f3d0; }
.csat fieldset { border: 0; margin: 0; padding: 0; }
.csat legend { font-weight: 600; font-size: 14px; padding: 0; margin-bottom: 4px; }
.stars { display: flex; gap: 4px; }
.star { position: relative; font-size: 26px; line-height: 1; color: #9ca3af; cursor: pointer; padding: 2px; border-radius: 6px; }
.star.on { color: #d97706; }
.star input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.star:focus-within { outline: 3px solid #f59e0b; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: -1px; padding: 0; border: 0; }
`;
