import { requireOrgMember } from "~/session.server";
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatFen } from "~/lib/money";
import { paymentMethodLabel } from "~/models/institutions/bulk-order.schema";
import { listOrgOrders } from "~/models/institutions/bulk-order.server";
import { isOrderStatus, ORDER_STATUS_LABELS, ORDER_STATUSES, orderStatusLabel } from "~/models/orders/status";
import { businessDay } from "~/lib/china-time";

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request);
  const raw = new URL(request.url).searchParams.get("status");
  const status = isOrderStatus(raw) ? raw : null;
  return json({ orders: await listOrgOrders(organization.id, { status }), status });
}

export default function OrgOrders() {
  const { orders, status } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">采购订单</h1>
        <Link to="/org/orders/new" className="rounded bg-brand-600 px-3 py-1.5 text-white">新建采购</Link>
      </div>
      <FilterForm className="flex gap-2 text-sm">
        <label htmlFor="status" className="self-center">状态</label>
        <select id="status" name="status" defaultValue={status ?? ""} className="rounded border px-2 py-1">
          <option value="">全部</option>
          {ORDER_STATUSES.map((s) => <option key={s} value={s}>{ORDER_STATUS_LABELS[s]}</option>)}
        </select>
        <button className="rounded bg-stone-800 px-3 text-white">筛选</button>
      </FilterForm>
      {orders.length === 0 ? <p className="text-stone-500">没有订单。</p> : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[640px] text-left text-sm">
            <thead className="border-b text-stone-500"><tr><th className="py-2">订单号</th><th>下单人</th><th>采购单号</th><th>付款方式</th><th className="text-right">金额</th><th>状态</th><th>包裹</th><th></th></tr></thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id} className="border-b">
                  <td className="py-2"><Link to={`/org/orders/${o.number}`} className="text-brand-700 underline">{o.number}</Link><div className="text-xs text-stone-500">{businessDay(new Date(o.createdAt))}</div></td>
                  <td>{o.buyer.name}</td>
                  <td>{o.poNumber ?? "—"}</td>
                  <td>{paymentMethodLabel(o.paymentMethod)}</td>
                  <td className="text-right tabular-nums">{formatFen(o.totalFen)}</td>
                  <td>{orderStatusLabel(o.status)}</td>
                  <td>{o._count.parcels}</td>
                  <td><Link to={`/org/orders/new?from=${o.number}`} className="text-xs text-brand-700 underline">再来一单</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "采购订单 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
