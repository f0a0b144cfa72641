import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly build from its own package directory, and argon2 is a native
  // addon: both must be required at run time rather than bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // A logo or reward picture is at most 2 MB (lib/limits.ts maxImageBytes), sent with its form.
  // `forbidden()` (a staff page the role may not open answers 403) needs authInterrupts.
  experimental: { serverActions: { bodySizeLimit: "3mb" }, authInterrupts: true },
};

export default withNextIntl(nextConfig);
