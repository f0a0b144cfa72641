import { headers } from "next/headers";

export const requestIdHeader = "x-request-id";

/** A new id for a request: proxy.ts gives one to every request, in and out. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The id proxy.ts gave the request being served, or a new one where none ran. */
export async function currentRequestId(): Promise<string> {
  try {
    return (await headers()).get(requestIdHeader) ?? newRequestId();
  } catch {
    // Outside a request (a script, a test) there are no headers to read.
    return newRequestId();
  }
}
