// Bootstraps a deployed installation: prints the SQL that creates the first site and its owner
// (with a random password, shown once on stderr). Everyone else is invited from the admin.
//   npm run --silent create-owner -- --email you@example.com --name "Your Name" --site shop --site-name "My Shop" > owner.sql
//   npx wrangler d1 execute DB --remote --file owner.sql

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { hashPassword } from "../worker/src/auth/password.ts";
import { toSqlScript, type SeedStatement } from "../worker/src/db/seed.ts";
import { STARTER_RULESET } from "../worker/src/triage/starter-ruleset.ts";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, site: { type: "string" }, "site-name": { type: "string" } },
});
const email = values.email?.trim().toLowerCase();
const site = values.site ?? "main";
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !values.name || !/^[a-z0-9][a-z0-9-]{2,39}$/.test(site)) {
  console.error('usage: create-owner --email you@example.com --name "Your Name" [--site key] [--site-name "My Shop"]');
  process.exit(2);
}
const now = Date.now();
const userId = `u_${randomBytes(12).toString("hex")}`;
const password = randomBytes(15).toString("base64url");
const siteName = values["site-name"] ?? values.name;
const statements: SeedStatement[] = [
  {
    sql: "INSERT INTO sites (id, name, settings, ruleset_version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
    params: [site, siteName, JSON.stringify({ title: siteName, accent: "#4f46e5", position: "right" }), now, now],
  },
  {
    sql: "INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
    params: [userId, email, values.name, await hashPassword(password), now, now],
  },
  { sql: "INSERT INTO memberships (site_id, user_id, role, capacity, created_at) VALUES (?, ?, 'owner', 5, ?)", params: [site, userId, now] },
  { sql: "INSERT INTO teams (site_id, id, name, created_at) VALUES (?, 'support', 'Support', ?)", params: [site, now] },
  { sql: "INSERT INTO team_members (site_id, team_id, user_id) VALUES (?, 'support', ?)", params: [site, userId] },
  {
    sql: "INSERT INTO rulesets (site_id, version, body, created_by, created_at) VALUES (?, 1, ?, ?, ?)",
    params: [site, JSON.stringify(STARTER_RULESET), userId, now],
  },
];
process.stdout.write(toSqlScript(statements));
console.error(`Owner ${email} of site "${site}": password ${password}\nSign in at /admin/, then change it under Account.`);
