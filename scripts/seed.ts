import { migrateDatabase, openDatabase } from "@/db";
import { seedDemo } from "@/db/seed";

const database = await openDatabase();
await migrateDatabase(database);
const { created } = await seedDemo(database.db);
await database.close();
console.log(created ? "Demo data created." : "Demo data already present: nothing to do.");
