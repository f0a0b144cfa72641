import http from "node:http";
import https from "node:https";
import { peerAddressHeader } from "./client-address";

type Emitter = { emit(event: string | symbol, ...args: unknown[]): boolean };

/**
 * Writes each request's socket peer into a header, over any value the client sent, before
 * Next reads the request: route handlers and server actions get headers, never the socket.
 * Called once per server process, from instrumentation.ts.
 */
export function capturePeerAddresses(): void {
  for (const prototype of [http.Server.prototype, https.Server.prototype] as Emitter[]) {
    const emit = prototype.emit;
    prototype.emit = function (this: unknown, event, ...args) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        request.headers[peerAddressHeader] = request.socket.remoteAddress ?? "";
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    };
  }
}
