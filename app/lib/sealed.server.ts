import crypto from "node:crypto";
import { env } from "~/env.server";

// Sealing a short secret for storage (AES-256-GCM, a fresh 96-bit nonce each time): the database,
// its backups and anyone reading rows see only "v1.<nonce>.<tag>.<ciphertext>". A tampered value
// fails to open rather than opening to something else.

function key() {
  return Buffer.from(env().PII_KEY, "hex");
}

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function unseal(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** A keyed digest (HMAC-SHA256) to find equal secrets without storing them readably. */
export function keyedDigest(text: string): string {
  return crypto.createHmac("sha256", key()).update(text).digest("base64url");
}
