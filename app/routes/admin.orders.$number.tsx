import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { staffOrderActionSchema } from "~/models/orders/staff-order.schema";
import { OrderStateError } from "~/models/orders/order.server";
import { isOrderStatus, REFUNDABLE_STATUSES, SHIPPABLE_STATUSES } from "~/models/orders/status";
import { actorNames, getOrderForStaff } from "~/models/orders/order-view.server";
import { refundOrder, RefundError, type RefundRequest } from "~/models/orders/refund.server";
import { AfterSalesSummary, CourierSelect, ParcelCard } from "~/components/parcel-parts";
import { isDomainError } from "~/lib/errors";
import { shipParcel } from "~/models/parcels/shipping.server";
import { orderParcels } from "~/models/parcels/view.server";
import { flash, requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `订单 ${data.order.number} · 管理后台` : "订单不存在" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const order = await getOrderForStaff(params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  const [actors, parcels] = await Promise.all([actorNames(order.events.map((e) => e.actorId)), orderParcels(order, 200)]);
  return json({ order, actors, parcels: parcels.parcels, parcelTotal: parcels.total });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const order = await getOrderForStaff(params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  const parsed = parseForm(staffOrderActionSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, intent: parsed.values.intent ?? null, parcelId: parsed.values.parcelId ?? null }, { status: 400 });
  const parcels = new Set((await orderParcels(order, 10_000)).parcels.map((p) => p.id));
  const input = parsed.data;
  let message: string;
  try {
    if (input.intent === "ship-parcel") {
      if (!parcels.has(input.parcelId)) throw new Response("包裹不存在", { status: 404 });
      await shipParcel({ coopId: null, actorId: staff.id, parcelId: input.parcelId, courier: input.courier, trackingNumber: input.trackingNumber });
      message = "已代合作社发货，已通知买家";
    } else {
      const request_: RefundRequest =
        input.intent === "refund-full"
          ? { mode: "full" }
          : input.intent === "refund-line"
            ? { mode: "line", orderLineId: input.orderLineId, amountFen: input.amount }
            : { mode: "amount", amountFen: input.amount };
      const result = await refundOrder({ orderId: order.id, staffId: staff.id, reason: input.reason, request: request_ });
      message = `已退款 ${formatFen(result.refundedFen)}`;
    }
  } catch (error) {
    if (error instanceof RefundError || error instanceof OrderStateError || isDomainError(error)) {
      return json({ errors: { form: error.message } as Record<string, string>, intent: input.intent, parcelId: null }, { status: isDomainError(error) ? error.status : 409 });
    }
    throw error;
  }
  return json({ errors: null, intent: input.intent, parcelId: null }, { headers: await flash(request, message) });
}

const small = "rounded border border-stone-300 px-2 py-1 text-sm";

export default function AdminOrder() {
  const { order, actors, parcels, parcelTotal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  const refundable = isOrderStatus(order.status) && REFUNDABLE_STATUSES.includes(order.status);
  const shippable = isOrderStatus(order.status) && SHIPPABLE_STATUSES.includes(order.status);
  const err = (intent: string, field: string) => (actionData?.intent === intent && errors[field] ? <span role="alert" className="text-sm text-red-700">{errors[field]}</span> : null);
  return (
    <div className="space-y-6">
      <OrderHeading number={order.number} status={order.status}>
        <span className="text-sm text-stone-500">
          {order.buyer.name} · {order.buyer.email} · {order.paymentMethod ?? "未付款"}
        </span>
      </OrderHeading>
      {errors.form ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}
      <OrderLines order={order} />
      {order.recipient ? (
        <p className="text-sm">
          收货：{order.recipient} {order.mobile} · {order.province} {order.city} {order.district} {order.street}
        </p>
      ) : null}

      <section aria-labelledby="parcels-h" className="space-y-2">
        <h2 id="parcels-h" className="font-semibold">
          包裹（{parcelTotal}）
        </h2>
        {parcelTotal === 0 ? <p className="text-sm text-stone-500">还没有包裹：订单付款后按合作社拆分；单位订单按导入的收件人或兑换码拆分。</p> : null}
        <div className="grid gap-2 md:grid-cols-2">
          {parcels.map((p) => (
            <ParcelCard key={p.id} parcel={p} showMobile>
              {p.afterSales.map((r) => (
                <div key={r.id} className="rounded bg-stone-50 p-2">
                  <AfterSalesSummary request={r} />
                </div>
              ))}
              {p.status === "PENDING" && shippable ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="ship-parcel" />
                  <input type="hidden" name="parcelId" value={p.id} />
                  <label className="text-sm">
                    快递公司
                    <CourierSelect className={`${small} ml-1`} />
                  </label>
                  <label className="text-sm">
                    运单号
                    <input name="trackingNumber" className={`${small} ml-1`} />
                  </label>
                  <button disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white">
                    代合作社发货
                  </button>
                  {actionData?.parcelId === p.id ? err("ship-parcel", "trackingNumber") : null}
                </Form>
              ) : null}
            </ParcelCard>
          ))}
        </div>
        {parcelTotal > parcels.length ? <p className="text-xs text-stone-500">仅显示前 {parcels.length} 个包裹。</p> : null}
      </section>

      {refundable ? (
        <section className="space-y-3 rounded border border-red-200 bg-white p-3">
          <h2 className="font-semibold">退款（原路退回）</h2>
          {order.lines.map((l) =>
            l.lineTotalFen > l.refundedFen ? (
              <Form key={l.id} method="post" className="flex flex-wrap items-center gap-2 text-sm">
                <input type="hidden" name="intent" value="refund-line" />
                <input type="hidden" name="orderLineId" value={l.id} />
                <span className="min-w-40">
                  {l.productName}（可退 {formatFen(l.lineTotalFen - l.refundedFen)}）
                </span>
                <label>
                  金额（元）
                  <input name="amount" inputMode="decimal" className={`${small} ml-1 w-24`} aria-label={`${l.productName} 退款金额`} />
                </label>
                <label>
                  原因
                  <input name="reason" className={`${small} ml-1`} aria-label={`${l.productName} 退款原因`} />
                </label>
                <button disabled={busy} className="rounded border border-red-300 px-2 py-1 text-red-700">
                  按行退款
                </button>
              </Form>
            ) : null,
          )}
          {err("refund-line", "amount")}
          {err("refund-line", "reason")}
          <Form method="post" className="flex flex-wrap items-center gap-2 text-sm">
            <input type="hidden" name="intent" value="refund-amount" />
            <label>
              整单部分退款（元）
              <input name="amount" inputMode="decimal" className={`${small} ml-1 w-24`} />
            </label>
            <label>
              原因
              <input name="reason" className={`${small} ml-1`} />
            </label>
            <button disabled={busy} className="rounded border border-red-300 px-2 py-1 text-red-700">
              按金额退款
            </button>
            {err("refund-amount", "amount")}
            {err("refund-amount", "reason")}
          </Form>
          <Form method="post" className="flex flex-wrap items-center gap-2 text-sm">
            <input type="hidden" name="intent" value="refund-full" />
            <label>
              原因
              <input name="reason" className={`${small} ml-1`} />
            </label>
            <button disabled={busy} className="rounded bg-red-700 px-3 py-1 text-white">
              全额退款（含运费，剩余 {formatFen(order.totalFen - order.refundedFen)}）
            </button>
            {err("refund-full", "reason")}
          </Form>
        </section>
      ) : null}

      {order.refunds.length ? (
        <section className="text-sm">
          <h2 className="font-semibold">退款记录</h2>
          <ul>
            {order.refunds.map((r) => (
              <li key={r.id}>
                {formatFen(r.amountFen)} · {r.reason} · {r.providerRef ?? "处理中"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="mb-2 font-semibold">状态记录</h2>
        <StatusTimeline events={order.events} actors={actors} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
