import { formatFen } from "~/lib/money";
import { freeShippingStatus, REMOTE_PROVINCES } from "~/models/orders/shipping-fee";

/**
 * 已包邮 / 再买 ¥4.20 即可包邮, beside the cart total and at checkout, from the rules the order is
 * charged by; for the chosen address's province when one is known.
 */
export function ShippingHint({ province, subtotalFen }: { province?: string | null; subtotalFen: number }) {
  const status = freeShippingStatus(province, subtotalFen);
  const where = province ? `寄往${province}` : "";
  return (
    <p data-testid="shipping-hint" className={`text-sm ${status.missingFen ? "text-amber-800" : "text-emerald-700"}`}>
      {status.missingFen === 0 ? (
        <>{where ? `${where}，` : ""}已满 {formatFen(status.freeFromFen)}，包邮</>
      ) : (
        <>
          {where ? `${where}满 ${formatFen(status.freeFromFen)} 包邮，` : `满 ${formatFen(status.freeFromFen)} 包邮，`}再买 <strong>{formatFen(status.missingFen)}</strong> 即可包邮
          {province ? null : <span className="text-stone-500">（{REMOTE_PROVINCES.map((p) => p.slice(0, 2)).join("、")}另计）</span>}
        </>
      )}
    </p>
  );
}
