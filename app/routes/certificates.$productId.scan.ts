import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { storedDocumentResponse } from "~/lib/uploads.server";
import { certificateScanFor } from "~/models/coops/lifecycle.server";
import { requireUser } from "~/session.server";

// A product's certificate scan: for its co-op's managers and for staff only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const scan = await certificateScanFor(user, params.productId ?? "");
    return await storedDocumentResponse(scan.key, scan.type, scan.type === "application/pdf" ? "certificate.pdf" : "certificate.jpg");
  } catch (error) {
    throwAsResponse(error, { "Cache-Control": "private, no-store" });
  }
}
