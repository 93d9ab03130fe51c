// XSS and leak rules, checked by reading the source: the widget and the console never turn strings
// into markup or code (no innerHTML, unsafeHTML, dangerouslySetInnerHTML, document.write, eval…),
// links they build are http(s) or our own paths, and the worker never logs a secret-bearing value.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

/** Source without comments, so a comment that names a forbidden API does not count. */
function code(file: string): string {
  return readFileSync(join(root, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Source without string literals either (for looking at identifiers only). */
const identifiersOnly = (text: string) => text.replace(/`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');

const SINKS: [string, RegExp][] = [
  ["innerHTML / outerHTML", /\.(inner|outer)HTML\b/],
  ["insertAdjacentHTML", /\binsertAdjacentHTML\b/],
  ["document.write", /\bdocument\.write(ln)?\b/],
  ["lit unsafeHTML / unsafeSVG / unsafeStatic", /\bunsafe(HTML|SVG|Static|MathML)\b/],
  ["dangerouslySetInnerHTML", /\bdangerouslySetInnerHTML\b/],
  ["createContextualFragment / DOMParser", /\b(createContextualFragment|DOMParser)\b/],
  ["srcdoc", /\bsrcdoc\b/i],
  ["eval / new Function / string timers", /\beval\(|\bnew Function\(|\bset(Timeout|Interval)\(\s*["'`]/],
  ["javascript: URLs", /javascript:/i],
];

describe("no untrusted markup in the widget and the console", () => {
  it("uses none of the HTML-from-string or code-from-string sinks", () => {
    const bad = [...files("widget/src"), ...files("admin/src")].flatMap((f) => {
      const text = code(f);
      return SINKS.filter(([, re]) => re.test(text)).map(([name]) => `${f}: ${name}`);
    });
    expect(bad).toEqual([]);
  });

  it("the rule itself catches a sink (so the check can fail)", () => {
    const sample = "el.innerHTML = message.text; html`${unsafeHTML(x)}`; <div dangerouslySetInnerHTML={{ __html: t }} />";
    expect(SINKS.filter(([, re]) => re.test(sample)).map(([n]) => n)).toEqual([
      "innerHTML / outerHTML",
      "lit unsafeHTML / unsafeSVG / unsafeStatic",
      "dangerouslySetInnerHTML",
    ]);
  });

  it("builds links in widget message text only from http(s) URLs", () => {
    const text = readFileSync(join(root, "widget/src/render/rich-text.ts"), "utf8");
    expect(text).toMatch(/https\?:\\\/\\\//);
  });
});

describe("no secrets in the worker's logs", () => {
  const SECRETISH = /\b(secret|secrets|token|password|passwd|authorization|cookie|sealed\w*|\w*Secret|\w*Token|apiKey)\b/;

  it("passes no secret-bearing value to console.*", () => {
    const bad = files("worker/src").flatMap((f) =>
      [...identifiersOnly(code(f)).matchAll(/console\.(log|info|warn|error|debug)\(([^;]*)\);?/g)]
        .filter((m) => SECRETISH.test(m[2]!))
        .map((m) => `${f}: console.${m[1]}(${m[2]!.slice(0, 80)})`),
    );
    expect(bad).toEqual([]);
  });

  it("the rule itself catches a logged secret", () => {
    const sample = identifiersOnly('console.log("channel", ch.secrets.botToken); console.error("PARLEY_SECRET is missing", err);');
    const hits = [...sample.matchAll(/console\.(log|info|warn|error|debug)\(([^;]*)\);?/g)].filter((m) => SECRETISH.test(m[2]!));
    expect(hits).toHaveLength(1);
  });
});
