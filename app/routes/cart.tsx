import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse, isDomainError } from "~/lib/errors";
import { buttonClass, fieldError, ValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { buyNowHref, cartActionSchema, MAX_CART_QUANTITY } from "~/models/orders/cart.schema";
import { addToCart, checkBuyNow, findCart, getCartView, removeFromCart, setCartQuantity } from "~/models/orders/cart.server";
import { getUserId } from "~/session.server";
import { ShippingHint } from "~/components/shipping-hint";
import { defaultProvince } from "~/models/addresses/address-book.server";

// Guests have carts too, so there is no requireUser: the cart is found from the asker's own
// session or signed cart cookie, never from an id in the request.
export async function loader({ request }: LoaderFunctionArgs) {
  const userId = (await getUserId(request)) ?? null;
  const { cartId } = await findCart(request, userId);
  const [cart, province] = await Promise.all([getCartView(cartId), defaultProvince(userId)]);
  return json({ cart, signedIn: Boolean(userId), province }, { headers: { "Cache-Control": "private, no-store" } });
}

/** The one cart action: add (from product pages, by fetcher), set a quantity, remove a line, buy one line now. */
export async function action({ request }: ActionFunctionArgs) {
  const userId = (await getUserId(request)) ?? null;
  const parsed = parseForm(cartActionSchema, await request.formData());
  if (!parsed.ok) {
    const message = parsed.errors.quantity ?? "请求无效";
    return json({ ok: false, message }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "buy") {
    try {
      return redirect(buyNowHref(await checkBuyNow(input.variantId, input.quantity)));
    } catch (error) {
      return errorResponse(error, { ok: false, message: isDomainError(error) ? error.message : "" });
    }
  }
  const { cartId, setCookie } = await findCart(request, userId, { create: true });
  const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
  try {
    if (input.intent === "add") await addToCart(cartId, input.variantId, input.quantity);
    else if (input.intent === "set") await setCartQuantity(cartId, input.variantId, input.quantity);
    else await removeFromCart(cartId, input.variantId);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorResponse(error, { ok: false, message: error.message }, { headers });
  }
  const message = input.intent === "add" ? "已加入购物车" : input.intent === "set" ? "数量已更新" : "已移除";
  return json({ ok: true, message }, { headers });
}

export default function CartPage() {
  const { cart, signedIn, province } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="mb-4 text-2xl font-bold">购物车</h1>
      {actionData ? (
        <p role={actionData.ok ? "status" : "alert"} className={`mb-4 rounded p-2 text-sm ${actionData.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          {actionData.message}
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <p className="text-stone-600">
          购物车是空的。<Link to="/" className="text-brand-700 underline">去逛逛甘肃特产</Link>
        </p>
      ) : (
        <>
          <ul className="divide-y divide-stone-200 rounded border border-stone-200 bg-white">
            {cart.lines.map((line) => (
              <li key={line.variantId} className="grid grid-cols-[4rem_minmax(0,1fr)] gap-x-3 gap-y-2 p-3 sm:grid-cols-[4rem_minmax(0,1fr)_auto] sm:items-center" data-testid="cart-line">
                {line.imageUrl ? <img src={line.imageUrl} alt="" width={64} height={48} className="rounded" /> : <span />}
                <div className="min-w-0">
                  <Link to={`/products/${line.productSlug}`} className="font-medium underline-offset-2 hover:underline">
                    {line.productName}
                  </Link>
                  <p className="text-sm text-stone-500">
                    {line.variantName} · 单价 {formatFen(line.unitPriceFen)}
                  </p>
                  {line.warning ? (
                    <p role="alert" className="text-sm text-amber-800">
                      {line.warning}
                    </p>
                  ) : null}
                </div>
                {/* on a phone: under the name, quantity left and subtotal right; from sm up, one row */}
                <div className="col-start-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-1 sm:col-start-3">
                  <ValidatedForm
                    key={line.quantity}
                    schema={cartActionSchema}
                    server={undefined}
                    defaults={{ intent: "set", variantId: line.variantId, quantity: String(line.quantity) }}
                    className="flex flex-wrap items-center gap-1"
                  >
                    {(form) => (
                      <>
                        <input type="hidden" {...form.register("intent")} />
                        <input type="hidden" {...form.register("variantId")} />
                        <label htmlFor={`q-${line.variantId}`} className="sr-only">
                          {line.productName} 数量
                        </label>
                        <input
                          id={`q-${line.variantId}`}
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={Math.max(1, Math.min(line.stock, MAX_CART_QUANTITY))}
                          step={1}
                          aria-invalid={Boolean(fieldError(form, "quantity"))}
                          className="h-11 w-16 rounded border border-stone-300 px-2 text-base"
                          {...form.register("quantity")}
                        />
                        <button type="submit" className="min-h-11 rounded border border-stone-300 px-3 text-sm hover:bg-stone-100">
                          更新
                        </button>
                        {fieldError(form, "quantity") ? <span role="alert" className="w-full text-xs text-red-700">{fieldError(form, "quantity")}</span> : null}
                      </>
                    )}
                  </ValidatedForm>
                  <span className="font-semibold sm:w-24 sm:text-right">{formatFen(line.lineTotalFen)}</span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="variantId" value={line.variantId} />
                    <button type="submit" className="min-h-11 px-2 text-sm text-red-700 hover:underline" aria-label={`移除 ${line.productName}`}>
                      移除
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap items-center justify-end gap-4">
            <p>
              共 {cart.itemCount} 件，商品合计 <strong className="text-lg text-brand-700">{formatFen(cart.subtotalFen)}</strong>
            </p>
            <ShippingHint province={province} subtotalFen={cart.subtotalFen} />
            {cart.canCheckout ? (
              <Link to="/checkout" className={`${buttonClass} min-h-11`} aria-disabled={navigation.state !== "idle"}>
                去结算
              </Link>
            ) : (
              <span className="text-sm text-amber-700">请先处理上面标出的商品</span>
            )}
          </div>
          {!signedIn ? <p className="mt-2 text-right text-xs text-stone-500">结算前需要登录；登录后购物车会自动保留。</p> : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "购物车 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
