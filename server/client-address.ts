import net from "node:net";

// Which address a request comes from, for the throttles. Express works it out from the socket, and
// from X-Forwarded-For only for the proxies TRUST_PROXY names (its "trust proxy" setting): without
// it, anyone could send a fresh X-Forwarded-For with every guess.

/** TRUST_PROXY → Express's "trust proxy": unset/"false" trusts nobody; a number is hops; else addresses/subnets ("loopback", "10.0.0.0/8, 127.0.0.1"). */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  const v = (value ?? "").trim();
  if (v === "" || v === "false" || v === "0") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/**
 * The key a client is counted under: an IPv4 address as is (IPv4-mapped IPv6 unwrapped); an IPv6
 * address by its /64, since one household or server is handed a whole /64 and could otherwise
 * take a new address for every attempt.
 */
export function clientKey(address: string | undefined | null): string | null {
  if (!address) return null;
  const plain = address.startsWith("::ffff:") && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (net.isIPv4(plain)) return plain;
  if (!net.isIPv6(plain)) return null;
  if (plain === "::1") return plain; // this machine
  const [head, tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
