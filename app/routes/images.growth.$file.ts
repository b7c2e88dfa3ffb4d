import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPhoto } from "~/lib/photo-store.server";
import { GROWTH_PHOTO_FOLDER } from "~/models/trees/growth-log.server";

// Growth-log photos, public like the certificates that show them. Names are random and never reused.
export async function loader({ params }: LoaderFunctionArgs) {
  const photo = await readPhoto(GROWTH_PHOTO_FOLDER, params.file ?? "");
  if (!photo) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(photo.bytes), {
    headers: { "Content-Type": photo.mime, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
