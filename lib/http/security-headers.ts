/**
 * The headers every response carries. The Content-Security-Policy allows only scripts that
 * carry this response's nonce (Next adds it to its own scripts) and what they load
 * ('strict-dynamic'); style elements need the nonce too. Style attributes stay allowed:
 * pages colour cards with each merchant's brand colour, and an attribute cannot run script.
 */
export function securityHeaders(options: {
  nonce: string;
  https: boolean;
  development?: boolean;
}): Record<string, string> {
  const { nonce, https, development = false } = options;
  const policy = [
    "default-src 'self'",
    // In development only, React rebuilds server error stacks with eval and Next injects styles
    // for hot reloading without a nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
