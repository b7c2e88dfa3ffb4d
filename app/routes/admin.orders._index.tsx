import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/order-parts";
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { ORDER_STATUS_LABELS, ORDER_STATUSES } from "~/models/orders/status";
import { listOrdersForStaff } from "~/models/orders/order-view.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const url = new URL(request.url);
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const result = await listOrdersForStaff({
    status: url.searchParams.get("status"),
    q: (url.searchParams.get("q") ?? "").slice(0, 100) || null,
    page: Number.isFinite(page) ? page : 1,
  });
  return json(result);
}

export default function AdminOrders() {
  const { orders, total, page, pages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">订单</h1>
      <FilterForm className="flex flex-wrap gap-2 text-sm">
        <label htmlFor="status" className="sr-only">
          状态
        </label>
        <select id="status" name="status" defaultValue={params.get("status") ?? ""} className="rounded border border-stone-300 px-2 py-1.5">
          <option value="">全部状态</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ORDER_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label htmlFor="q" className="sr-only">
          订单号、邮箱或收件人
        </label>
        <input id="q" name="q" defaultValue={params.get("q") ?? ""} placeholder="订单号、邮箱或收件人" className="rounded border border-stone-300 px-3 py-1.5" />
        <button className="rounded bg-stone-800 px-3 text-white">查找</button>
      </FilterForm>
      <p className="text-sm text-stone-500">共 {total} 个订单</p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr>
              <th className="py-2">订单号</th>
              <th>状态</th>
              <th>买家</th>
              <th>下单时间</th>
              <th className="text-right">金额</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} className="border-b border-stone-100">
                <td className="py-2">
                  <Link to={`/admin/orders/${o.number}`} className="font-mono text-brand-700 hover:underline">
                    {o.number}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={o.status} />
                </td>
                <td>
                  {o.buyer.name} <span className="text-stone-500">{o.buyer.email}</span>
                </td>
                <td>{formatChinaDateTime(o.createdAt)}</td>
                <td className="text-right">
                  {formatFen(o.totalFen)}
                  {o.refundedFen ? <span className="block text-xs text-red-700">退 {formatFen(o.refundedFen)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="分页" className="flex gap-3 text-sm">
          {page > 1 ? <Link to={pageLink(page - 1)}>上一页</Link> : null}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>下一页</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "订单 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
