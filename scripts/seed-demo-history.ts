// `npm run seed:demo-history`: fills the demo site with a realistic month of finished conversations
// (the 30 days before today, in the site's zone), so the reports page is meaningful after `npm run dev`.
// Idempotent: run it again (today or next week) and it adds only the days that are missing.
// Options: --days=N (default 30), --per-day=N (weekday volume, default 48). PARLEY_STATE picks the state folder.

import { demoHistory } from "../worker/src/db/demo-history.ts";
import { DEMO_LOGINS, DEMO_SITE, toSqlScript } from "../worker/src/db/seed.ts";
import { executeSql, prepareLocalState, root } from "./lib/dev-server.ts";

const arg = (name: string, fallback: number): number => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const n = Number(v ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`--${name} must be a whole number from 1 to 1000`);
  return n;
};

const persistTo = process.env.PARLEY_STATE ?? `${root}.wrangler/state`;
const days = arg("days", 30);
const perDay = arg("per-day", 48);

const started = Date.now();
// Migrations and the demo seed first (both idempotent), so this also works on a fresh checkout.
await prepareLocalState(persistTo);
const statements = demoHistory({ site: DEMO_SITE, timezone: "Asia/Shanghai", days, perDay, agents: DEMO_LOGINS.map((u) => u.id).reverse(), now: Date.now() });
executeSql(persistTo, toSqlScript(statements), "demo-history.sql");
console.log(`Demo history: ${days} days of conversations for site "${DEMO_SITE}" in ${persistTo.replace(root, "")} (${Date.now() - started} ms).`);
console.log("Open the console's Reports page (signed in as the owner) to see them.");
