// Runs once when a server process starts: open (and for PGlite, lock and migrate) the
// database before the first request, so a second process on the same data fails at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerDatabase } = await import("./db/server-lifecycle");
  await startServerDatabase();
}
