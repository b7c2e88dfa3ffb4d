/** A mainland mobile number: 11 digits, 1 then 3–9. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * `+86 138 0013 8000`, `138-0013-8000`, `86 13800138000`, `0086 13800138000` → 13800138000: the one
 * form the store keeps, compares and hands to the SMS provider. Spaces, dashes, dots and brackets
 * go; a country code goes only when eleven digits that look like a mobile follow it. Anything else
 * is returned compacted, for MOBILE_PATTERN to refuse.
 */
export function normaliseMobile(mobile: string) {
  const compact = mobile.trim().replace(/[\s\-.()（）]/g, "");
  return compact.replace(/^(?:\+|00)?86(?=1\d{10}$)/, "");
}

/** Whether the text is a mainland mobile number once normalised. */
export function isMobile(text: string) {
  return MOBILE_PATTERN.test(normaliseMobile(text));
}

/** 138****8000: how a mobile number appears in every list and log. */
export function maskMobile(mobile: string) {
  const digits = mobile.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Masks every mainland mobile number inside a text (a provider's error message may quote one). */
export function maskMobilesIn(text: string) {
  return text.replace(/(?<!\d)(?:\+?86)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, "$1****$3");
}

