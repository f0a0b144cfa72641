import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturePeerAddresses } from "./capture-peer-address";
import { peerAddressHeader } from "./client-address";

let server: http.Server;
let port: number;
beforeAll(async () => {
  capturePeerAddresses();
  server = http.createServer((request, response) => {
    response.end(
      JSON.stringify({
        peer: request.headers[peerAddressHeader],
        forwardedFor: request.headers["x-forwarded-for"] ?? null,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("capturePeerAddresses", () => {
  it("puts the socket's peer in the header, over what the client sent, and leaves X-Forwarded-For alone", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [peerAddressHeader]: "198.51.100.66", "x-forwarded-for": "198.51.100.66" },
    });
    expect(await response.json()).toEqual({ peer: "127.0.0.1", forwardedFor: "198.51.100.66" });
  });
});
