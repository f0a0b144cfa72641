import { describe, expect, it } from "vitest";
import { clientAddress, peerAddressHeader, trustedProxyCount } from "./client-address";

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(peerAddressHeader, peer);
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};

describe("clientAddress", () => {
  it.each([
    // [trusted proxies, peer, X-Forwarded-For, client]
    [0, "203.0.113.7", undefined, "203.0.113.7"],
    [0, "203.0.113.7", "198.51.100.1", "203.0.113.7"],
    [0, "203.0.113.7", "198.51.100.1, 198.51.100.2", "203.0.113.7"],
    [1, "10.0.0.2", "203.0.113.7", "203.0.113.7"],
    [1, "10.0.0.2", "198.51.100.66, 203.0.113.7", "203.0.113.7"],
    [1, "10.0.0.2", " 198.51.100.66 ,203.0.113.7 ", "203.0.113.7"],
    [2, "10.0.0.3", "198.51.100.66, 203.0.113.7, 10.0.0.2", "203.0.113.7"],
    [2, "10.0.0.3", "203.0.113.7", "203.0.113.7"],
    [3, "10.0.0.3", "203.0.113.7", "203.0.113.7"],
    [1, "10.0.0.2", undefined, "10.0.0.2"],
    [1, "10.0.0.2", "", "10.0.0.2"],
    [0, "::ffff:127.0.0.1", undefined, "127.0.0.1"],
    [1, "10.0.0.2", "::FFFF:203.0.113.7", "203.0.113.7"],
    [0, "2001:db8:aa:bb:1:2:3:4", undefined, "2001:db8:aa:bb::/64"],
    [0, "2001:db8:aa:bb::9", undefined, "2001:db8:aa:bb::/64"],
    [0, "2001:0DB8:0000:00bb::9", undefined, "2001:db8:0:bb::/64"],
    [0, "2001:db8::1", undefined, "2001:db8:0:0::/64"],
    [0, "::1", undefined, "0:0:0:0::/64"],
    [0, "1::2:3:4:5:1.2.3.4", undefined, "1:0:2:3::/64"],
    [0, null, "203.0.113.7", "unknown"],
  ])(
    "with %i trusted proxies, peer %s and X-Forwarded-For %j, the client is %s",
    (proxies, peer, forwardedFor, expected) => {
      expect(clientAddress(request(peer, forwardedFor), proxies)).toBe(expected);
    },
  );
});

describe("trustedProxyCount", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["2", 2],
  ])("reads %j as %i", (value, expected) => {
    expect(trustedProxyCount(value)).toBe(expected);
  });

  it.each(["-1", "1.5", "two", "true"])("refuses %j", (value) => {
    expect(() => trustedProxyCount(value)).toThrow(/TRUSTED_PROXIES/);
  });
});
