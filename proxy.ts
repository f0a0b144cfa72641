import { NextResponse, type NextRequest } from "next/server";
import { newRequestId, requestIdHeader } from "@/lib/http/request-id";

/**
 * Every request gets its own id, for the logs and for the person quoting it on a failure.
 * Never a security boundary: pages and actions check access themselves.
 */
export function proxy(request: NextRequest) {
  const requestId = newRequestId();
  const forwarded = new Headers(request.headers);
  forwarded.set(requestIdHeader, requestId);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(requestIdHeader, requestId);
  return response;
}

export const config = {
  // Built files are the same for everyone and carry no page: no id needed.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
