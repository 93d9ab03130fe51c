// Safe rich text for chat messages: paragraphs, **bold**, bullet lists and http(s) links, built as
// Lit templates. Text is always interpolated as text, so HTML in a message can never become markup.

import { html, nothing, type TemplateResult } from "lit/html.js";

const TOKEN = /(\*\*[^*\n]+\*\*|https?:\/\/[^\s<>"')\]]+)/g;

function inline(text: string): (string | TemplateResult)[] {
  const out: (string | TemplateResult)[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const i = m.index ?? 0;
    if (i > last) out.push(text.slice(last, i));
    const tok = m[0];
    if (tok.startsWith("**")) out.push(html`<strong>${tok.slice(2, -2)}</strong>`);
    else {
      // Trailing punctuation belongs to the sentence, not the link.
      const url = tok.replace(/[.,;:!?]+$/, "");
      out.push(html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>`);
      if (url.length < tok.length) out.push(tok.slice(url.length));
    }
    last = i + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders message text: blank lines split paragraphs, lines starting with "- " or "* " form a list. */
export function richText(text: string): TemplateResult {
  const blocks: TemplateResult[] = [];
  let list: string[] = [];
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push(html`<p>${para.map((l, i) => html`${i ? html`<br />` : nothing}${inline(l)}`)}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list.length)
      blocks.push(
        html`<ul>
          ${list.map((l) => html`<li>${inline(l)}</li>`)}
        </ul>`,
      );
    list = [];
  };
  for (const line of text.split("\n")) {
    const item = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      list.push(item[1]!);
    } else if (line.trim() === "") {
      flushPara();
      flushList();
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return html`${blocks}`;
}
