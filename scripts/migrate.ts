import { migrateDatabase, openDatabase } from "@/db";

// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded
// database in PGLITE_DIR (./.data/pglite by default).
const database = await openDatabase();
await migrateDatabase(database);
await database.close();
console.log(`Migrations applied (${database.driver}).`);
