import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/public-origin.server";
import { qrSvg } from "~/lib/qr.server";
import { normaliseTraceCode } from "~/models/batches/batch.server";
import { publicTrace } from "~/models/batches/trace.server";

// The QR code that opens a batch's trace page (shown on order pages; printed on packing slips).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normaliseTraceCode(params.code ?? "");
  if (!code || !(await publicTrace(code))) throw new Response("没有这个批次追溯码", { status: 404 });
  const svg = await qrSvg(`${publicOrigin(request)}/trace/${code}`);
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
