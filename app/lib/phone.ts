/** A mainland mobile number: 11 digits, 1 then 3–9. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

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

/** What a person types for a mobile — "+86 138-0000-8000", "138 0000 8000" — as the 11 digits kept. */
export function normaliseMobile(input: string) {
  return input.replace(/[\s\-()（）]/g, "").replace(/^(?:\+?86)(?=1\d{10}$)/, "");
}
