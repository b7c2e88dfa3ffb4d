import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AddToCart } from "~/components/add-to-cart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatFen } from "~/lib/money";
import { getProductBySlug } from "~/models/product.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const product = await getProductBySlug(params.slug ?? "");
  if (!product) throw new Response("商品不存在或已下架", { status: 404 });
  return json({ product });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.product.name} · ${data.product.county.name} · 陇货通` },
        { name: "description", content: data.product.description.slice(0, 120) },
      ]
    : [{ title: "商品不存在 · 陇货通" }];

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const main = product.images[0];
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-8 md:grid-cols-2">
      <div>{main ? <img src={main.url} alt={main.alt} width={800} height={600} className="w-full rounded-lg" /> : null}</div>
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{product.name}</h1>
        <p className="text-stone-600">{product.description}</p>
        <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-stone-500">产地</dt>
          <dd>
            {product.county.prefecture.name} · {product.county.name}（{product.county.partnerCity.name}结对帮扶）
          </dd>
          <dt className="text-stone-500">供货方</dt>
          <dd>{product.coop.name}</dd>
          <dt className="text-stone-500">扶贫认定</dt>
          <dd>{product.certStatus === "CERTIFIED" ? `已认定 ${product.certNumber ?? ""}` : "认定中"}</dd>
          <dt className="text-stone-500">采收期</dt>
          <dd>{product.harvestSeason}</dd>
          <dt className="text-stone-500">发货</dt>
          <dd>{product.shippingNote}</dd>
        </dl>
        <ul className="space-y-2">
          {product.variants.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-stone-200 bg-white p-3">
              <span>
                {v.name}
                {v.giftBox ? <span className="ml-2 text-xs text-brand-600">礼盒</span> : null}
              </span>
              <span className="font-semibold text-brand-700">{formatFen(v.priceFen)}</span>
              <AddToCart variantId={v.id} soldOut={v.stock <= 0} label={`${product.name}（${v.name}）`} />
            </li>
          ))}
        </ul>
        <p className="text-sm text-stone-500">
          本品销售额将计入 {product.county.name}、{product.coop.name} 及其带动的 {product._count.shares} 户建档立卡贫困户。
        </p>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
