/**
 * Where links in e-mails point. Configured, never read from a request's Host header: whoever
 * sends the request chooses that header, and would receive the link's token.
 */
export function appOrigin(): string {
  return (process.env.APP_URL || `http://localhost:${process.env.PORT || "3000"}`).replace(/\/+$/, "");
}
