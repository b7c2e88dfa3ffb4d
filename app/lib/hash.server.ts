import crypto from "node:crypto";

/** Hex SHA-256: how one-time tokens and codes are stored, so the database never holds them. */
export function sha256(text: string) {
  return crypto.createHash("sha256").update(text).digest("hex");
}
