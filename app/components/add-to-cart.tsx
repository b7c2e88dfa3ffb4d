import { Link, useFetcher } from "@remix-run/react";
import { MAX_CART_QUANTITY } from "~/models/orders/quantity";

/**
 * Quantity + "加入购物车" for one variant. A fetcher (the page does not reload); without JavaScript
 * the form posts to /cart and the buyer lands on the cart page.
 */
export function AddToCart({ variantId, soldOut, label }: { variantId: string; soldOut: boolean; label: string }) {
  const fetcher = useFetcher<{ ok: boolean; message: string }>();
  const busy = fetcher.state !== "idle";
  if (soldOut) return <span className="text-xs text-stone-500">已售罄</span>;
  return (
    <fetcher.Form method="post" action="/cart" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="variantId" value={variantId} />
      <label className="sr-only" htmlFor={`qty-${variantId}`}>
        {label} 数量
      </label>
      <input
        id={`qty-${variantId}`}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_CART_QUANTITY}
        step={1}
        defaultValue={1}
        className="w-16 rounded border border-stone-300 px-2 py-1 text-sm"
      />
      <button type="submit" disabled={busy} className="rounded bg-brand-600 px-3 py-1 text-sm text-white hover:bg-brand-700 disabled:opacity-60" aria-label={`将${label}加入购物车`}>
        加入购物车
      </button>
      {fetcher.data && fetcher.state === "idle" ? (
        <span role="status" className={`text-xs ${fetcher.data.ok ? "text-emerald-700" : "text-red-700"}`}>
          {fetcher.data.message}
          {fetcher.data.ok ? (
            <Link to="/cart" className="ml-1 underline">
              去购物车
            </Link>
          ) : null}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
