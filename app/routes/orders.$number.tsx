import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { buyerOrderActionSchema } from "~/models/orders/buyer-order.schema";
import { buttonClass } from "~/components/form";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { formatChinaDateTime } from "~/lib/china-time";
import { cancelUnpaidOrder } from "~/models/orders/order.server";
import { ImpactReceipt } from "~/components/impact-receipt";
import { orderImpactReceipt } from "~/models/impact/views.server";
import { actorNames, getBuyerOrder } from "~/models/orders/order-view.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  const [actors, receipt] = await Promise.all([actorNames(order.events.map((e) => e.actorId)), orderImpactReceipt(user, { id: order.id })]);
  return json({ order, actors, receipt }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  const parsed = parseForm(buyerOrderActionSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  if (parsed.data.intent === "pay") {
    try {
      return redirect(await paymentUrlFor(order.id, request));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return redirect(`/orders/${order.number}`, { headers: await flash(request, error.message) });
    }
  }
  try {
    await cancelUnpaidOrder(order.id, user.id, "买家取消订单");
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirect(`/orders/${order.number}`, { headers: await flash(request, "订单已付款或已取消，无法取消") });
  }
  return redirect(`/orders/${order.number}`, { headers: await flash(request, "订单已取消，库存已释放") });
}

export default function OrderPage() {
  const { order, actors, receipt } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const waiting = params.get("paid") === "1" && order.status === "PENDING_PAYMENT";
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <OrderHeading number={order.number} status={order.status} />
      {receipt ? <ImpactReceipt receipt={receipt} /> : null}
      {waiting ? (
        <p role="status" className="rounded bg-amber-50 p-3 text-sm text-amber-800">
          正在确认支付结果，请稍后刷新本页。
        </p>
      ) : null}
      {order.status === "PENDING_PAYMENT" ? (
        <div className="flex flex-wrap items-center gap-3 rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <span>
            待付款{order.reservedUntil ? `，库存保留至 ${formatChinaDateTime(order.reservedUntil)}` : ""}
          </span>
          <Form method="post">
            <input type="hidden" name="intent" value="pay" />
            <button type="submit" className={buttonClass}>
              去付款
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="text-sm text-red-700 underline">
              取消订单
            </button>
          </Form>
        </div>
      ) : null}
      <OrderLines order={order} />
      <section className="grid gap-6 md:grid-cols-2">
        <div className="space-y-1 text-sm">
          <h2 className="font-semibold">收货信息</h2>
          <p>
            {order.recipient} {order.mobile}
          </p>
          <p>
            {order.province} {order.city} {order.district} {order.street}
          </p>
          {order.shipments.map((s) => (
            <p key={s.id}>
              物流：{s.courier} · 运单号 <span className="font-mono">{s.trackingNumber}</span>
            </p>
          ))}
        </div>
        <div>
          <h2 className="mb-2 font-semibold">订单进度</h2>
          <StatusTimeline events={order.events} actors={actors} />
        </div>
      </section>
      <Link to="/orders" className="text-sm text-brand-600 underline">
        返回我的订单
      </Link>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `订单 ${data.order.number} · 陇货通` : "订单不存在 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
