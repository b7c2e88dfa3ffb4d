import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/order-parts";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { listBuyerOrders } from "~/models/orders/order-view.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ orders: await listBuyerOrders(user.id) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyOrders() {
  const { orders } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">我的订单</h1>
        <Link to="/account/notifications" className="text-sm text-brand-700 hover:underline">
          发货、付款通知设置
        </Link>
      </div>
      {orders.length === 0 ? (
        <p className="text-stone-600">还没有订单。</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
          {orders.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
              <Link to={`/orders/${o.number}`} className="font-mono font-medium text-brand-700 hover:underline">
                {o.number}
              </Link>
              <StatusBadge status={o.status} />
              <span className="min-w-0 flex-1 truncate text-stone-600">
                {o.lines.map((l) => `${l.productName}×${l.quantity}`).join("、")}
                {o._count.lines > o.lines.length ? ` 等 ${o._count.lines} 件商品` : ""}
              </span>
              <span className="text-stone-500">{formatChinaDateTime(o.createdAt)}</span>
              <span className="font-semibold">{formatFen(o.totalFen)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的订单 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
