import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/limits";

// Images merchants upload (logos, reward pictures), kept by the app in a directory: under
// .data/ by default, or UPLOADS_DIR (a volume every instance shares, when there are several).
// A file is named by its content's hash, so a URL never changes meaning and can be cached
// for ever, and uploading the same picture twice stores it once.

export const imageTypes = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
} as const;
type ImageExtension = keyof typeof imageTypes;

/** `/uploads/<name>`: the names this module writes, and the only ones the route serves. */
export const uploadNamePattern = /^[0-9a-f]{40}\.(png|jpg|webp|gif)$/;

export function uploadsDirectory(): string {
  return process.env.UPLOADS_DIR ?? path.join(process.cwd(), ".data", "uploads");
}

/**
 * Stores an uploaded image and returns its URL. The type is read from the file's first bytes,
 * never from its name or the browser's claim: PNG, JPEG, WebP and GIF only (no SVG, which can
 * carry scripts). `field` names the form field a refusal belongs to.
 */
export async function saveImage(file: Blob, options: { field: string }): Promise<{ url: string }> {
  const refuse = (validation: string, message: string): never => {
    throw new AppError("invalid_input", message, { field: options.field, validation });
  };
  if (file.size === 0) refuse("required", "Choose an image to upload");
  if (file.size > limits.maxImageBytes) refuse("imageTooLarge", "An image is at most 2 MB");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const extension = sniffImageType(bytes) ?? refuse("imageType", "The image must be a PNG, JPEG, WebP or GIF file");
  const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}.${extension}`;
  const directory = uploadsDirectory();
  await mkdir(directory, { recursive: true });
  // Written aside and renamed, so a reader never sees half a file.
  const partial = path.join(directory, `.${name}.${process.pid}.partial`);
  await writeFile(partial, bytes);
  await rename(partial, path.join(directory, name));
  return { url: `/uploads/${name}` };
}

/** The stored image for a URL's name, or null when there is none by that name. */
export async function readImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!uploadNamePattern.test(name)) return null;
  const extension = name.slice(name.lastIndexOf(".") + 1) as ImageExtension;
  try {
    return { bytes: await readFile(path.join(uploadsDirectory(), name)), contentType: imageTypes[extension] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function sniffImageType(bytes: Uint8Array): ImageExtension | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const ascii = (offset: number, text: string) =>
    [...text].every((char, i) => bytes[offset + i] === char.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  return null;
}
