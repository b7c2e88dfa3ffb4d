import { useFetcher } from "@remix-run/react";
import { Link } from "~/components/link";
import { useEffect, useRef, useState } from "react";
import { formatFen } from "~/lib/money";
import { QuantityStepper } from "~/components/quantity-stepper";
import { lineProblem, MAX_CART_QUANTITY } from "~/models/orders/quantity";

interface BuyableVariant {
  id: string;
  name: string;
  priceFen: number;
  stock: number;
  minOrderQty: number;
}

/**
 * The product page's buying: 规格, a −/+ quantity bounded by the chosen variant's minimum order and
 * stock, 加入购物车 (a fetcher: the page stays) and 立即购买 (the cart action checks the line and
 * sends the buyer to checkout with just it). Quantities the stock cannot cover are named beside
 * the quantity as they are typed, and again by the server if the stock changed meanwhile. On a
 * phone the two buttons sit in a bar fixed above the tab bar; without JavaScript it is one plain
 * form posting to /cart.
 */
export function BuyPanel({ productName, variants }: { productName: string; variants: BuyableVariant[] }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const [variantId, setVariantId] = useState((variants.find((v) => v.stock > 0) ?? variants[0]).id);
  const variant = variants.find((v) => v.id === variantId) ?? variants[0];
  const min = Math.max(1, variant.minOrderQty);
  const [quantity, setQuantity] = useState(String(min));
  const [answered, setAnswered] = useState(false);
  const message = useRef<HTMLParagraphElement>(null);
  const soldOut = variant.stock <= 0;
  const typed = /^\d+$/.test(quantity) ? lineProblem(variant, Number(quantity)) : `请输入 1–${MAX_CART_QUANTITY} 的整数`;
  const server = answered && fetcher.state === "idle" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    if (fetcher.state === "submitting") setAnswered(true);
  }, [fetcher.state]);
  // On a phone the buttons are at the bottom of the screen: bring a refusal into view beside the quantity.
  useEffect(() => {
    if (server && !server.ok) message.current?.scrollIntoView({ block: "center" });
  }, [server]);

  const choose = (id: string) => {
    const next = variants.find((v) => v.id === id)!;
    setVariantId(id);
    setQuantity(String(Math.max(1, next.minOrderQty)));
    setAnswered(false);
  };
  const shown = typed && !soldOut ? { ok: false, message: typed } : server;

  return (
    <fetcher.Form
      method="post"
      action="/cart"
      aria-label="购买"
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-3"
      onSubmit={(e) => {
        if (typed) e.preventDefault();
      }}
    >
      {variants.length > 1 ? (
        <fieldset>
          <legend className="mb-1 text-sm text-stone-500">规格</legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((v) => (
              <label
                key={v.id}
                className="flex min-h-11 cursor-pointer items-center gap-1 rounded-md border border-stone-300 px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-700 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500"
              >
                <input type="radio" name="variantId" value={v.id} checked={v.id === variantId} onChange={() => choose(v.id)} className="sr-only" />
                {v.name}
                <span className="text-xs">{formatFen(v.priceFen)}</span>
                {v.stock <= 0 ? <span className="text-xs text-stone-500">（已售罄）</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <input type="hidden" name="variantId" value={variant.id} />
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label htmlFor="buy-quantity" className="text-sm text-stone-500">
          数量
        </label>
        <QuantityStepper
          id="buy-quantity"
          name="quantity"
          label={`${productName}（${variant.name}）数量`}
          value={quantity}
          min={min}
          max={Math.min(variant.stock, MAX_CART_QUANTITY)}
          onChange={(v) => {
            setQuantity(v);
            setAnswered(false);
          }}
          invalid={Boolean(shown && !shown.ok)}
          describedBy="buy-message"
        />
        <span className="text-sm text-stone-500" data-testid="buy-stock">
          {soldOut ? "已售罄" : `库存 ${variant.stock} 件`}
          {min > 1 ? ` · ${min} 件起订` : ""}
        </span>
      </div>
      <p id="buy-message" ref={message} role={shown && !shown.ok ? "alert" : "status"} className={`min-h-5 text-sm ${shown?.ok ? "text-emerald-700" : "text-red-700"}`}>
        {shown ? shown.message : null}
        {shown?.ok ? (
          <Link to="/cart" className="ml-2 inline-flex min-h-11 items-center underline">
            去购物车结算
          </Link>
        ) : null}
      </p>
      <div data-testid="buy-bar" data-buy-bar className="fixed inset-x-0 bottom-[var(--tab-bar-h)] z-30 flex gap-2 border-t border-stone-200 bg-white p-2 md:static md:border-0 md:p-0">
        <button
          type="submit"
          name="intent"
          value="add"
          disabled={busy || soldOut}
          className="min-h-11 flex-1 rounded-md border border-brand-600 bg-brand-50 px-4 font-medium text-brand-700 hover:bg-brand-100 disabled:opacity-60"
        >
          加入购物车
        </button>
        <button type="submit" name="intent" value="buy" disabled={busy || soldOut} className="min-h-11 flex-1 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          立即购买
        </button>
      </div>
    </fetcher.Form>
  );
}
