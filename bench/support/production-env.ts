// What production insists on (real-looking secrets, the platform's bank account, a way to send
// e-mail and SMS), for the benches' servers and in-process runs. Nothing is sent: the outbox sender
// and the reservation sweeper are off, and SMTP points at a closed port.
export const PRODUCTION_ENV = {
  NODE_ENV: "production",
  SESSION_SECRET: "bench-session-secret-0123456789-abcdefghijklmnop",
  STRIPE_SECRET_KEY: "sk_test_bench_local",
  STRIPE_WEBHOOK_SECRET: "whsec_bench_local",
  PLATFORM_PAYEE: "甘肃陇货通电子商务有限公司",
  PLATFORM_BANK: "中国农业银行兰州城关支行",
  PLATFORM_ACCOUNT: "2701 0401 0400 12345",
  PLATFORM_TAX_ID: "91620102MA74XK2P3Q",
  PLATFORM_ADDRESS: "甘肃省兰州市城关区张掖路 1 号",
  PLATFORM_PHONE: "0931-8000000",
  PII_KEY: "be".repeat(32),
  SUPPORT_HOTLINE: "400-800-2026",
  SUPPORT_EMAIL: "kefu@longhuo.cn",
  ICP_NUMBER: "陇ICP备2026000001号-1",
  PUBLIC_URL: "http://localhost",
  SMTP_URL: "smtp://127.0.0.1:1",
  MAIL_FROM: "陇货通 <noreply@longhuo.test>",
  SMS_PROVIDER: "aliyun",
  SMS_ACCESS_KEY_ID: "bench",
  SMS_ACCESS_KEY_SECRET: "bench",
  SMS_SIGN_NAME: "陇货通",
  SMS_TEMPLATES: "shipped=SMS_0",
  MESSAGE_SEND_INTERVAL_SECONDS: "0",
  SWEEP_INTERVAL_SECONDS: "0",
} as const;

/** For an in-process run: fills in whatever the caller's environment does not already say. */
export function useProductionEnv() {
  for (const [key, value] of Object.entries(PRODUCTION_ENV)) process.env[key] ??= value;
  process.env.NODE_ENV = "production";
  // tsx turns source maps on; `npm start` runs without them. With them every Error.stack is mapped
  // frame by frame, and Stripe's SDK takes one per API call: about a millisecond of a checkout's
  // CPU that the production server does not spend.
  process.setSourceMapsEnabled(false);
}
