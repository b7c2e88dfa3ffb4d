import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fieldError, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { confirmRequest, isConfirmed, parseForm, type ConfirmRequest } from "~/lib/forms.server";
import { ConfirmStep } from "~/components/confirm-step";
import { formatFen } from "~/lib/money";
import { staffOrderActionSchema } from "~/models/orders/staff-order.schema";
import { isOrderStatus, paymentMethodName, REFUNDABLE_STATUSES, SHIPPABLE_STATUSES } from "~/models/orders/status";
import { actorNames, getOrderForStaff } from "~/models/orders/order-view.server";
import { refundOrder, type RefundRequest } from "~/models/orders/refund.server";
import { AfterSalesSummary, ParcelCard } from "~/components/parcel-parts";
import { COURIERS } from "~/models/parcels/couriers";
import { shipParcel } from "~/models/parcels/shipping.server";
import { orderParcels } from "~/models/parcels/view.server";
import { flash, requireUser } from "~/session.server";

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
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, intent: parsed.values.intent ?? null }, { status: 400 });
  const input = parsed.data;
  if (input.intent !== "ship-parcel" && !isConfirmed(parsed.values)) {
    const amount = input.intent === "refund-full" ? `全额 ${formatFen(order.totalFen - order.refundedFen)}（含运费）` : formatFen(input.amount);
    return json({ errors: null, values: null, intent: input.intent, ...confirmRequest(`确认给订单 ${order.number} 退款 ${amount}？`, [`原因：${input.reason}`, "款项原路退回买家，退款后不能撤销；已开发票的部分会开红字发票。"], parsed.values) });
  }
  let message: string;
  try {
    if (input.intent === "ship-parcel") {
      const parcels = new Set((await orderParcels(order, 10_000)).parcels.map((p) => p.id));
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
    // A refund can also be refused by its red-letter reversal (an invoice changed meanwhile).
    return errorResponse(error, { values: parsed.values, intent: input.intent });
  }
  return json({ errors: null, values: null, intent: input.intent }, { headers: await flash(request, message) });
}

const small = "rounded border border-stone-300 px-2 py-1 text-sm";

const alert = (message: string | undefined) => (message ? <span role="alert" className="text-sm text-red-700">{message}</span> : null);

export default function AdminOrder() {
  const { order, actors, parcels, parcelTotal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  const refundable = isOrderStatus(order.status) && REFUNDABLE_STATUSES.includes(order.status);
  const shippable = isOrderStatus(order.status) && SHIPPABLE_STATUSES.includes(order.status);
  // each form shows the action's answer only when it was the one sent
  const serverFor = (intent: string) => (actionData?.intent === intent && actionData.errors ? { errors: actionData.errors, values: actionData.values } : undefined);
  return (
    <div className="space-y-6">
      <OrderHeading number={order.number} status={order.status}>
        <span className="text-sm text-stone-500">
          {order.buyer.name} · {order.buyer.email} · {order.paymentMethod ? paymentMethodName(order.paymentMethod) : "未付款"}
        </span>
      </OrderHeading>
      {actionData && "confirm" in actionData && actionData.confirm ? <ConfirmStep confirm={actionData.confirm as ConfirmRequest} confirmLabel="确认退款" /> : null}
      {errors.form ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}
      <OrderLines order={order} />
      {/* an institution order with recipients or codes has no address of its own: its parcels carry them */}
      {order.recipient && order.street ? (
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
                <ValidatedForm
                  schema={staffOrderActionSchema}
                  server={actionData?.values?.parcelId === p.id ? serverFor("ship-parcel") : undefined}
                  defaults={{ intent: "ship-parcel", parcelId: p.id, courier: COURIERS[0].name, trackingNumber: "" }}
                  className="flex flex-wrap items-end gap-2"
                >
                  {(form) => (
                    <>
                      <input type="hidden" {...form.register("intent")} />
                      <input type="hidden" {...form.register("parcelId")} />
                      <label className="text-sm">
                        快递公司
                        <select className={`${small} ml-1`} {...form.register("courier")}>
                          {COURIERS.map((c) => (
                            <option key={c.name} value={c.name}>
                              {c.name}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="text-sm">
                        运单号
                        <input className={`${small} ml-1`} aria-invalid={Boolean(fieldError(form, "trackingNumber"))} {...form.register("trackingNumber")} />
                      </label>
                      <button disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white">
                        代合作社发货
                      </button>
                      {alert(fieldError(form, "trackingNumber"))}
                    </>
                  )}
                </ValidatedForm>
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
              <ValidatedForm
                key={l.id}
                schema={staffOrderActionSchema}
                server={actionData?.values?.orderLineId === l.id ? serverFor("refund-line") : undefined}
                defaults={{ intent: "refund-line", orderLineId: l.id, amount: "", reason: "" }}
                className="flex flex-wrap items-center gap-2 text-sm"
              >
                {(form) => (
                  <>
                    <input type="hidden" {...form.register("intent")} />
                    <input type="hidden" {...form.register("orderLineId")} />
                    <span className="min-w-40">
                      {l.productName}（可退 {formatFen(l.lineTotalFen - l.refundedFen)}）
                    </span>
                    <label>
                      金额（元）
                      <input inputMode="decimal" className={`${small} ml-1 w-24`} aria-label={`${l.productName} 退款金额`} aria-invalid={Boolean(fieldError(form, "amount"))} {...form.register("amount")} />
                    </label>
                    <label>
                      原因
                      <input className={`${small} ml-1`} aria-label={`${l.productName} 退款原因`} aria-invalid={Boolean(fieldError(form, "reason"))} {...form.register("reason")} />
                    </label>
                    <button disabled={busy} className="rounded border border-red-300 px-2 py-1 text-red-700">
                      按行退款
                    </button>
                    {alert(fieldError(form, "amount"))}
                    {alert(fieldError(form, "reason"))}
                  </>
                )}
              </ValidatedForm>
            ) : null,
          )}
          <ValidatedForm schema={staffOrderActionSchema} server={serverFor("refund-amount")} defaults={{ intent: "refund-amount", amount: "", reason: "" }} className="flex flex-wrap items-center gap-2 text-sm">
            {(form) => (
              <>
                <input type="hidden" {...form.register("intent")} />
                <label>
                  整单部分退款（元）
                  <input inputMode="decimal" className={`${small} ml-1 w-24`} aria-invalid={Boolean(fieldError(form, "amount"))} {...form.register("amount")} />
                </label>
                <label>
                  原因
                  <input className={`${small} ml-1`} aria-invalid={Boolean(fieldError(form, "reason"))} {...form.register("reason")} />
                </label>
                <button disabled={busy} className="rounded border border-red-300 px-2 py-1 text-red-700">
                  按金额退款
                </button>
                {alert(fieldError(form, "amount"))}
                {alert(fieldError(form, "reason"))}
              </>
            )}
          </ValidatedForm>
          <ValidatedForm schema={staffOrderActionSchema} server={serverFor("refund-full")} defaults={{ intent: "refund-full", reason: "" }} className="flex flex-wrap items-center gap-2 text-sm">
            {(form) => (
              <>
                <input type="hidden" {...form.register("intent")} />
                <label>
                  原因
                  <input className={`${small} ml-1`} aria-invalid={Boolean(fieldError(form, "reason"))} {...form.register("reason")} />
                </label>
                <button disabled={busy} className="rounded bg-red-700 px-3 py-1 text-white">
                  全额退款（含运费，剩余 {formatFen(order.totalFen - order.refundedFen)}）
                </button>
                {alert(fieldError(form, "reason"))}
              </>
            )}
          </ValidatedForm>
        </section>
      ) : null}

      {order.refunds.length ? (
        <section className="text-sm">
          <h2 className="font-semibold">退款记录</h2>
          <ul>
            {order.refunds.map((r) => (
              <li key={r.id}>
                {formatFen(r.amountFen)} · {r.reason} · {r.providerRef ? `已原路退回${r.providerRef.startsWith("re_") ? `（支付机构退款号 ${r.providerRef}）` : ""}` : "退款处理中"}
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `订单 ${data.order.number} · 管理后台` : "订单不存在" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
