/** A mainland mobile number: 11 digits, 1 then 3–9. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** A mobile as people write it (spaces, dashes, +86 or 86 in front) → the 11 digits, when it is one. */
export function normaliseMobile(mobile: string) {
  return mobile.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
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
