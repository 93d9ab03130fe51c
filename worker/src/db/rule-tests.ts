// Saved rules-simulator cases (rule_tests): a site's test cases that every ruleset publish must pass.

import type { RuleTestCase } from "../../../protocol/src/ruleset.ts";
import { parseJson } from "./json.ts";

interface Row {
  id: string;
  name: string;
  message: string;
  context: string;
  expect: string;
  created_at: number;
  updated_at: number;
}

function toTest(r: Row): RuleTestCase {
  const context = parseJson<Record<string, unknown>>(r.context, {});
  return {
    id: r.id,
    name: r.name,
    message: parseJson<RuleTestCase["message"]>(r.message, {}),
    ...(Object.keys(context).length ? { context } : {}),
    expect: parseJson<RuleTestCase["expect"]>(r.expect, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = "id, name, message, context, expect, created_at, updated_at";

/** A site's test cases, oldest first. */
export async function listRuleTests(db: D1Database, siteId: string): Promise<RuleTestCase[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM rule_tests WHERE site_id = ? ORDER BY created_at, id`).bind(siteId).all<Row>();
  return results.map(toTest);
}

export async function getRuleTest(db: D1Database, siteId: string, id: string): Promise<RuleTestCase | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM rule_tests WHERE site_id = ? AND id = ?`).bind(siteId, id).first<Row>();
  return row ? toTest(row) : null;
}

export async function countRuleTests(db: D1Database, siteId: string): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM rule_tests WHERE site_id = ?").bind(siteId).first<{ n: number }>())?.n ?? 0;
}

type TestBody = Omit<RuleTestCase, "id" | "createdAt" | "updatedAt">;

export async function createRuleTest(db: D1Database, siteId: string, id: string, t: TestBody, userId: string | null, now = Date.now()): Promise<RuleTestCase> {
  await db
    .prepare("INSERT INTO rule_tests (site_id, id, name, message, context, expect, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(siteId, id, t.name, JSON.stringify(t.message), JSON.stringify(t.context ?? {}), JSON.stringify(t.expect), userId, now, now)
    .run();
  return { id, ...t, createdAt: now, updatedAt: now };
}

/** Replaces a test case; false when it does not exist. */
export async function updateRuleTest(db: D1Database, siteId: string, id: string, t: TestBody, now = Date.now()): Promise<boolean> {
  const r = await db
    .prepare("UPDATE rule_tests SET name = ?, message = ?, context = ?, expect = ?, updated_at = ? WHERE site_id = ? AND id = ?")
    .bind(t.name, JSON.stringify(t.message), JSON.stringify(t.context ?? {}), JSON.stringify(t.expect), now, siteId, id)
    .run();
  return r.meta.changes > 0;
}

export async function deleteRuleTest(db: D1Database, siteId: string, id: string): Promise<boolean> {
  return (await db.prepare("DELETE FROM rule_tests WHERE site_id = ? AND id = ?").bind(siteId, id).run()).meta.changes > 0;
}
