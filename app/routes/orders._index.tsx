import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatusBadge } from "~/components/order-parts";
import { Pagination } from "~/components/pagination";
import { ParcelStatusBadge, Tracking } from "~/components/parcel-parts";
import { formatChinaDateTime } from "~/lib/china-time";
import { isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { BUYER_ORDER_TABS, BUYER_TAB_LABELS, buyerOrdersHref, parseBuyerTab } from "~/models/orders/buyer-tabs";
import { buyerOrderListActionSchema } from "~/models/orders/buyer-order.schema";
import { buyAgain, findCart } from "~/models/orders/cart.server";
import { listBuyerOrders } from "~/models/orders/order-view.server";
import { wasPaid } from "~/models/orders/status";
import { confirmReceipt } from "~/models/parcels/shipping.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const list = await listBuyerOrders(user.id, { tab: parseBuyerTab(url.searchParams.get("tab")), q: url.searchParams.get("q") ?? "", page: Number(url.searchParams.get("page")) || 1 });
  return json(list, { headers: { "Cache-Control": "private, no-store" } });
}

/** 确认收货 and 再次购买 straight from the list; back to the same tab and search afterwards. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(buyerOrderListActionSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  const url = new URL(request.url);
  url.searchParams.delete("index");
  const back = `/orders${url.searchParams.size ? `?${url.searchParams}` : ""}`;
  try {
    if (parsed.data.intent === "confirm-receipt") {
      await confirmReceipt({ parcelId: parsed.data.parcelId, buyerId: user.id });
      return redirect(back, { headers: await flash(request, "已确认收货，欢迎到订单页评价合作社") });
    }
    const { cartId } = await findCart(request, user.id, { create: true });
    const { addedUnits, problems } = await buyAgain({ orderId: parsed.data.orderId, buyerId: user.id, cartId });
    const added = addedUnits > 0 ? `已将 ${addedUnits} 件商品加入购物车，按今日价格结算` : "没有商品加入购物车";
    return redirect(addedUnits > 0 ? "/cart" : back, { headers: await flash(request, [added, ...problems].join("；")) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirect(back, { headers: await flash(request, error.message) });
  }
}

const actionClass = "inline-flex min-h-11 items-center rounded border px-3 text-sm";

export default function MyOrders() {
  const { orders, counts, tab, q, page, pages } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">我的订单</h1>
        <Link to="/account/notifications" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          发货、付款通知设置
        </Link>
      </div>
      {/* tabs are links: they work without JavaScript and always follow the URL */}
      <nav aria-label="订单状态" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex min-w-max gap-1 border-b border-stone-200">
          {BUYER_ORDER_TABS.map((t) => (
            <li key={t}>
              <Link
                to={buyerOrdersHref(t, q)}
                aria-current={t === tab ? "page" : undefined}
                className={`inline-flex min-h-11 items-center gap-1 border-b-2 px-3 text-sm ${t === tab ? "border-brand-600 font-semibold text-brand-700" : "border-transparent text-stone-700"}`}
              >
                {BUYER_TAB_LABELS[t]}
                <span className="text-xs text-stone-500" data-testid={`tab-count-${t}`}>
                  {counts[t]}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" role="search" className="flex gap-2">
        {tab !== "all" ? <input type="hidden" name="tab" value={tab} /> : null}
        <label htmlFor="order-q" className="sr-only">
          搜索订单
        </label>
        {/* key: a new search in the URL (back button, a tab link) shows its own words */}
        <input key={q} id="order-q" name="q" type="search" defaultValue={q} placeholder="订单号或商品名称" className="min-h-11 min-w-0 flex-1 rounded border border-stone-300 px-3" />
        <button type="submit" className="min-h-11 rounded bg-brand-600 px-4 text-white">
          搜索
        </button>
      </Form>
      {q ? (
        <p className="text-sm text-stone-600">
          「{q}」的订单：{counts[tab]} 个 · <Link to={buyerOrdersHref(tab, "")} className="text-brand-700 underline">清除搜索</Link>
        </p>
      ) : null}
      {orders.length === 0 ? (
        <p className="rounded border border-stone-200 bg-white p-6 text-center text-stone-600">{q ? "没有找到订单。" : `没有${tab === "all" ? "" : BUYER_TAB_LABELS[tab]}订单。`}</p>
      ) : (
        <ul className="space-y-3">
          {orders.map((o) => (
            <li key={o.id} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm" data-testid="order-card">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link to={`/orders/${o.number}`} className="font-mono font-medium text-brand-700 underline">
                  {o.number}
                </Link>
                <StatusBadge status={o.status} />
              </div>
              <p className="text-stone-800">
                {o.lines.map((l) => `${l.productName}×${l.quantity}`).join("、")}
                {o._count.lines > o.lines.length ? ` 等 ${o._count.lines} 种商品` : ""}
              </p>
              <p className="flex flex-wrap justify-between gap-2 text-stone-500">
                <span>{formatChinaDateTime(o.createdAt)}</span>
                <span>
                  {wasPaid(o.status) ? "实付" : "应付"} <span className="font-semibold text-stone-900">{formatFen(o.totalFen)}</span>
                </span>
              </p>
              {o.parcels
                .filter((p) => p.trackingNumber || p.status === "SHIPPED")
                .map((p) => (
                  <p key={p.id} className="flex flex-wrap items-center gap-2 text-stone-600">
                    <ParcelStatusBadge status={p.status} />
                    {o.parcels.length > 1 ? <span className="font-mono text-xs">{p.code}</span> : null}
                    <Tracking parcel={p} />
                  </p>
                ))}
              <div className="flex flex-wrap justify-end gap-2">
                {o.status === "PENDING_PAYMENT" ? (
                  <Link to={`/orders/${o.number}`} className={`${actionClass} border-brand-600 bg-brand-600 text-white`}>
                    去付款
                  </Link>
                ) : null}
                {o.parcels
                  .filter((p) => p.status === "SHIPPED")
                  .map((p) => (
                    <Form method="post" key={`confirm-${p.id}`}>
                      <input type="hidden" name="intent" value="confirm-receipt" />
                      <input type="hidden" name="parcelId" value={p.id} />
                      <button type="submit" disabled={busy} className={`${actionClass} border-brand-600 bg-brand-600 text-white`}>
                        确认收货{o.parcels.length > 1 ? `（${p.code}）` : ""}
                      </button>
                    </Form>
                  ))}
                {o.parcels
                  .filter((p) => p.afterSalesOpen && p.status !== "PENDING")
                  .map((p) => (
                    <Link key={`as-${p.id}`} to={`/orders/${o.number}/after-sales?parcel=${p.id}`} className={`${actionClass} border-stone-300 text-stone-700`}>
                      申请售后{o.parcels.length > 1 ? `（${p.code}）` : ""}
                    </Link>
                  ))}
                {o.canBuyAgain ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="buy-again" />
                    <input type="hidden" name="orderId" value={o.id} />
                    <button type="submit" disabled={busy} className={`${actionClass} border-brand-600 text-brand-700`}>
                      再次购买
                    </button>
                  </Form>
                ) : null}
                <Link to={`/orders/${o.number}`} className={`${actionClass} border-stone-300 text-stone-700`}>
                  查看订单
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pages} href={(n) => buyerOrdersHref(tab, q, n)} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的订单 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
