import { describe, expect, it } from "vitest";
import { maskMobile, maskMobilesIn } from "~/lib/phone";
import { classifySmtpError } from "~/models/messages/email-transport.server";
import { aliyunSignature } from "~/models/messages/sms-provider.server";
import { fitParam, renderSms, templateCodes } from "~/models/messages/sms-templates";

describe("messages", () => {
  it("signs an Aliyun request exactly as Aliyun's documentation's worked example", () => {
    const params = {
      AccessKeyId: "testId", Action: "SendSms", Format: "XML", OutId: "123", PhoneNumbers: "15300000001", RegionId: "cn-hangzhou",
      SignName: "阿里云短信测试专用", SignatureMethod: "HMAC-SHA1", SignatureNonce: "45e25e9b-0a6f-4070-8c85-2956eda1b466", SignatureVersion: "1.0",
      TemplateCode: "SMS_71390007", TemplateParam: '{"customer":"test"}', Timestamp: "2017-07-12T02:42:19Z", Version: "2017-05-25",
    };
    expect(aliyunSignature(params, "testSecret", "GET")).toBe("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  });

  it("masks mobile numbers, alone and inside text", () => {
    expect(maskMobile("13800138000")).toBe("138****8000");
    expect(maskMobilesIn("非法手机号 13800138000, +8613900001111；订单 LH-2026-0001")).toBe("非法手机号 138****8000, 139****1111；订单 LH-2026-0001");
    expect(maskMobilesIn("运单号 SF1234567890123")).toBe("运单号 SF1234567890123");
  });

  it("shortens parameters by characters and renders the template text with them", () => {
    expect(fitParam("花牛苹果")).toBe("花牛苹果");
    expect([...fitParam("甘".repeat(40))]).toHaveLength(35);
    const { params, text } = renderSms("shipped", { order: "LH-1", courier: "顺丰速运", tracking: "SF123" });
    expect(params).toEqual({ order: "LH-1", courier: "顺丰速运", tracking: "SF123" });
    expect(text).toBe("您的订单LH-1已由顺丰速运发出，运单号SF123，请注意查收。");
    expect(templateCodes(" shipped=SMS_1, gift_code=SMS_2,unknown=SMS_9")).toEqual({ shipped: "SMS_1", gift_code: "SMS_2" });
  });

  it("tells an SMTP refusal from a deferral from a delivery it cannot vouch for", () => {
    expect(classifySmtpError({ name: "Error", message: "x", code: "EENVELOPE", responseCode: 550, permanent: true, response: "550 no such user" }).kind).toBe("refused");
    expect(classifySmtpError({ name: "Error", message: "x", code: "EENVELOPE", responseCode: 451, permanent: false }).kind).toBe("retry");
    expect(classifySmtpError({ name: "Error", message: "x", code: "ESOCKET", originalCode: "ECONNREFUSED" }).kind).toBe("retry");
    expect(classifySmtpError({ name: "Error", message: "x", code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT" }).kind).toBe("retry");
    expect(classifySmtpError({ name: "Error", message: "x", code: "ETIMEDOUT", timeoutType: "SOCKET_TIMEOUT" }).kind).toBe("unknown");
    expect(classifySmtpError({ name: "Error", message: "x", code: "ECONNECTION" }).kind).toBe("unknown");
  });
});
