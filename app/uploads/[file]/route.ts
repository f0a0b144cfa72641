import { readImage } from "@/lib/uploads/save-image";

/** Uploaded images, by their content-hash name: the same bytes for ever, so cached for a year. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const image = await readImage((await params).file);
  if (!image) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
