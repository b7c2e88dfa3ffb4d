import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { InvoiceRequestFields } from "~/components/invoice-request-fields";
import { errorResponse, isDomainError, throwAsResponse } from "~/lib/errors";
import { buttonClass, useValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { checkoutSchema, type CheckoutForm } from "~/models/orders/checkout.schema";
import { AddressFields, errorMessages } from "~/components/address-fields";
import { ShippingHint } from "~/components/shipping-hint";
import { listAddresses } from "~/models/addresses/address-book.server";
import { areaOptions } from "~/models/addresses/divisions.server";
import { buyNowFrom, findCart, getBuyNowView, getCartView } from "~/models/orders/cart.server";
import { checkoutCart } from "~/models/orders/checkout.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { REMOTE_PROVINCES, SHIPPING_RULES, shippingFeeFen } from "~/models/orders/shipping-fee";
import { flash, requireUser } from "~/session.server";
import { PaymentMethodChoice } from "~/components/payment-method-choice";
import { DEFAULT_PAYMENT_METHOD, isOnlinePaymentMethod } from "~/models/orders/payment-method";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  let buyNow, cart;
  try {
    // 立即购买 (?buy=…&qty=…) checks out that one line; otherwise the whole cart
    buyNow = buyNowFrom(request);
    cart = buyNow ? await getBuyNowView(buyNow) : await getCartView((await findCart(request, user.id)).cartId);
  } catch (error) {
    throwAsResponse(error);
  }
  if (cart.lines.length === 0) throw redirect("/cart");
  return json(
    // A fresh id per page view: submitting this form twice (a double click) makes one order.
    { cart, buyNow: Boolean(buyNow), addresses: await listAddresses(user.id), areas: areaOptions(), clientRequestId: crypto.randomUUID() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(checkoutSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { cartId } = await findCart(request, user.id);
  let order;
  try {
    // the form posts back to its own URL, so a 立即购买 checkout still names its one line
    order = await checkoutCart({ userId: user.id, cartId, form: parsed.data, buyNow: buyNowFrom(request) });
  } catch (error) {
    return errorResponse(error, { values: parsed.values });
  }
  try {
    return redirect(await paymentUrlFor(order.id, request));
  } catch (error) {
    // the order is placed and holds its stock: the buyer can pay from the order page
    if (!isDomainError(error)) throw error;
    return redirect(`/orders/${order.number}`, { headers: await flash(request, error.message) });
  }
}

export default function CheckoutPage() {
  const { cart, buyNow, addresses, areas, clientRequestId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const defaults: CheckoutForm = {
    addressId: addresses[0]?.id ?? "new",
    recipient: "",
    mobile: "",
    province: "",
    city: "",
    district: "",
    street: "",
    clientRequestId,
    invoiceType: "NONE",
    invoiceTitleKind: "PERSONAL",
    invoiceTitle: "",
    invoiceTaxNo: "",
    paymentMethod: DEFAULT_PAYMENT_METHOD,
  };
  const form = useValidatedForm(checkoutSchema, actionData ?? undefined, defaults);
  const start = { ...defaults, ...(actionData?.values ?? {}) } as Record<string, string | undefined>;
  const errors = form.formState.errors;
  const addressId = form.watch("addressId");
  const typedProvince = form.watch("province");
  const province = addressId && addressId !== "new" ? addresses.find((a) => a.id === addressId)?.province : typedProvince;
  const shippingFen = province ? shippingFeeFen(province, cart.subtotalFen) : null;
  const formError = actionData?.errors && "form" in actionData.errors ? actionData.errors.form : null;
  return (
    <div className="mx-auto grid max-w-5xl gap-8 px-4 py-8 md:grid-cols-[1fr_20rem]">
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        <h1 className="text-2xl font-bold">结算</h1>
        {formError ? (
          <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
            {formError} <Link to="/cart" className="underline">返回购物车</Link>
          </p>
        ) : null}
        {/* defaultValue / defaultChecked: the server-rendered form must work before (or without) JavaScript */}
        <input type="hidden" defaultValue={start.clientRequestId} {...form.register("clientRequestId")} />
        <fieldset className="space-y-2">
          <legend className="mb-2 font-semibold">收货地址</legend>
          {addresses.map((a) => (
            <label key={a.id} className="flex items-start gap-2 rounded border border-stone-200 bg-white p-2 text-sm">
              <input type="radio" value={a.id} defaultChecked={start.addressId === a.id} {...form.register("addressId")} />
              <span>
                {a.recipient} {a.mobile}
                {a.isDefault ? <span className="ml-2 rounded bg-brand-50 px-1.5 text-xs text-brand-800">默认</span> : null}
                <br />
                {a.province} {a.city} {a.district} {a.street}
              </span>
            </label>
          ))}
          {addresses.length ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" value="new" defaultChecked={start.addressId === "new"} {...form.register("addressId")} /> 使用新地址
            </label>
          ) : (
            <input type="hidden" value="new" {...form.register("addressId")} />
          )}
        </fieldset>
        {!addressId || addressId === "new" ? (
          <div className="space-y-3">
            <AddressFields options={areas} values={start} errors={errorMessages(errors)} register={form.register as never} setValue={form.setValue as never} />
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" {...form.register("saveAddress")} /> 保存到地址簿
            </label>
          </div>
        ) : null}
        <InvoiceRequestFields
          values={start}
          errors={errorMessages(errors)}
          register={form.register as never}
        />
        <PaymentMethodChoice
          defaultValue={isOnlinePaymentMethod(start.paymentMethod) ? start.paymentMethod : DEFAULT_PAYMENT_METHOD}
          register={form.register("paymentMethod")}
          error={errors.paymentMethod?.message}
        />
        <p className="text-xs text-stone-500">
          运费：满 {formatFen(SHIPPING_RULES.standard.freeFromFen)} 包邮，否则 {formatFen(SHIPPING_RULES.standard.feeFen)}；
          {REMOTE_PROVINCES.map((p) => p.slice(0, 2)).join("、")}满 {formatFen(SHIPPING_RULES.remote.freeFromFen)} 包邮，否则 {formatFen(SHIPPING_RULES.remote.feeFen)}。
          下单后库存为您保留，请在保留时间内完成付款。
        </p>
        <button type="submit" className={`${buttonClass} w-full`} disabled={navigation.state !== "idle"}>
          提交订单并付款
        </button>
      </Form>
      <aside className="h-fit space-y-2 rounded border border-stone-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">订单摘要</h2>
        {buyNow ? (
          <p className="text-xs text-stone-500" data-testid="buy-now-note">
            立即购买：只结算这件商品，购物车里的商品不受影响。
          </p>
        ) : null}
        <ul className="space-y-1">
          {cart.lines.map((l) => (
            <li key={l.variantId} className="flex justify-between gap-2">
              <span>
                {l.productName}（{l.variantName}）× {l.quantity}
              </span>
              <span>{formatFen(l.lineTotalFen)}</span>
            </li>
          ))}
        </ul>
        <p className="flex justify-between border-t pt-2">
          <span>商品合计</span>
          <span>{formatFen(cart.subtotalFen)}</span>
        </p>
        <p className="flex justify-between">
          <span>运费</span>
          <span>{shippingFen === null ? "选择地址后计算" : formatFen(shippingFen)}</span>
        </p>
        <ShippingHint province={province} subtotalFen={cart.subtotalFen} />
        <p className="flex justify-between text-base font-bold">
          <span>应付</span>
          <span data-testid="checkout-total">{formatFen(cart.subtotalFen + (shippingFen ?? 0))}</span>
        </p>
      </aside>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "结算 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
