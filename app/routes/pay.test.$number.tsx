import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { testPaymentSchema } from "~/models/orders/buyer-order.schema";
import { testPaymentsEnabled } from "~/lib/stripe.server";
import { getBuyerOrder } from "~/models/orders/order-view.server";
import { completeTestPayment, orderPagePath } from "~/models/orders/payment.server";
import { flash, requireUser } from "~/session.server";
import { PaymentMethodChoice } from "~/components/payment-method-choice";
import { DEFAULT_PAYMENT_METHOD, isOnlinePaymentMethod } from "~/models/orders/payment-method";

// 测试支付: the local stand-in for Stripe when no keys are configured (development only; 404
// whenever Stripe is configured, and production cannot start without it). Paying here goes through
// markOrderPaid exactly as a Stripe webhook would: payment row, ledger, e-mail.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!testPaymentsEnabled()) throw new Response("页面不存在", { status: 404 });
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  if (order.status !== "PENDING_PAYMENT") throw redirect(orderPagePath(order));
  return json({ number: order.number, totalFen: order.totalFen, paymentMethod: isOnlinePaymentMethod(order.paymentMethod) ? order.paymentMethod : DEFAULT_PAYMENT_METHOD });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(testPaymentSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效" }, { status: 400 });
  const order = await getBuyerOrder(params.number ?? "", user.id);
  if (!order) throw new Response("订单不存在", { status: 404 });
  const result = await completeTestPayment({ orderNumber: order.number, buyerId: user.id, outcome: parsed.data.outcome, method: parsed.data.paymentMethod });
  const message =
    result === "paid" || result === "already"
      ? "测试支付成功"
      : result === "failed"
        ? "支付未成功，订单已为您保留，可在订单页重新支付"
        : "订单已取消，未扣款";
  return redirect(orderPagePath(order), { headers: await flash(request, message) });
}

export default function TestPayment() {
  const { number, totalFen, paymentMethod } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md space-y-4 px-4 py-12">
      <p role="note" className="rounded border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm font-semibold text-amber-900">
        测试支付 · 开发环境 · 不会产生真实扣款（未配置 Stripe 密钥）
      </p>
      <h1 className="text-2xl font-bold">测试支付</h1>
      <p>
        订单 <span className="font-mono">{number}</span>，应付 <strong>{formatFen(totalFen)}</strong>
      </p>
      {/* the same choice as Stripe Checkout gets; the payment is recorded with the method picked */}
      <Form method="post" className="space-y-4">
        <PaymentMethodChoice defaultValue={paymentMethod} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="outcome" value="succeed" className={`${buttonClass} min-h-11`}>
            模拟支付成功
          </button>
          <button type="submit" name="outcome" value="fail" className="min-h-11 rounded-md border border-stone-300 px-4 py-2">
            模拟支付失败
          </button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "测试支付（非真实付款） · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
