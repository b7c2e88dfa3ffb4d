import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fieldError, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { COURIERS, staffOrderActionSchema } from "~/models/orders/staff-order.schema";
import { markDelivered, shipOrder } from "~/models/orders/fulfilment.server";
import { isOrderStatus, REFUNDABLE_STATUSES, SHIPPABLE_STATUSES } from "~/models/orders/status";
import { actorNames, getOrderForStaff } from "~/models/orders/order-view.server";
import { refundOrder, type RefundRequest } from "~/models/orders/refund.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const order = await getOrderForStaff(params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  return json({ order, actors: await actorNames(order.events.map((e) => e.actorId)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const order = await getOrderForStaff(params.number ?? "");
  if (!order) throw new Response("订单不存在", { status: 404 });
  const parsed = parseForm(staffOrderActionSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, intent: parsed.values.intent ?? null }, { status: 400 });
  const input = parsed.data;
  let message: string;
  try {
    if (input.intent === "ship") {
      await shipOrder({ orderId: order.id, staffId: staff.id, courier: input.courier, trackingNumber: input.trackingNumber });
      message = "已标记发货，已通知买家";
    } else if (input.intent === "deliver") {
      await markDelivered({ orderId: order.id, staffId: staff.id });
      message = "已标记签收";
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
    return errorResponse(error, { values: parsed.values, intent: input.intent });
  }
  return json({ errors: null, values: null, intent: input.intent }, { headers: await flash(request, message) });
}

const small = "rounded border border-stone-300 px-2 py-1 text-sm";

const alert = (message: string | undefined) => (message ? <span role="alert" className="text-sm text-red-700">{message}</span> : null);

export default function AdminOrder() {
  const { order, actors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  const refundable = isOrderStatus(order.status) && REFUNDABLE_STATUSES.includes(order.status);
  const shippable = isOrderStatus(order.status) && SHIPPABLE_STATUSES.includes(order.status) && order.shipments.length === 0;
  const deliverable = order.shipments.some((s) => s.status === "SHIPPED");
  // each form shows the action's answer only when it was the one sent
  const serverFor = (intent: string) => (actionData?.intent === intent && actionData.errors ? { errors: actionData.errors, values: actionData.values } : undefined);
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
      <p className="text-sm">
        收货：{order.recipient} {order.mobile} · {order.province} {order.city} {order.district} {order.street}
      </p>

      {shippable ? (
        <ValidatedForm schema={staffOrderActionSchema} server={serverFor("ship")} defaults={{ intent: "ship", courier: COURIERS[0], trackingNumber: "" }} className="flex flex-wrap items-end gap-2 rounded border border-stone-200 bg-white p-3">
          {(form) => (
            <>
              <input type="hidden" {...form.register("intent")} />
              <label className="text-sm">
                快递公司
                <select className={`${small} ml-1`} {...form.register("courier")}>
                  {COURIERS.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                运单号
                <input className={`${small} ml-1`} aria-invalid={Boolean(fieldError(form, "trackingNumber"))} {...form.register("trackingNumber")} />
              </label>
              {alert(fieldError(form, "trackingNumber"))}
              <button disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white">
                标记发货
              </button>
            </>
          )}
        </ValidatedForm>
      ) : null}
      {deliverable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="deliver" />
          <button disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white">
            标记已签收
          </button>
        </Form>
      ) : null}

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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `订单 ${data.order.number} · 管理后台` : "订单不存在" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
