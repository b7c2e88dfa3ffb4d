import { describe, expect, it } from "vitest";
import { estimatedEntropyBits, parseEnv } from "./env.server";

// Every variable production needs, each a real-looking value.
const PRODUCTION = {
  NODE_ENV: "production",
  SESSION_SECRET: "q7Vd0m3xL9sKf2RbT8wYhN4cJ6pZ1aEu5gXiO0kW",
  STRIPE_SECRET_KEY: "sk_test_51HxAbCdEfGh",
  STRIPE_WEBHOOK_SECRET: "whsec_0123456789abcdef",
  PLATFORM_PAYEE: "甘肃陇货通电子商务有限公司",
  PLATFORM_BANK: "中国农业银行兰州城关支行",
  PLATFORM_ACCOUNT: "2701040104001234567",
  PLATFORM_TAX_ID: "91620102MA74XK2P3Q",
  PLATFORM_ADDRESS: "甘肃省兰州市城关区张掖路 1 号",
  PLATFORM_PHONE: "0931-8000000",
  PII_KEY: "ab".repeat(32),
  SUPPORT_HOTLINE: "400-800-2026",
  SUPPORT_EMAIL: "kefu@longhuo.cn",
  ICP_NUMBER: "陇ICP备2026000001号-1",
  PUBLIC_URL: "https://longhuo.cn",
  SMTP_URL: "smtps://noreply%40longhuo.cn:secret@smtp.example.cn:465",
  MAIL_FROM: "陇货通 <noreply@longhuo.cn>",
  SMS_PROVIDER: "aliyun",
  SMS_ACCESS_KEY_ID: "LTAI-id",
  SMS_ACCESS_KEY_SECRET: "secret",
  SMS_SIGN_NAME: "陇货通",
  SMS_TEMPLATES: "shipped=SMS_1,gift_code=SMS_2,notice=SMS_3,login_code=SMS_4",
} as NodeJS.ProcessEnv;

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
  it("refuses production without the real customer-service contact and ICP filing number; development shows demo ones", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SUPPORT_HOTLINE[\s\S]*SUPPORT_EMAIL[\s\S]*ICP_NUMBER/);
    expect(() => parseEnv({ NODE_ENV: "development", SUPPORT_EMAIL: "not-an-address" })).toThrow(/SUPPORT_EMAIL/);
    expect(parseEnv({ NODE_ENV: "development" })).toMatchObject({ SUPPORT_HOURS: "每天 9:00–21:00（北京时间）" });
  });
  it("accepts production with real secrets", () => {
    expect(parseEnv(PRODUCTION).NODE_ENV).toBe("production");
    expect(parseEnv({ ...PRODUCTION, STRIPE_SECRET_KEY: "sk_live_51HxAbCdEfGh" }).NODE_ENV).toBe("production");
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
  it("refuses a session secret without real entropy and keys that are not Stripe's", () => {
    const good = PRODUCTION;
    for (const weak of ["x".repeat(64), "abcd".repeat(12), "password".repeat(5)]) {
      expect(() => parseEnv({ ...good, SESSION_SECRET: weak }), weak).toThrow(/SESSION_SECRET/);
    }
    expect(() => parseEnv({ ...good, STRIPE_SECRET_KEY: "pk_live_51HxAbCdEfGh" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => parseEnv({ ...good, STRIPE_SECRET_KEY: "changeme" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => parseEnv({ ...good, STRIPE_WEBHOOK_SECRET: "secret" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(estimatedEntropyBits("x".repeat(40))).toBe(0);
    expect(estimatedEntropyBits("q7Vd0m3xL9sKf2RbT8wYhN4cJ6pZ1aEu5gXiO0kW")).toBeGreaterThan(128);
  });
});
