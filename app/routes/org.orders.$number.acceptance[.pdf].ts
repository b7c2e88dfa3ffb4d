import type { LoaderFunctionArgs } from "@remix-run/node";
import { throwAsResponse } from "~/lib/errors";
import { acceptanceFormData } from "~/models/institutions/acceptance.server";
import { acceptanceFormPdf } from "~/models/institutions/pdf.server";
import { requireOrgMember } from "~/session.server";

// The 验收单 of a delivered order, for the organisation's accountant (any member may print it).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  let pdf: Buffer;
  try {
    pdf = await acceptanceFormPdf(await acceptanceFormData(organization.id, params.number ?? ""));
  } catch (error) {
    throwAsResponse(error, { "Cache-Control": "private, no-store" });
  }
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="acceptance-${params.number}.pdf"`, "Cache-Control": "private, no-store" },
  });
}
