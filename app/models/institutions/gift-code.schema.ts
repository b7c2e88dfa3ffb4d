// Gift codes: issuing a batch (the organisation) and redeeming one (the employee).
import * as z from "zod";
import { wholeNumberField } from "~/lib/form-fields";
import { MOBILE_PATTERN, normaliseMobile } from "~/lib/phone";

const expiresOn = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择截止日期");

/** The codes are shown once, as printable cards with QR codes or as a spreadsheet. */
export const GIFT_CODE_FORMATS = ["pdf", "csv"] as const;
export const GIFT_CODE_FORMAT_LABELS: Record<(typeof GIFT_CODE_FORMATS)[number], string> = { pdf: "PDF 卡片（含二维码）", csv: "CSV 表格（含兑换链接）" };
const format = z.enum(GIFT_CODE_FORMATS).default("pdf");

/** Issue a batch of codes for one gift box, or replace every unredeemed code with a new list. */
export const giftIssueSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("issue-codes"),
    lineId: z.string().min(1, "请选择礼盒"),
    count: wholeNumberField({ invalid: "数量应为整数", tooSmall: "至少 1 个", tooBig: "一次最多 5000 个" }, { min: 1, max: 5000 }),
    expiresOn,
    format,
  }),
  z.object({ intent: z.literal("reissue-codes"), expiresOn, format }),
]);

/** Gift codes sent by SMS to an uploaded list of employees: the list is the file, checked by row. */
export const giftSmsSchema = z.object({ expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择兑换截止日期") });

export const giftRedeemSchema = z.object({
  code: z.string().trim().min(8, "请输入兑换码").max(40, "兑换码格式不对"),
  recipient: z.string().trim().min(1, "请填写收件人").max(50, "姓名过长"),
  mobile: z.string().trim().transform(normaliseMobile).pipe(z.string().regex(MOBILE_PATTERN, "请输入 11 位手机号")),
  province: z.string().trim().min(2, "请填写省份").max(20),
  city: z.string().trim().min(2, "请填写城市").max(20),
  district: z.string().trim().min(2, "请填写区县").max(20),
  street: z.string().trim().min(4, "请填写详细地址").max(120, "地址过长"),
});

/** An employee looks up a redeemed gift: the code and the mobile given when redeeming. */
export const giftStatusSchema = z.object({
  code: z.string().trim().min(8, "请输入兑换码").max(40, "兑换码格式不对"),
  mobile: z.string().trim().transform(normaliseMobile).pipe(z.string().regex(MOBILE_PATTERN, "请输入 11 位手机号")),
});
