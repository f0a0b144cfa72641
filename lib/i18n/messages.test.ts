import fs from "node:fs";
import path from "node:path";
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  parse,
  type MessageFormatElement,
} from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { englishFallbackNamespaces } from "@/lib/i18n/catalog";

type Catalog = { [key: string]: string | Catalog };

function load(locale: string): Catalog {
  const file = path.join(import.meta.dirname, "messages", `${locale}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Catalog;
}

/** Nested catalog -> { "dashboard.locks.inactive": "…" }. Keys may contain spaces. */
function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

type ArgKind = "number" | "date" | "string";

/** Every argument a message uses, with the kind of value it needs; tags as "<name>". */
function collectArguments(elements: MessageFormatElement[], into = new Map<string, ArgKind>()) {
  for (const el of elements) {
    if (isPluralElement(el)) {
      into.set(el.value, "number");
      for (const option of Object.values(el.options)) collectArguments(option.value, into);
    } else if (isSelectElement(el)) {
      if (!into.has(el.value)) into.set(el.value, "string");
      for (const option of Object.values(el.options)) collectArguments(option.value, into);
    } else if (isNumberElement(el)) {
      into.set(el.value, "number");
    } else if (isDateElement(el) || isTimeElement(el)) {
      into.set(el.value, "date");
    } else if (isArgumentElement(el)) {
      if (!into.has(el.value)) into.set(el.value, "string");
    } else if (isTagElement(el)) {
      into.set(`<${el.value}>`, "string");
      collectArguments(el.children, into);
    }
  }
  return into;
}

/** Plural option keys used anywhere in a message (exact matches like "=0" included). */
function collectPluralKeys(elements: MessageFormatElement[], into: string[][] = []) {
  for (const el of elements) {
    if (isPluralElement(el)) {
      into.push(Object.keys(el.options));
      for (const option of Object.values(el.options)) collectPluralKeys(option.value, into);
    } else if (isSelectElement(el)) {
      for (const option of Object.values(el.options)) collectPluralKeys(option.value, into);
    } else if (isTagElement(el)) {
      collectPluralKeys(el.children, into);
    }
  }
  return into;
}

function dummyValues(args: Map<string, ArgKind>, n: number) {
  const values: Record<string, unknown> = {};
  for (const [name, kind] of args) {
    if (name.startsWith("<")) values[name.slice(1, -1)] = (chunks: unknown[]) => chunks.join("");
    else values[name] = kind === "number" ? n : kind === "date" ? new Date(Date.UTC(2025, 5, 15)) : `[${name}]`;
  }
  return values;
}

const english = flatten(load("en"));
const isEnglishFallback = (key: string) =>
  englishFallbackNamespaces.some((namespace) => key.startsWith(`${namespace}.`));
const englishArgs = new Map([...english].map(([key, message]) => [key, collectArguments(parse(message))]));
// Numbers that hit every CLDR plural category of our languages, and the "=0" branches.
const samples = [0, 1, 2, 5, 10, 11, 21, 22, 100, 101, 1.5];

describe.each(locales)("messages/%s.json", (locale) => {
  const messages = flatten(load(locale));

  it("has exactly the same keys as en.json (staff-only namespaces may fall back to English)", () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key) && !isEnglishFallback(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect(
      { missing, extra },
      `${locale}: missing ${missing.join(", ") || "none"}; extra ${extra.join(", ") || "none"}`,
    ).toEqual({
      missing: [],
      extra: [],
    });
  });

  it("has only valid ICU messages that format with dummy arguments", () => {
    const failures: string[] = [];
    for (const [key, message] of messages) {
      const args = englishArgs.get(key) ?? new Map<string, ArgKind>();
      try {
        const format = new IntlMessageFormat(message, locale);
        for (const n of samples) {
          const out = format.format(dummyValues(args, n));
          if (typeof out !== "string" || out.length === 0) failures.push(`${key}: formatted to ${JSON.stringify(out)}`);
        }
      } catch (error) {
        failures.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("uses the same ICU arguments as the English message", () => {
    const failures: string[] = [];
    for (const [key, message] of messages) {
      const expected = englishArgs.get(key);
      if (!expected) continue; // reported by the key test
      let actual: Map<string, ArgKind>;
      try {
        actual = collectArguments(parse(message));
      } catch (error) {
        failures.push(`${key}: does not parse (${(error as Error).message})`);
        continue;
      }
      const want = [...expected.keys()].sort();
      const got = [...actual.keys()].sort();
      if (want.join("|") !== got.join("|"))
        failures.push(`${key}: expected {${want.join(", ")}}, got {${got.join(", ")}}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("uses only the plural categories of its language, always with `other`", () => {
    const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
    const failures: string[] = [];
    for (const [key, message] of messages) {
      let plurals: string[][];
      try {
        plurals = collectPluralKeys(parse(message));
      } catch {
        continue; // reported by the parse test
      }
      for (const keys of plurals) {
        if (!keys.includes("other")) failures.push(`${key}: no "other" branch`);
        const wrong = keys.filter((k) => !/^=\d+$/.test(k) && !categories.has(k));
        if (wrong.length > 0) failures.push(`${key}: ${wrong.join(", ")} not a ${locale} plural category`);
        const unused = [...categories].filter((c) => !keys.includes(c));
        if (unused.length > 0) failures.push(`${key}: missing ${unused.join(", ")} branch`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
});
