import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./landing-path";

describe("safeReturnPath", () => {
  it.each([
    ["/p/northwind-rewards/dashboard", "/p/northwind-rewards/dashboard"],
    ["/admin/northwind-coffee?tab=staff#list", "/admin/northwind-coffee?tab=staff#list"],
    ["/", "/"],
    // Encoded slashes and look-alikes stay inside one path segment, encoded.
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/%5c%5cevil.example", "/%5c%5cevil.example"],
    ["/\uFF0F\uFF0Fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"],
    ["/\u2215\u2215evil.example", "/%E2%88%95%E2%88%95evil.example"],
    ["/a/../b", "/b"],
    ["/caf\u00e9", "/caf%C3%A9"],
  ])("keeps %j on this site as %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    ["no path", undefined],
    ["an empty path", ""],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme-relative URL", "//evil.example"],
    ["a slash and a backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a tab between the slashes", "/\t/evil.example"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["CR LF between the slashes", "/\r\n/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["a control character inside a path", "/p/a\u0001b"],
    ["a dot segment that collapses into a host", "/.//evil.example"],
    ["an encoded dot segment that collapses into a host", "/%2e%2e//evil.example"],
    ["a dot segment before a backslash", "/./\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "admin"],
    ["leading whitespace", " /admin"],
  ])("refuses %s", (_, input) => {
    expect(safeReturnPath(input)).toBeNull();
  });

  it("never returns a path that leaves the site when the browser follows it", () => {
    const origin = "https://shop.example";
    const tricky = [
      "/.//x",
      "/..//x",
      "/%2e/%2e//x",
      "/a/..//x",
      "/%09/x",
      "/\u3002/x",
      "/@evil.example",
      "/:@evil.example",
    ];
    for (const input of tricky) {
      const path = safeReturnPath(input);
      if (path !== null) expect(new URL(path, origin).origin).toBe(origin);
    }
  });
});
