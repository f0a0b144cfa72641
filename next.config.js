import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly build from its own package directory, and argon2 is a native
  // addon: both must be required at run time rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // `forbidden()` (lib/dal/pages.ts: a role without the page's permission) answers 403.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
