import { spawn } from "node:child_process";
import { migrateDatabase, openDatabase } from "@/db";
import { demo, seedDemo } from "@/db/seed";

// `npm run demo` (after `next build`): prepares the embedded database with the demo data,
// then starts the production server on it and says where to sign in.
const port = process.env.PORT ?? "3000";
const database = await openDatabase();
await migrateDatabase(database);
const { created } = await seedDemo(database.db);
await database.close();

const url = `http://localhost:${port}`;
console.log(`
Northwind Rewards demo ${created ? "created" : "already seeded"} (${database.driver}).

  Open           ${url}
  Program page   ${url}/p/${demo.programSlug}
  Staff sign-in  ${url}/signin   (password for every demo account: ${demo.password})
    owner        ${demo.owner}
    manager      ${demo.manager}
    cashier      ${demo.cashier}   -> counter screen at ${url}/admin/${demo.merchantSlug}/counter
  Shopper        ${demo.shopper}
  API key        ${demo.apiKey}
`);

const server = spawn("npx", ["--no", "--", "next", "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
