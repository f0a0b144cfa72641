import { isIPv4, isIPv6 } from "node:net";

/**
 * The address of the socket's peer, set on every request by the server itself
 * (capture-peer-address.ts) over whatever a client sent. `next start` passes a client's own
 * X-Forwarded-For through untouched and fills it with the peer only when it is missing, so
 * that header alone cannot say who connected.
 */
export const peerAddressHeader = "x-loyalty-peer-address";

/** TRUSTED_PROXIES: how many proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyCount(value = process.env.TRUSTED_PROXIES): number {
  if (value === undefined || value.trim() === "") return 0;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`TRUSTED_PROXIES must be a whole number of proxies, 0 or more (got "${value}")`);
  }
  return count;
}

/**
 * Who sent the request, as far as it can be trusted. Each proxy appends the address it was
 * reached from, so the trustworthy entries are on the right: with N trusted proxies the client
 * is the Nth address from the right, the last proxy being the socket's peer. Anything further
 * left was written by the client. A chain shorter than N gives its leftmost address.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string {
  const peer = headers.get(peerAddressHeader)?.trim() || "unknown";
  const forwarded =
    trustedProxies > 0
      ? (headers.get("x-forwarded-for") ?? "")
          .split(",")
          .map((hop) => hop.trim())
          .filter(Boolean)
      : [];
  const hops = [...forwarded, peer];
  return limitedAddress(hops[Math.max(0, hops.length - 1 - trustedProxies)]!);
}

/**
 * The address as limits count it: IPv4 plainly (also when written as IPv6, "::ffff:1.2.3.4"),
 * IPv6 by its /64, the block one subscriber is usually given whole.
 */
function limitedAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An IPv4 tail ("64:ff9b::1.2.3.4") stands for two groups.
  const width = right.reduce((sum, group) => sum + (group.includes(".") ? 2 : 1), 0);
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - width).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
