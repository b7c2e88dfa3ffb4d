import type { LoaderFunctionArgs } from "@remix-run/node";
import { readStoredFile } from "~/lib/uploads.server";

// Uploaded product photos, one stored size each. A key is never reused (a new upload gets a new
// one), so a year of caching in browsers and proxies can never show a stale picture.
const KEY = /^[a-f0-9]{24}$/;
const FILE = /^(\d{2,4})\.(webp|avif)$/;

export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  const file = FILE.exec(params.file ?? "");
  if (!KEY.test(key) || !file) throw new Response("Not Found", { status: 404 });
  const bytes = await readStoredFile(`photos/${key}/${file[0]}`);
  if (!bytes) throw new Response("Not Found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file[2] === "avif" ? "image/avif" : "image/webp",
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
