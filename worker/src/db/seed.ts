// The demo seed: site `demo`, an owner and an agent, teams `support` and `complaints`, the starter ruleset
// and an email channel. Pure: returns SQL statements that only ever insert what is missing (INSERT OR
// IGNORE), so running it again never wipes or duplicates data. Used by `npm run dev` (via scripts/seed.ts) and by tests.

import { hashPassword } from "../auth/password.ts";
import { STARTER_RULESET } from "../triage/starter-ruleset.ts";

export interface SeedStatement {
  sql: string;
  params: (string | number | null)[];
}

/** Dev-only credentials, printed by `npm run dev`. Never use them on a deployed site. */
export const DEMO_LOGINS = [
  { id: "u_demo_owner", email: "admin@example.com", name: "Ada Admin", role: "owner" },
  { id: "u_demo_agent", email: "agent@example.com", name: "Sam Agent", role: "agent" },
] as const;
export const DEMO_PASSWORD = "parley-demo";
export const DEMO_SITE = "demo";
/** The demo site's email channel address (local only: Email Routing is simulated by wrangler dev). */
export const DEMO_EMAIL = "support@demo.parley.test";

const DEMO_CANNED = [
  { shortcut: "hi", title: "Greeting", text: "Hi {{contact.name}}, this is {{agent.name}} from {{site.name}}. How can I help?" },
  { shortcut: "refund", title: "Refund started", text: "I've started your refund, {{contact.name}}. You'll see it on your statement within 5 working days." },
  { shortcut: "退款", title: "退款已处理", text: "您好 {{contact.name}}，我是{{agent.name}}，您的退款已经提交，5 个工作日内到账。" },
];

/**
 * The demo seed's statements. The demo site has no weekly hours (always open) so the chat can be
 * tried at any time; `businessHours` sets real hours (tests of the offline path use it).
 */
export async function demoSeed(now = Date.now(), opts: { site?: string; password?: string; businessHours?: object } = {}): Promise<SeedStatement[]> {
  const site = opts.site ?? DEMO_SITE;
  const password = opts.password ?? DEMO_PASSWORD;
  const settings = {
    title: { en: "Parley Demo Shop", "zh-CN": "Parley 演示商店", "zh-TW": "Parley 示範商店" },
    greeting: {
      en: "Hi! Ask us anything — a person is one click away.",
      "zh-CN": "您好！有问题随时问我们，一键即可转人工。",
      "zh-TW": "您好！有問題隨時問我們，一鍵即可轉人工。",
    },
    accent: "#4f46e5",
    position: "right",
  };
  const out: SeedStatement[] = [
    {
      sql: "INSERT OR IGNORE INTO sites (id, name, allowed_origins, settings, timezone, business_hours, ruleset_version, created_at, updated_at) VALUES (?, ?, '[]', ?, ?, ?, 1, ?, ?)",
      params: [site, "Parley Demo Shop", JSON.stringify(settings), "Asia/Shanghai", JSON.stringify(opts.businessHours ?? {}), now, now],
    },
    { sql: "INSERT OR IGNORE INTO teams (site_id, id, name, created_at) VALUES (?, 'support', 'Support', ?)", params: [site, now] },
    { sql: "INSERT OR IGNORE INTO teams (site_id, id, name, created_at) VALUES (?, 'complaints', 'Complaints', ?)", params: [site, now] },
    {
      sql: "INSERT OR IGNORE INTO rulesets (site_id, version, body, created_by, created_at) VALUES (?, 1, ?, NULL, ?)",
      params: [site, JSON.stringify(STARTER_RULESET), now],
    },
  ];
  // Canned replies to try in the demo console (`/hi`, `/refund`); test sites start without any.
  if (site === DEMO_SITE)
    for (const r of DEMO_CANNED)
      out.push({
        sql: "INSERT OR IGNORE INTO canned_replies (id, site_id, shortcut, title, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        params: [`cr_demo_${r.shortcut}`, site, r.shortcut, r.title, r.text, now, now],
      });
  if (site === DEMO_SITE) {
    // An email channel, so `npm run dev` can show mail in and out (POST /cdn-cgi/local/email; replies
    // appear in wrangler dev's local explorer). Tests' own sites have none unless they connect one.
    out.push({
      sql: "INSERT OR IGNORE INTO channels (id, site_id, kind, name, address, config, enabled, created_at, updated_at) VALUES ('ch_demo_email', ?, 'email', 'Demo support mail', ?, '{}', 1, ?, ?)",
      params: [site, DEMO_EMAIL, now, now],
    });
  }
  for (const u of DEMO_LOGINS) {
    const id = site === DEMO_SITE ? u.id : `${u.id}_${site}`;
    const email = site === DEMO_SITE ? u.email : u.email.replace("@", `+${site}@`);
    out.push(
      {
        sql: "INSERT OR IGNORE INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        params: [id, email, u.name, await hashPassword(password), now],
      },
      { sql: "INSERT OR IGNORE INTO memberships (site_id, user_id, role, capacity, created_at) VALUES (?, ?, ?, 5, ?)", params: [site, id, u.role, now] },
      { sql: "INSERT OR IGNORE INTO team_members (site_id, team_id, user_id) VALUES (?, 'support', ?)", params: [site, id] },
      { sql: "INSERT OR IGNORE INTO team_members (site_id, team_id, user_id) VALUES (?, 'complaints', ?)", params: [site, id] },
    );
  }
  return out;
}

/** Renders statements as one SQL script (for `wrangler d1 execute --file`). */
export function toSqlScript(statements: SeedStatement[]): string {
  const lit = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
  return (
    statements
      .map((s) => {
        let i = 0;
        return `${s.sql.replace(/\?/g, () => lit(s.params[i++] ?? null))};`;
      })
      .join("\n") + "\n"
  );
}
