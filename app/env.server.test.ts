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
  it("refuses production without a way to send messages, and a mail server given as anything but smtp(s)", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL[\s\S]*SMTP_URL[\s\S]*MAIL_FROM[\s\S]*SMS_PROVIDER/);
    expect(() => parseEnv({ NODE_ENV: "production", SMS_PROVIDER: "aliyun" })).toThrow(/SMS_ACCESS_KEY_SECRET[\s\S]*SMS_TEMPLATES/);
    expect(() => parseEnv({ NODE_ENV: "development", SMTP_URL: "http://mail.example.cn" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ NODE_ENV: "development", SMS_TEMPLATES: "shipped" })).toThrow(/SMS_TEMPLATES/);
    expect(parseEnv({ NODE_ENV: "development" })).toMatchObject({ MESSAGE_SEND_INTERVAL_SECONDS: 5, MESSAGE_TIMEOUT_SECONDS: 20 });
  });
  const PRODUCTION = {
    NODE_ENV: "production" as const,
    SESSION_SECRET: "x".repeat(40),
    STRIPE_SECRET_KEY: "sk_live_abc",
    STRIPE_WEBHOOK_SECRET: "whsec_abc",
    PLATFORM_PAYEE: "甘肃陇货通电子商务有限公司",
    PLATFORM_BANK: "中国农业银行兰州城关支行",
    PLATFORM_ACCOUNT: "2701040104001234567",
    PII_KEY: "ab".repeat(32),
    PUBLIC_URL: "https://longhuo.cn",
    SMTP_URL: "smtps://noreply%40longhuo.cn:secret@smtp.example.cn:465",
    MAIL_FROM: "陇货通 <noreply@longhuo.cn>",
    SMS_PROVIDER: "aliyun",
    SMS_ACCESS_KEY_ID: "LTAI-id",
    SMS_ACCESS_KEY_SECRET: "secret",
    SMS_SIGN_NAME: "陇货通",
    SMS_TEMPLATES: "shipped=SMS_1, gift_code=SMS_2,notice=SMS_3,login_code=SMS_4",
  };
  it("accepts production with real secrets", () => {
    expect(parseEnv(PRODUCTION).NODE_ENV).toBe("production");
  });
  it("refuses production without its own key for sealing ID numbers", () => {
    const { PII_KEY: _key, ...withoutKey } = PRODUCTION;
    expect(() => parseEnv(withoutKey)).toThrow(/PII_KEY/);
    expect(() => parseEnv({ ...PRODUCTION, PII_KEY: "not-hex" })).toThrow(/PII_KEY/);
    expect(parseEnv({ ...PRODUCTION, PII_KEY: "cd".repeat(32) }).PII_KEY).toBe("cd".repeat(32));
  });
  it("holds stock 30 minutes and sweeps every minute by default; refuses a reservation shorter than Stripe allows", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect([env.RESERVATION_MINUTES, env.SWEEP_INTERVAL_SECONDS]).toEqual([30, 60]);
    expect([env.PLATFORM_FEE_BPS, env.UPLOADS_DIR]).toEqual([0, "data/uploads"]);
    expect(parseEnv({ NODE_ENV: "development", PLATFORM_FEE_BPS: "150" }).PLATFORM_FEE_BPS).toBe(150);
    expect(() => parseEnv({ NODE_ENV: "development", PLATFORM_FEE_BPS: "-1" })).toThrow(/PLATFORM_FEE_BPS/);
    expect(parseEnv({ NODE_ENV: "development", RESERVATION_MINUTES: "45", SWEEP_INTERVAL_SECONDS: "0" })).toMatchObject({ RESERVATION_MINUTES: 45, SWEEP_INTERVAL_SECONDS: 0 });
    expect(() => parseEnv({ NODE_ENV: "development", RESERVATION_MINUTES: "5" })).toThrow(/RESERVATION_MINUTES/);
    expect(() => parseEnv({ NODE_ENV: "development", STRIPE_API_BASE: "not a url" })).toThrow(/STRIPE_API_BASE/);
  });
});
