import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/public-origin.server";
import { qrSvg } from "~/lib/qr.server";
import { getProductBySlug } from "~/models/catalog/product.server";

// The product page's share QR code: scanned with WeChat or a phone camera it opens the product.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  if (!product) throw new Response("商品不存在或已下架", { status: 404 });
  const svg = await qrSvg(`${publicOrigin(request)}/products/${product.slug}`);
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
