import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An UPDATE or DELETE without WHERE would touch every tenant's rows.
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The layers import downward only: shared UI and the domain never reach into routes.
    files: ["components/**", "lib/**", "db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "**/app/*"],
              message: "components/, lib/ and db/ must not import from app/ (routes).",
            },
          ],
        },
      ],
    },
  },
  {
    // The ledger primitives are the bottom of lib/: they use nothing above them (their tests may).
    files: ["lib/ledger/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/app/*",
                "@/lib/*",
                "!@/lib/ledger",
                "!@/lib/errors",
                "!@/lib/limits",
                "!@/lib/actor",
                "!@/lib/time-zone",
                "!@/lib/db-errors",
              ],
              message: "lib/ledger/ holds the ledger primitives: it must not import commands or policies above it.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
