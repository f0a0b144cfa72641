import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// The same suite runs twice from scripts/test.sh: on PGlite in memory, then on a real
// PostgreSQL when DATABASE_TEST_URL is set (race tests run only there).
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // "server-only" throws outside React Server Components; the DAL is tested under Node.
      "server-only": path.join(root, "lib/testing/server-only.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
