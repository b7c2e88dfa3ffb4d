import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf } from "~/models/trees/certificate-pdf.server";
import { certificate } from "~/models/trees/orchard.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const cert = await certificate(params.code ?? "");
  if (!cert) throw new Response("没有这份认养证书", { status: 404 });
  return new Response(new Uint8Array(await certificatePdf(cert)), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="certificate-${cert.code}.pdf"`, "Cache-Control": "private, max-age=60" },
  });
}
