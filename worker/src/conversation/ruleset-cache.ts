// Compiled rulesets per site and version, shared by every conversation in this isolate.

import type { Ruleset } from "../../../protocol/src/ruleset.ts";
import { compileRuleset, type CompiledRuleset } from "../triage/compile.ts";

const cache = new Map<string, { compiled: CompiledRuleset; bytes: number }>();
const latest = new Map<string, number>();
const MAX_ENTRIES = 64;
/** A 1,000-rule ruleset compiles to a few MB; a Worker isolate has 128 MB in all. */
const MAX_BYTES = 24 * 1024 * 1024;
let totalBytes = 0;

/** The compiled ruleset for a site's version, compiling `body` on a miss (null if nothing to compile). */
export function compiledFor(siteId: string, version: number, body: Ruleset | null): CompiledRuleset | null {
  const key = `${siteId}:${version}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so eviction takes the least recently used first.
    cache.delete(key);
    cache.set(key, hit);
    return hit.compiled;
  }
  if (!body) return null;
  const compiled = compileRuleset(body, version);
  const bytes = compiled.matcher.approxBytes + JSON.stringify(body).length * 2;
  while (cache.size > 0 && (cache.size >= MAX_ENTRIES || totalBytes + bytes > MAX_BYTES)) {
    const [oldest, entry] = cache.entries().next().value!;
    cache.delete(oldest);
    totalBytes -= entry.bytes;
  }
  cache.set(key, { compiled, bytes });
  totalBytes += bytes;
  latest.set(siteId, version);
  return compiled;
}

/** The version most recently compiled here for a site, so D1 need not send its body again. */
export function cachedVersion(siteId: string): number | null {
  const v = latest.get(siteId);
  return v !== undefined && cache.has(`${siteId}:${v}`) ? v : null;
}
