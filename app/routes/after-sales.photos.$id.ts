import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoForViewer } from "~/models/after-sales/view.server";
import { requireUser } from "~/session.server";

// An after-sales photo, for the buyer who sent it, the co-op it concerns and staff only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const photo = await photoForViewer(params.id ?? "", user);
  if (!photo) throw new Response("照片不存在", { status: 404 });
  return new Response(new Uint8Array(photo.bytes), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline" },
  });
}
