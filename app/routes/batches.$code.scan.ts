import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDocument } from "~/lib/uploads.server";
import { batchScanFor } from "~/models/batches/batch.server";
import { requireUser } from "~/session.server";

// A batch certificate's scan: its co-op's managers and staff only (it may carry a producer's name).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = await batchScanFor(params.code ?? "", { staff: user.roles.includes("staff"), coopId: user.roles.includes("coop_manager") ? user.coopId : null });
  const file = name ? await readDocument(name) : null;
  if (!file) throw new Response("没有这个扫描件", { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: { "Content-Type": file.contentType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox" },
  });
}
