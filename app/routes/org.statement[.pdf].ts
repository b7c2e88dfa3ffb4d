import { requireOrgMember } from "~/session.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/public-origin.server";
import { qrPng } from "~/lib/qr.server";
import { pledgeStatementPdf } from "~/models/institutions/pdf.server";
import { issuePledgeCertificate, pledgeProgress } from "~/models/institutions/pledge.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  const raw = new URL(request.url).searchParams.get("year") ?? "";
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2016 || Number(raw) > 2100) throw new Response("年份无效", { status: 400 });
  const progress = await pledgeProgress(organization.id, Number(raw));
  const { code, asOf } = await issuePledgeCertificate(organization.id, progress);
  const url = `${publicOrigin(request)}/verify/${code}`;
  const pdf = await pledgeStatementPdf(organization, progress, { code, url, qr: await qrPng(url), asOf });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="statement-${raw}.pdf"`, "Cache-Control": "private, no-store" },
  });
}
