// `npm run dev`: build the widget and admin, prepare local D1 (migrations + demo seed), serve
// everything on http://127.0.0.1:8787 with wrangler dev, and print where to go and how to sign in.
// Data lives in .wrangler/state and survives restarts; seeding never wipes or duplicates it.

import { buildAll } from "./build.ts";
import { ensureDevVars, prepareLocalState, root, startDevServer, stopGroup } from "./lib/dev-server.ts";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../worker/src/db/seed.ts";

const port = Number(process.env.PORT ?? 8787);
const persistTo = process.env.PARLEY_STATE ?? `${root}.wrangler/state`;

console.log("Building widget and admin…");
await buildAll();
ensureDevVars();
console.log("Applying D1 migrations and the demo seed…");
await prepareLocalState(persistTo);
console.log("Starting wrangler dev…");
const server = await startDevServer({ port, persistTo });

const line = "─".repeat(64);
console.log(`
${line}
  Parley is running (local workerd, data in ${persistTo.replace(root, "")})

  Demo page with the widget   ${server.url}/demo
  Agent console / admin       ${server.url}/admin/
  Embed snippet               <script src="${server.url}/embed.js" data-site="demo" async></script>

  Logins (development seed only — never use these on a real site):
${DEMO_LOGINS.map((u) => `    ${u.role.padEnd(6)} ${u.email.padEnd(22)} password: ${DEMO_PASSWORD}`).join("\n")}

  Press Ctrl+C to stop.
${line}
`);

const shutdown = () => {
  stopGroup(server.process);
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
server.process.on("exit", (code) => process.exit(code ?? 0));
