import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("gives development a working default session secret", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.SESSION_SECRET.length).toBeGreaterThan(16);
  });
  it("refuses to start production without real secrets, naming each missing one", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET[\s\S]*STRIPE_SECRET_KEY[\s\S]*PLATFORM_ACCOUNT[\s\S]*STRIPE_WEBHOOK_SECRET/);
    expect(() =>
      parseEnv({ NODE_ENV: "production", SESSION_SECRET: "short", STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh" }),
    ).toThrow(/SESSION_SECRET/);
  });
  it("accepts production with real secrets", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      STRIPE_SECRET_KEY: "sk_live_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      PLATFORM_PAYEE: "甘肃陇货通电子商务有限公司",
      PLATFORM_BANK: "中国农业银行兰州城关支行",
      PLATFORM_ACCOUNT: "2701040104001234567",
      PII_KEY: "ab".repeat(32),
    });
    expect(env.NODE_ENV).toBe("production");
  });
  it("refuses production without its own key for sealing ID numbers", () => {
    const real = { NODE_ENV: "production" as const, SESSION_SECRET: "x".repeat(40), STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "wh", PLATFORM_PAYEE: "p", PLATFORM_BANK: "b", PLATFORM_ACCOUNT: "a" };
    expect(() => parseEnv(real)).toThrow(/PII_KEY/);
    expect(() => parseEnv({ ...real, PII_KEY: "not-hex" })).toThrow(/PII_KEY/);
    expect(parseEnv({ ...real, PII_KEY: "cd".repeat(32) }).PII_KEY).toBe("cd".repeat(32));
  });
  it("holds stock 30 minutes and sweeps every minute by default; refuses a reservation shorter than Stripe allows", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect([env.RESERVATION_MINUTES, env.SWEEP_INTERVAL_SECONDS]).toEqual([30, 60]);
    expect(parseEnv({ NODE_ENV: "development", RESERVATION_MINUTES: "45", SWEEP_INTERVAL_SECONDS: "0" })).toMatchObject({ RESERVATION_MINUTES: 45, SWEEP_INTERVAL_SECONDS: 0 });
    expect(() => parseEnv({ NODE_ENV: "development", RESERVATION_MINUTES: "5" })).toThrow(/RESERVATION_MINUTES/);
    expect(() => parseEnv({ NODE_ENV: "development", STRIPE_API_BASE: "not a url" })).toThrow(/STRIPE_API_BASE/);
  });
});
