// Sites with special widget settings for the browser tests, seeded once by the global setup (each
// test then uses its own visitor, so tests sharing a site do not see each other's conversations).

import { demoHistory } from "../../worker/src/db/demo-history.ts";
import { demoSeed, type SeedStatement } from "../../worker/src/db/seed.ts";
import { sealSecret } from "../../worker/src/lib/secrets.ts";

export const IDENTITY_SECRET = "e2e-identity-secret";

/** Closed every day: the offline form shows. */
const CLOSED = { weekly: { "0": [], "1": [], "2": [], "3": [], "4": [], "5": [], "6": [] }, holidays: [] };

export const E2E_SITES = {
  /** Default settings, for widget tests that need a site of their own (the demo site's queue stays clean). */
  widget: "e2e-widget",
  /** Outside business hours, offline form with a name field. */
  closed: "e2e-closed",
  /** A pre-chat form asking name (required), email (required) and a plan. */
  prechat: "e2e-prechat",
  /** A quiet site for queue-position and typing tests (nobody else queues here). */
  queue: "e2e-queue",
  /** Uploads limited to images of at most 2 KB. */
  small: "e2e-small-files",
  /** identify() must carry a userHash or a token. */
  identity: "e2e-identity",
  /** A month of demo history and business hours, for the reports page. */
  reports: "e2e-reports",
} as const;

const SETTINGS: Record<string, Record<string, unknown>> = {
  [E2E_SITES.closed]: {
    offline: {
      enabled: true,
      message: { en: "We're closed right now — leave a message.", "zh-CN": "我们现在下班了，请留言。" },
      fields: [{ name: "name", label: { en: "Name", "zh-CN": "姓名" }, type: "text" }],
    },
  },
  [E2E_SITES.prechat]: {
    prechat: {
      enabled: true,
      fields: [
        { name: "name", label: { en: "Your name", "zh-CN": "您的称呼" }, type: "text", required: true },
        { name: "email", label: { en: "Email", "zh-CN": "邮箱" }, type: "email", required: true },
        { name: "plan", label: "Plan", type: "select", options: ["free", "pro"] },
      ],
    },
  },
  [E2E_SITES.small]: { attachments: { enabled: true, maxBytes: 2048, types: ["image/*"] } },
};

/** The SQL statements that create every fixture site (idempotent, like the demo seed). */
export async function fixtureStatements(master: string): Promise<SeedStatement[]> {
  const out: SeedStatement[] = [];
  const now = Date.now();
  for (const site of Object.values(E2E_SITES)) {
    out.push(...(await demoSeed(now, { site, ...(site === E2E_SITES.closed ? { businessHours: CLOSED } : {}) })));
    out.push({ sql: "UPDATE sites SET settings = json_patch(settings, ?) WHERE id = ?", params: [JSON.stringify(SETTINGS[site] ?? {}), site] });
  }
  out.push({
    sql: "UPDATE sites SET identity_secret = ?, identity_required = 1 WHERE id = ?",
    params: [await sealSecret(master, IDENTITY_SECRET), E2E_SITES.identity],
  });
  out.push(...reportsFixture(now));
  return out;
}

/** The reports site: open Mon–Fri 09:00–18:00 (Shanghai) with 30 days of history answered by its two people. */
function reportsFixture(now: number): SeedStatement[] {
  const site = E2E_SITES.reports;
  const hours = { weekly: Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [["09:00", "18:00"]]])), holidays: [] };
  return [
    { sql: "UPDATE sites SET business_hours = ? WHERE id = ?", params: [JSON.stringify(hours), site] },
    ...demoHistory({ site, timezone: "Asia/Shanghai", perDay: 14, agents: [`u_demo_agent_${site}`, `u_demo_owner_${site}`], now }),
  ];
}
