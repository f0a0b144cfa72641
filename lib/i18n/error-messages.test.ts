import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appErrorCodes } from "@/lib/errors";
import { locales } from "./locales";

// Server actions return error codes and the browser shows errors.<code>: a code without a
// message would show nothing (or throw) in that language.
describe("error messages", () => {
  const codes = [...Object.keys(appErrorCodes), "internal"];
  it.each(locales)("every error code has a message in %s", (locale) => {
    const catalog = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, "messages", `${locale}.json`), "utf8"),
    ) as {
      errors: Record<string, string>;
    };
    expect(codes.filter((code) => !catalog.errors[code])).toEqual([]);
  });
});
