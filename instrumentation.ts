import type { Instrumentation } from "next";

// Runs once when a server process starts: open (and for PGlite, lock and migrate) the
// database before the first request, so a second process on the same data fails at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Sign-in limits count by client address: a bad TRUSTED_PROXIES stops the server here,
  // not at the first sign-in.
  const { trustedProxyCount } = await import("./lib/auth/client-address");
  trustedProxyCount();
  const { capturePeerAddresses } = await import("./lib/auth/capture-peer-address");
  capturePeerAddresses();
  const { startServerDatabase } = await import("./db/server-lifecycle");
  await startServerDatabase();
}

// Errors Next catches itself (a page that throws) get the same log line as the wrappers'.
export const onRequestError: Instrumentation.onRequestError = async (error, request) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logServerError } = await import("./lib/logging/log-server-error");
  const requestId = request.headers["x-request-id"];
  logServerError(error, { requestId: typeof requestId === "string" ? requestId : "none" });
};
