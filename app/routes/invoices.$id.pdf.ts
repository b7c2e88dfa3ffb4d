import type { LoaderFunctionArgs } from "@remix-run/node";
import { readDocument } from "~/lib/uploads.server";
import { invoicePdfFor } from "~/models/invoices/invoice.server";
import { requireUser } from "~/session.server";

// An issued invoice's PDF, for the buyer (or their organisation), the issuing co-op and staff.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await invoicePdfFor(params.id ?? "", { id: user.id, staff: user.roles.includes("staff"), organizationId: user.organizationId, coopId: user.coopId });
  const file = found ? await readDocument(found.file) : null;
  if (!found || !file) throw new Response("发票不存在", { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(found.name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
