import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orderStatusLabel } from "~/models/orders/status";
import { myAdoptions } from "~/models/trees/adoption.server";
import { gramsToKg, PHASE_LABELS } from "~/models/trees/season";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ adoptions: await myAdoptions({ id: user.id, organizationId: user.organizationId }) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyTrees() {
  const { adoptions } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">我的认养</h1>
      {adoptions.length === 0 ? (
        <p className="text-stone-600">
          您还没有认养果树。<Link to="/trees" className="text-brand-700 underline">去看看果园</Link>
        </p>
      ) : null}
      <ul className="space-y-3">
        {adoptions.map((a) => {
          const o = a.offer.season.orchard;
          const shipped = a.deliveries.filter((d) => d.parcel).length;
          return (
            <li key={a.code} className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="adoption">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold">
                  {o.name} · {a.offer.tree.code} 号树 · {a.offer.season.year} 年
                </h2>
                <span className="text-stone-500">
                  订单 <Link to={`/orders/${a.order.number}`} className="underline">{a.order.number}</Link> · {orderStatusLabel(a.order.status)}
                </span>
              </div>
              <p className="mt-1 text-stone-600">
                证书名称：{a.displayName} · 收成 {gramsToKg(a.shareGrams)} · {o.product.county.name} {o.product.coop.name}
              </p>
              {a.paid ? (
                <p className="mt-2 flex flex-wrap gap-4">
                  <Link to={`/trees/${a.code}`} className="text-brand-700 underline">认养证书与生长日志</Link>
                  <Link to={`/trees/mine/${a.code}`} className="text-brand-700 underline">
                    {a.deliveries.length ? `收成寄送（${a.deliveries.length} 份，已寄出 ${shipped}）` : "安排收成寄送 / 转赠"}
                  </Link>
                  {a.renewal ? (
                    <Link to={`/trees/orchards/${o.slug}`} className="font-medium text-amber-700 underline">
                      续养 {a.renewal.year} 年（{PHASE_LABELS[a.renewal.phase]}）
                    </Link>
                  ) : null}
                </p>
              ) : (
                <p className="mt-2 text-amber-800">待付款：付款后生成认养证书。</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的认养 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
