import * as z from "zod";

// How a buyer pays online, in the words Chinese shoppers use, and what each one is called at
// Stripe. Chosen per order (checkout, the pay step, the 测试支付 page); the order keeps the choice
// in Order.paymentMethod until it is paid, then the method it was paid with.

export const ONLINE_PAYMENT_METHODS = ["ALIPAY", "WECHAT_PAY", "CARD"] as const;
export type OnlinePaymentMethod = (typeof ONLINE_PAYMENT_METHODS)[number];

/** What the buyer sees beside each choice. */
export const ONLINE_PAYMENT_CHOICES: Record<OnlinePaymentMethod, { label: string; hint: string }> = {
  ALIPAY: { label: "支付宝", hint: "跳转支付宝付款，手机上可直接打开支付宝 App" },
  WECHAT_PAY: { label: "微信支付", hint: "用微信扫一扫页面上的二维码付款" },
  CARD: { label: "银行卡", hint: "借记卡或信用卡（银联、Visa、Mastercard）" },
};

/** Stripe's payment_method_types value for each choice. */
export const STRIPE_METHOD_TYPES: Record<OnlinePaymentMethod, "alipay" | "wechat_pay" | "card"> = { ALIPAY: "alipay", WECHAT_PAY: "wechat_pay", CARD: "card" };

/** Every way an order's money can arrive, as stored in Order.paymentMethod. */
const STORED_LABELS: Record<string, string> = {
  ALIPAY: "支付宝",
  WECHAT_PAY: "微信支付",
  CARD: "银行卡",
  // a Checkout Session that offered every method (an order that never named one): Stripe's page chose
  ONLINE: "在线支付",
  BANK_TRANSFER: "对公转账",
  TEST: "测试支付",
};

/** The words for a stored method (an unknown one is shown as it is, none as "—"). */
export function paymentMethodLabel(method: string | null | undefined): string {
  return method ? (STORED_LABELS[method] ?? method) : "—";
}

export function isOnlinePaymentMethod(value: unknown): value is OnlinePaymentMethod {
  return typeof value === "string" && (ONLINE_PAYMENT_METHODS as readonly string[]).includes(value);
}

/** The method a Stripe session was made for: one type → that choice; several → ONLINE. */
export function methodOfStripeTypes(types: readonly string[] | null | undefined): OnlinePaymentMethod | "ONLINE" {
  if (types?.length === 1) {
    const found = ONLINE_PAYMENT_METHODS.find((m) => STRIPE_METHOD_TYPES[m] === types[0]);
    if (found) return found;
  }
  return "ONLINE";
}

/** The choice in a form; a form posted without it (an old page, a script) pays by 支付宝. */
export const paymentMethodField = z.enum(ONLINE_PAYMENT_METHODS, { message: "请选择支付方式" });
export const DEFAULT_PAYMENT_METHOD: OnlinePaymentMethod = "ALIPAY";
