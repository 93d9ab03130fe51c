// Compiled rulesets per site and version, shared by every conversation in this isolate.

import type { Ruleset } from "../../../protocol/src/ruleset.ts";
import { compileRuleset, type CompiledRuleset } from "../triage/compile.ts";

const cache = new Map<string, CompiledRuleset>();
const latest = new Map<string, number>();
const MAX_ENTRIES = 64;

/** The compiled ruleset for a site's version, compiling `body` on a miss (null if nothing to compile). */
export function compiledFor(siteId: string, version: number, body: Ruleset | null): CompiledRuleset | null {
  const key = `${siteId}:${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!body) return null;
  const compiled = compileRuleset(body, version);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  latest.set(siteId, version);
  return compiled;
}

/** The version most recently compiled here for a site, so D1 need not send its body again. */
export function cachedVersion(siteId: string): number | null {
  const v = latest.get(siteId);
  return v !== undefined && cache.has(`${siteId}:${v}`) ? v : null;
}
