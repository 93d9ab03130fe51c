// Architecture rules, checked by reading import lines: the widget and admin import only protocol/
// (never worker code); protocol/ imports nothing of ours; triage and lifecycle code do no I/O; only
// worker/src/db/ talks SQL to D1.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
}

function resolved(file: string, spec: string): string {
  return spec.startsWith(".") ? relative(root, resolve(join(root, file, ".."), spec)) : spec;
}

describe("module boundaries", () => {
  it("widget and admin import only protocol/ of our code", () => {
    const bad = [...files("widget/src"), ...files("admin/src")].flatMap((f) =>
      imports(f)
        .map((s) => resolved(f, s))
        .filter((p) => p.startsWith("worker/"))
        .map((p) => `${f} → ${p}`),
    );
    expect(bad).toEqual([]);
  });

  it("protocol/ imports nothing outside itself", () => {
    const bad = files("protocol/src").flatMap((f) =>
      imports(f)
        .filter((s) => s.startsWith("."))
        .map((s) => resolved(f, s))
        .filter((p) => !p.startsWith("protocol/"))
        .map((p) => `${f} → ${p}`),
    );
    expect(bad).toEqual([]);
  });

  it("the triage engine and the lifecycle are pure (no bindings, storage or network)", () => {
    const pure = [
      ...files("worker/src/triage"),
      ...["lifecycle.ts", "bot.ts", "answers.ts", "handoff-notice.ts", "preview.ts"].map((f) => `worker/src/conversation/${f}`),
    ].filter((f) => !f.endsWith(".test.ts"));
    const bad = pure.filter((f) => {
      const text = readFileSync(join(root, f), "utf8");
      return /\bfetch\(|\.prepare\(|\bstorage\b|cloudflare:workers|\benv\./.test(text) || imports(f).some((s) => resolved(f, s).startsWith("worker/src/db/"));
    });
    expect(bad).toEqual([]);
  });

  it("only worker/src/db/ prepares SQL for D1", () => {
    const bad = files("worker/src").filter(
      (f) => !f.startsWith("worker/src/db/") && !f.endsWith(".test.ts") && /\.prepare\(/.test(readFileSync(join(root, f), "utf8")),
    );
    expect(bad).toEqual([]);
  });
});
