import { NextResponse, type NextRequest } from "next/server";
import { newRequestId, requestIdHeader } from "@/lib/http/request-id";
import { securityHeaders } from "@/lib/http/security-headers";
import { servedOverHttps } from "@/lib/http/served-over-https";

/**
 * Every request gets its own id (for the logs, and for the person quoting it on a failure)
 * and a fresh CSP nonce, which Next reads from the request's policy header and puts on the
 * scripts it renders. Never a security boundary: pages and actions check access themselves.
 */
export function proxy(request: NextRequest) {
  const requestId = newRequestId();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    nonce,
    https: servedOverHttps(request.headers),
    development: process.env.NODE_ENV === "development",
  });
  const forwarded = new Headers(request.headers);
  forwarded.set(requestIdHeader, requestId);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(requestIdHeader, requestId);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Built files are the same for everyone and carry no page: no nonce, no id needed.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
