import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { storedDocumentResponse } from "~/lib/uploads.server";
import { licenceOf } from "~/models/suppliers/application.server";
import { requireUser } from "~/session.server";

// The licence of an application: for its applicant, its county's reviewers and staff only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const licence = await licenceOf(user, params.id ?? "");
    return await storedDocumentResponse(licence.key, licence.type, licence.type === "application/pdf" ? "licence.pdf" : "licence.jpg");
  } catch (error) {
    throwAsResponse(error, { "Cache-Control": "private, no-store" });
  }
}
