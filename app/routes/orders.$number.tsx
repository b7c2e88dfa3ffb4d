import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { buyAgain, findCart } from "~/models/orders/cart.server";
import { ImpactReceipt } from "~/components/impact-receipt";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { AfterSalesSummary, CourierSelect, ParcelCard } from "~/components/parcel-parts";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse, isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { escalateRequest, markReturnShipped } from "~/models/after-sales/request.server";
import { buyerAfterSalesSchema } from "~/models/after-sales/request.schema";
import { AFTER_SALES_DAYS, afterSalesWindowOpen } from "~/models/after-sales/status";
import { rateParcel } from "~/models/coops/rating.server";
import { ratingSchema } from "~/models/coops/rating.schema";
import { orderImpactReceipt } from "~/models/impact/views.server";
import { buyerOrderActionSchema } from "~/models/orders/buyer-order.schema";
import { cancelUnpaidOrder } from "~/models/orders/order.server";
import { actorNames, canBuyAgain, getBuyerOrder } from "~/models/orders/order-view.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";
import { hadFailedPayment, isOrderStatus, isSchemeKind, REFUNDABLE_STATUSES, SCHEME_LABELS, SCHEME_PAGES } from "~/models/orders/status";
import { confirmReceiptSchema } from "~/models/parcels/parcel.schema";
import { confirmReceipt } from "~/models/parcels/shipping.server";
import { orderParcels } from "~/models/parcels/view.server";
import { flash, requireUser } from "~/session.server";
import { PaymentMethodChoice } from "~/components/payment-method-choice";
import { DEFAULT_PAYMENT_METHOD, isOnlinePaymentMethod, paymentMethodLabel } from "~/models/orders/payment-method";
import { OrderInvoices } from "~/components/order-invoices";
import { BatchTraces } from "~/components/batch-traces";
import { batchesOfOrder } from "~/models/batches/allocation.server";
import { invoiceRequestSchema, toInvoiceRequest } from "~/models/invoices/invoice-request.schema";
import { orderInvoices, saveInvoiceRequest } from "~/models/invoices/invoice.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  const [actors, receipt, parcels, invoices, batches] = await Promise.all([
    actorNames(order.events.map((e) => e.actorId)),
    orderImpactReceipt(user, { id: order.id }),
    orderParcels(order),
    orderInvoices(order.id),
    batchesOfOrder(order.id),
  ]);
  const now = new Date();
  const paid = isOrderStatus(order.status) && REFUNDABLE_STATUSES.includes(order.status);
  // Scheme parcels are parts of an adoption or pre-order: they are refunded by the scheme's rules, not after-sales.
  const withWindow = parcels.parcels.map((p) => ({ ...p, afterSalesOpen: paid && !isSchemeKind(order.kind) && afterSalesWindowOpen(p, now) }));
  const scheme = isSchemeKind(order.kind) ? { label: SCHEME_LABELS[order.kind], href: SCHEME_PAGES[order.kind](order.number) } : null;
  const transfer = order.paymentMethod === "BANK_TRANSFER" && order.status === "PENDING_PAYMENT" ? { ...PLATFORM_BANK, reference: order.paymentRef ?? order.number } : null;
  return json(
    { order, actors, receipt, parcels: withWindow, parcelTotal: parcels.total, invoices: invoices!, batches, scheme, transfer, buyAgainOffered: canBuyAgain(order) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type ActionData = { intent?: string; target?: string | null; error?: string; errors?: Record<string, string>; invoice?: { errors: Record<string, string>; values?: Record<string, string> } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  const form = await request.formData();
  if (form.get("intent") === "invoice") {
    const request_ = parseForm(invoiceRequestSchema, form);
    if (!request_.ok) return json({ invoice: { errors: request_.errors, values: request_.values } }, { status: 400 });
    try {
      await saveInvoiceRequest({ orderId: order.id, requestedById: user.id, request: toInvoiceRequest(request_.data) });
    } catch (error) {
      return errorResponse(error, { invoice: { errors: { invoiceType: (error as Error).message }, values: request_.values } });
    }
    return redirect(`/orders/${order.number}`, { headers: await flash(request, "发票信息已保存") });
  }
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("parcelId") ?? form.get("requestId") ?? "") || null;
  const back = `/orders/${order.number}`;
  const invalid = (errors: Record<string, string>) => json<ActionData>({ intent, target, errors }, { status: 400 });
  if (intent === "buy-again") {
    const { cartId } = await findCart(request, user.id, { create: true });
    try {
      const { addedUnits, problems } = await buyAgain({ orderId: order.id, buyerId: user.id, cartId });
      const added = addedUnits > 0 ? `已将 ${addedUnits} 件商品加入购物车，按今日价格结算` : "没有商品加入购物车";
      return redirect(addedUnits > 0 ? "/cart" : back, { headers: await flash(request, [added, ...problems].join("；")) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return redirect(back, { headers: await flash(request, error.message) });
    }
  }
  if (intent === "pay" || intent === "cancel") {
    const parsed = parseForm(buyerOrderActionSchema, form);
    if (!parsed.ok) return invalid(parsed.errors);
    try {
      if (parsed.data.intent === "pay") return redirect(await paymentUrlFor(order.id, request, parsed.data.paymentMethod));
      await cancelUnpaidOrder(order.id, user.id, "买家取消订单");
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return redirect(back, { headers: await flash(request, intent === "cancel" ? "订单已付款或已取消，无法取消" : error.message) });
    }
    return redirect(back, { headers: await flash(request, "订单已取消，库存已释放") });
  }
  try {
    if (intent === "confirm-receipt") {
      const parsed = parseForm(confirmReceiptSchema, form);
      if (!parsed.ok) return invalid(parsed.errors);
      await confirmReceipt({ parcelId: parsed.data.parcelId, buyerId: user.id });
      return redirect(back, { headers: await flash(request, "已确认收货，欢迎评价合作社") });
    }
    if (intent === "rate") {
      const parsed = parseForm(ratingSchema, form);
      if (!parsed.ok) return invalid(parsed.errors);
      await rateParcel({ ...parsed.data, buyerId: user.id });
      return redirect(back, { headers: await flash(request, "感谢评价") });
    }
    if (intent === "return-shipped" || intent === "escalate") {
      const parsed = parseForm(buyerAfterSalesSchema, form);
      if (!parsed.ok) return invalid(parsed.errors);
      const input = parsed.data;
      if (input.intent === "return-shipped") await markReturnShipped({ requestId: input.requestId, buyerId: user.id, courier: input.courier, trackingNumber: input.trackingNumber });
      else await escalateRequest({ requestId: input.requestId, buyerId: user.id, note: input.escalationNote });
      return redirect(back, { headers: await flash(request, input.intent === "escalate" ? "已申请平台介入，工作人员会尽快处理" : "已提交退货运单号，合作社收到后退款") });
    }
  } catch (error) {
    return errorResponse(error, { intent, target });
  }
  return json<ActionData>({ intent, target, error: "请求无效" }, { status: 400 });
}

export default function OrderPage() {
  const { order, actors, receipt, parcels, parcelTotal, invoices, batches, scheme, transfer, buyAgainOffered } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const waiting = params.get("paid") === "1" && order.status === "PENDING_PAYMENT";
  const retry = order.status === "PENDING_PAYMENT" && hadFailedPayment(order.events);
  const problem = (intent: string, target: string, field?: string) => {
    if (!actionData || actionData.intent !== intent || actionData.target !== target) return null;
    const message = field ? actionData.errors?.[field] : (actionData.error ?? (actionData.errors && Object.values(actionData.errors)[0]));
    return message ? (
      <p role="alert" className="text-sm text-red-700">
        {message}
      </p>
    ) : null;
  };
  const small = "rounded border border-stone-300 px-2 py-1.5 text-sm";
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <OrderHeading number={order.number} status={order.status} />
      {receipt ? <ImpactReceipt receipt={receipt} /> : null}
      {waiting ? (
        <p role="status" className="rounded bg-amber-50 p-3 text-sm text-amber-800">
          正在确认支付结果，请稍后刷新本页。
        </p>
      ) : null}
      {scheme ? (
        <p className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm">
          这是一笔{scheme.label}订单。<Link to={scheme.href} className="font-medium text-brand-700 underline">查看与管理</Link>
        </p>
      ) : null}
      {transfer ? (
        <section aria-label="对公转账" className="space-y-1 rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">请对公转账 {formatFen(order.totalFen)}{order.reservedUntil ? `，${formatChinaDateTime(order.reservedUntil)} 前到账` : ""}：</p>
          <p>收款单位：{transfer.payee} · 开户行：{transfer.bank} · 账号：<span className="font-mono">{transfer.account}</span></p>
          <p>附言请填写：<span className="font-mono font-semibold">{transfer.reference}</span>（平台据此核对到账）</p>
        </section>
      ) : null}
      {order.status === "PENDING_PAYMENT" && !transfer ? (
        <div className="space-y-3 rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p>
            {retry ? "上次支付未成功，订单已为您保留" : "待付款"}
            {order.reservedUntil ? `，库存保留至 ${formatChinaDateTime(order.reservedUntil)}` : ""}
          </p>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="pay" />
            <PaymentMethodChoice defaultValue={isOnlinePaymentMethod(order.paymentMethod) ? order.paymentMethod : DEFAULT_PAYMENT_METHOD} />
            <button type="submit" className={`${buttonClass} min-h-11 w-full sm:w-auto`}>
              {retry ? "重新支付" : "去付款"}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="min-h-11 text-sm text-red-700 underline">
              取消订单
            </button>
          </Form>
        </div>
      ) : null}
      {order.paidAt ? (
        <p className="text-sm" data-testid="paid-with">
          <span className="text-stone-500">支付方式：</span>
          {paymentMethodLabel(order.paymentMethod)}
          {order.payments.some((p) => p.provider === "test") ? <span className="text-stone-500">（测试支付，未真实扣款）</span> : null}
          <span className="text-stone-500"> · 付款时间 {formatChinaDateTime(order.paidAt)}</span>
        </p>
      ) : null}
      {buyAgainOffered ? (
        <Form method="post" className="flex flex-wrap items-center gap-3 rounded border border-stone-200 bg-white p-3 text-sm">
          <span>{order.status === "CANCELLED" ? "订单已取消。想要同样的商品？" : "还想要同样的商品？"}</span>
          <input type="hidden" name="intent" value="buy-again" />
          <button type="submit" className={`${buttonClass} min-h-11`}>
            再次购买
          </button>
        </Form>
      ) : null}
      <OrderLines order={order} />
      <BatchTraces lines={order.lines} batches={batches} />
      {order.refunds.length ? (
        <section aria-labelledby="refunds-h" className="space-y-1 text-sm">
          <h2 id="refunds-h" className="font-semibold">
            退款记录
          </h2>
          <ul className="space-y-1">
            {order.refunds.map((r) => (
              <li key={r.id}>
                {formatChinaDateTime(r.createdAt)} · <span className="font-medium text-red-700">{formatFen(r.amountFen)}</span> · {r.reason}
                {r.orderLineId ? <span className="text-stone-500">（已从帮扶账本冲减，原路退回）</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {parcels.length ? (
        <section aria-labelledby="parcels-h" className="space-y-3">
          <h2 id="parcels-h" className="font-semibold">
            包裹（{parcelTotal}）
          </h2>
          <p className="text-xs text-stone-500">每个合作社单独发货；收到货后请确认收货，确认后 {AFTER_SALES_DAYS} 天内仍可申请售后。</p>
          {parcels.map((p) => (
            <ParcelCard key={p.id} parcel={p} showMobile>
              {p.afterSales.map((r) => (
                <div key={r.id} className="space-y-2 rounded border border-stone-200 bg-stone-50 p-2">
                  <AfterSalesSummary request={r} />
                  {r.status === "AWAITING_RETURN" ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="return-shipped" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <label className="flex flex-col">
                        退货快递
                        <CourierSelect className={small} />
                      </label>
                      <label className="flex flex-col">
                        退货运单号
                        <input name="trackingNumber" className={small} autoComplete="off" />
                      </label>
                      <button disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-white">
                        提交退货运单
                      </button>
                      {problem("return-shipped", r.id)}
                    </Form>
                  ) : null}
                  {r.status === "REFUSED" ? (
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="escalate" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <label className="flex min-w-48 flex-1 flex-col">
                        不同意？说明理由，申请平台介入
                        <input name="escalationNote" className={small} />
                      </label>
                      <button disabled={busy} className="rounded border border-brand-600 px-3 py-1.5 text-brand-700">
                        申请平台介入
                      </button>
                      {problem("escalate", r.id)}
                    </Form>
                  ) : null}
                </div>
              ))}
              <div className="flex flex-wrap items-center gap-3">
                {p.status === "SHIPPED" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="confirm-receipt" />
                    <input type="hidden" name="parcelId" value={p.id} />
                    <button disabled={busy} className="rounded bg-brand-600 px-4 py-2 text-white">
                      确认收货
                    </button>
                  </Form>
                ) : null}
                {p.afterSalesOpen ? (
                  <Link to={`/orders/${order.number}/after-sales?parcel=${p.id}`} className="rounded border border-stone-300 px-4 py-2 text-stone-700">
                    {p.status === "PENDING" ? "申请退款" : "申请售后"}
                  </Link>
                ) : null}
                {problem("confirm-receipt", p.id)}
              </div>
              {p.status === "DELIVERED" && !p.rating ? (
                <Form method="post" className="flex flex-wrap items-end gap-2 border-t border-stone-100 pt-2">
                  <input type="hidden" name="intent" value="rate" />
                  <input type="hidden" name="parcelId" value={p.id} />
                  <fieldset className="flex items-center gap-1">
                    <legend className="mb-1 text-stone-600">评价合作社</legend>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <label key={n} className="flex items-center gap-0.5 px-1 py-2">
                        <input type="radio" name="score" value={n} defaultChecked={n === 5} />
                        {n}星
                      </label>
                    ))}
                  </fieldset>
                  <input name="comment" placeholder="说说商品和发货（选填）" aria-label="评价内容" className={`${small} min-w-48 flex-1`} />
                  <button disabled={busy} className="rounded border border-brand-600 px-3 py-1.5 text-brand-700">
                    提交评价
                  </button>
                  {problem("rate", p.id)}
                </Form>
              ) : null}
              {p.rating ? (
                <p className="text-stone-600">
                  我的评价：{"★".repeat(p.rating.score)}
                  {"☆".repeat(5 - p.rating.score)} {p.rating.comment}
                </p>
              ) : null}
            </ParcelCard>
          ))}
          {parcelTotal > parcels.length ? <p className="text-xs text-stone-500">仅显示前 {parcels.length} 个包裹。</p> : null}
        </section>
      ) : null}

      <section className="grid gap-6 md:grid-cols-2">
        {order.recipient ? (
          <div className="space-y-1 text-sm">
            <h2 className="font-semibold">收货信息</h2>
            <p>
              {order.recipient} {order.mobile}
            </p>
            <p>
              {order.province} {order.city} {order.district} {order.street}
            </p>
          </div>
        ) : null}
        <div>
          <h2 className="mb-2 font-semibold">订单进度</h2>
          <StatusTimeline events={order.events} actors={actors} />
        </div>
      </section>
      <OrderInvoices invoices={invoices} canRequest={order.status !== "CANCELLED"} form={actionData?.invoice} />
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
