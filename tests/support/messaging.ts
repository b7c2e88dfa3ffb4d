// The store's real transports (nodemailer over SMTP, the Aliyun-shaped SMS client) pointed at the
// loopback fakes, for tests of the sender.
import { createEmailTransport } from "~/models/messages/email-transport.server";
import { createAliyunSms } from "~/models/messages/sms-provider.server";
import type { Transports } from "~/models/messages/delivery.server";
import { startFakeSmtp } from "./fake-smtp";
import { startFakeSms } from "./fake-sms";

export const SMS_KEY = { accessKeyId: "test-key-id", accessKeySecret: "test-key-secret" };
export const SMS_TEMPLATE_CODES = { shipped: "SMS_100001", gift_code: "SMS_100002", notice: "SMS_100003", login_code: "SMS_100004" };

export async function startMessagingFakes(options: { timeoutMs?: number } = {}) {
  const smtp = await startFakeSmtp();
  const sms = await startFakeSms(SMS_KEY);
  const email = createEmailTransport({ smtpUrl: smtp.url, from: "陇货通 <noreply@longhuo.test>", timeoutMs: options.timeoutMs ?? 5000 });
  const provider = createAliyunSms({ endpoint: sms.url, ...SMS_KEY, signName: "陇货通", templates: SMS_TEMPLATE_CODES });
  const transports: Transports = { email: email.send, sms: provider.send };
  return {
    smtp,
    sms,
    transports,
    close: async () => {
      email.close();
      await Promise.all([smtp.close(), sms.close()]);
    },
  };
}
