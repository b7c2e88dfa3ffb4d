import { describe, expect, it } from "vitest";
import { clientKey, trustProxySetting } from "./client-address";

describe("client addresses", () => {
  it("counts IPv4 as is, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("2001:db8:1234:5678:aaaa::1")).toBe("2001:db8:1234:5678::/64");
    expect(clientKey("2001:0db8:1234:5678:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1234:5678::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("::1");
    expect(clientKey("not an address")).toBeNull();
    expect(clientKey(undefined)).toBeNull();
  });

  it("trusts no proxy unless TRUST_PROXY says which", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("loopback")).toBe("loopback");
    expect(trustProxySetting("true")).toBe(true);
  });
});
