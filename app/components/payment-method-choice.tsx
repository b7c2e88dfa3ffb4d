import type { UseFormRegisterReturn } from "react-hook-form";
import { ONLINE_PAYMENT_CHOICES, ONLINE_PAYMENT_METHODS, type OnlinePaymentMethod } from "~/models/orders/payment-method";

/**
 * 支付宝 / 微信支付 / 银行卡 as large radio cards (44 px and more to tap). Works without JavaScript
 * (name + defaultChecked); a react-hook-form page passes its `register("paymentMethod")` instead.
 */
export function PaymentMethodChoice({ defaultValue, register, error }: { defaultValue: OnlinePaymentMethod; register?: UseFormRegisterReturn; error?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "paymentMethod-error" : undefined}>
      <legend className="mb-2 font-semibold">支付方式</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {ONLINE_PAYMENT_METHODS.map((m) => (
          <label key={m} className="flex min-h-11 cursor-pointer items-start gap-2 rounded border border-stone-300 bg-white p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600">
            <input type="radio" value={m} defaultChecked={m === defaultValue} className="mt-0.5 size-4" {...(register ?? { name: "paymentMethod" })} />
            <span>
              <span className="block font-medium">{ONLINE_PAYMENT_CHOICES[m].label}</span>
              <span className="block text-xs text-stone-500">{ONLINE_PAYMENT_CHOICES[m].hint}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="paymentMethod-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
