import { describe, expect, it } from "vitest";
import { servedOverHttps } from "./served-over-https";

const forwarded = (proto?: string) => new Headers(proto ? { "x-forwarded-proto": proto } : {});

describe("whether a request came over HTTPS (and gets HSTS)", () => {
  it("ignores X-Forwarded-Proto when no proxy is trusted: any client can send it", () => {
    expect(servedOverHttps(forwarded("https"), {})).toBe(false);
    expect(servedOverHttps(forwarded("https"), { TRUSTED_PROXIES: "0" })).toBe(false);
  });

  it("believes the value the outermost trusted proxy wrote", () => {
    expect(servedOverHttps(forwarded("https"), { TRUSTED_PROXIES: "1" })).toBe(true);
    expect(servedOverHttps(forwarded("http"), { TRUSTED_PROXIES: "1" })).toBe(false);
    // The client's own "https" ahead of the proxy's "http" is not believed.
    expect(servedOverHttps(forwarded("https, http"), { TRUSTED_PROXIES: "1" })).toBe(false);
    expect(servedOverHttps(forwarded("https, http"), { TRUSTED_PROXIES: "2" })).toBe(true);
    expect(servedOverHttps(forwarded(), { TRUSTED_PROXIES: "1" })).toBe(false);
  });

  it("is always true when the deployment says every request is HTTPS", () => {
    expect(servedOverHttps(forwarded(), { SERVED_OVER_HTTPS: "true" })).toBe(true);
  });
});
