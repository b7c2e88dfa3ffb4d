import crypto from "node:crypto";

// Read over the phone: no 0/O, 1/I/L, 2/Z, 5/S lookalikes; grouped in fours, e.g. "LH-2611-K7RC-9XWM".
const ALPHABET = "346789ACDEFGHJKMNPQRTUVWXY";

export function newOrderNumber(now = new Date()): string {
  const yymm = `${String(now.getUTCFullYear()).slice(2)}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  const bytes = crypto.randomBytes(8);
  const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `LH-${yymm}-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

/** Accepts what a person types or says back: lower case, spaces or missing dashes. */
export function normaliseOrderNumber(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const m = /^LH(\d{4})([A-Z0-9]{4})([A-Z0-9]{4})$/.exec(compact);
  return m ? `LH-${m[1]}-${m[2]}-${m[3]}` : null;
}
