import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { storedDocumentResponse } from "~/lib/uploads.server";
import { organizationLicence } from "~/models/institutions/organization.server";
import { requireUser } from "~/session.server";

// An organisation's 营业执照 / 单位证明, for staff verifying its registration.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  try {
    const licence = await organizationLicence(params.id ?? "");
    return await storedDocumentResponse(licence.key, licence.type, licence.type === "application/pdf" ? "licence.pdf" : "licence.jpg");
  } catch (error) {
    throwAsResponse(error, { "Cache-Control": "private, no-store" });
  }
}
