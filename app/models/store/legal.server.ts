import { env } from "~/env.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";
import { SHIPPING_RULES } from "~/models/orders/shipping-fee";
import { storeContact } from "~/models/store/contact.server";

// The facts the about and legal pages state, taken from the configuration and the rules the store
// runs on, so the text cannot drift from what the code does (reservation time, shipping fees).

/** The version of the terms and the privacy policy; change both with the text. */
export const LEGAL_EFFECTIVE_DATE = "2026 年 12 月 2 日";
/** What an account records as agreed to at sign-up (User.termsVersion). */
export const LEGAL_VERSION = "2026-12-02";

export function legalFacts() {
  return {
    contact: storeContact(),
    // The company that receives the money is the one that sells and answers for the store.
    operator: PLATFORM_BANK.payee,
    reservationMinutes: env().RESERVATION_MINUTES,
    shipping: SHIPPING_RULES,
    effectiveDate: LEGAL_EFFECTIVE_DATE,
  };
}
