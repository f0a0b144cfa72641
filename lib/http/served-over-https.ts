import { trustedProxyCount } from "@/lib/auth/client-address";

/**
 * Whether the browser reached us over HTTPS, which decides HSTS. `next start` speaks plain
 * HTTP, so HTTPS always ends in front of it: `SERVED_OVER_HTTPS=true` says so for every
 * request. Otherwise a request counts as HTTPS only when `TRUSTED_PROXIES` names at least one
 * proxy in front of us and the `X-Forwarded-Proto` value the outermost trusted proxy wrote is
 * "https". Next itself believes that header from anyone (it even builds `request.url` from
 * it), so without a trusted proxy it is ignored.
 */
export function servedOverHttps(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  if (env.SERVED_OVER_HTTPS === "true") return true;
  const proxies = trustedProxyCount(env.TRUSTED_PROXIES);
  if (proxies < 1) return false;
  const values = (headers.get("x-forwarded-proto") ?? "").split(",").map((value) => value.trim().toLowerCase());
  // Each proxy appends what it saw, so the outermost trusted proxy's value is `proxies` from the end.
  return values[Math.max(0, values.length - proxies)] === "https";
}
