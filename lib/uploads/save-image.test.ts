import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/limits";
import { readImage, saveImage } from "./save-image";

// The smallest valid PNG: a 1x1 transparent pixel.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "uploads-"));
  process.env.UPLOADS_DIR = directory;
});
afterAll(() => {
  delete process.env.UPLOADS_DIR;
  rmSync(directory, { recursive: true, force: true });
});

async function refusal(file: Blob) {
  const error = await saveImage(file, { field: "logo" }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).details;
}

describe("saveImage", () => {
  it("stores a PNG under its content hash and serves it back with its type", async () => {
    const { url } = await saveImage(new Blob([png], { type: "image/png" }), { field: "logo" });
    expect(url).toMatch(/^\/uploads\/[0-9a-f]{40}\.png$/);
    const again = await saveImage(new Blob([png]), { field: "logo" });
    expect(again.url).toBe(url);
    const image = await readImage(url.slice("/uploads/".length));
    expect(image?.contentType).toBe("image/png");
    expect(image?.bytes.equals(png)).toBe(true);
    expect(readdirSync(directory)).toHaveLength(1);
  });

  it("reads the type from the bytes: an SVG named .png is refused, and nothing is written", async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], {
      type: "image/png",
    });
    expect(await refusal(svg)).toEqual({ field: "logo", validation: "imageType" });
    expect(readdirSync(directory)).toHaveLength(1);
  });

  it("refuses an empty file and one over the size limit", async () => {
    expect(await refusal(new Blob([]))).toEqual({ field: "logo", validation: "required" });
    const large = new Uint8Array(limits.maxImageBytes + 1);
    large.set(png);
    expect(await refusal(new Blob([large]))).toEqual({ field: "logo", validation: "imageTooLarge" });
  });

  it("serves only names it wrote: no other file, no path outside the directory", async () => {
    expect(await readImage("../../etc/passwd")).toBeNull();
    expect(await readImage(`${"0".repeat(40)}.png`)).toBeNull();
    expect(await readImage(`${"0".repeat(40)}.svg`)).toBeNull();
  });
});
