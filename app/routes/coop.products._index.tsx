import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { formatFen } from "~/lib/money";
import { coopListings } from "~/models/coops/listing.server";
import { PRODUCT_STATUS_LABELS } from "~/models/coops/product-status";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ products: await coopListings(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopProducts() {
  const { products } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">商品与库存</h1>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <Link to="/coop" className="text-brand-700 hover:underline">工作台</Link>
          <Link to="/coop/impact" className="text-brand-700 hover:underline">农户收益 →</Link>
          <Link to="/coop/products/new" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">新建商品</Link>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm [&_td:not(:first-child)]:whitespace-nowrap [&_th]:whitespace-nowrap">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2">商品</th>
              <th>状态</th>
              <th>扶贫认定</th>
              <th className="text-right">最低价</th>
              <th className="text-right">可售库存</th>
              <th className="text-right">累计售出</th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.slug} className="border-b border-stone-100">
                <td className="py-1.5">
                  <Link to={`/coop/products/${p.slug}`} className="text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                  <span className="ml-2 text-xs text-stone-500">{p.county.name} · {p._count.variants} 个在售规格</span>
                </td>
                <td>{PRODUCT_STATUS_LABELS[p.status] ?? p.status}</td>
                <td>{CERT_LABELS[p.certStatus] ?? p.certStatus}</td>
                <td className="text-right tabular-nums">{formatFen(p.minPriceFen)}</td>
                <td className={`text-right tabular-nums ${p.totalStock === 0 ? "font-semibold text-red-700" : ""}`}>
                  {p.totalStock === 0 ? "已售罄" : p.totalStock}
                </td>
                <td className="text-right tabular-nums">{p.salesCount}</td>
              </tr>
            ))}
            {products.length === 0 ? <EmptyRow colSpan={6}>本社还没有商品：点「新建商品」，认定通过后即可上架。</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "商品与库存 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
