// Staff decisions on /admin/certification. Apart from the labels in certification-status.ts, which
// product pages import: a schema there would bring zod into the browser code of pages with no form.
import * as z from "zod";
import { CERT_DECISIONS, COOP_STATUSES } from "~/models/catalog/certification-status";

/** A staff decision on a product's certification (/admin/certification). */
export const certificationSchema = z
  .object({
    productId: z.string().min(1),
    status: z.enum(CERT_DECISIONS, { message: "请选择认定状态" }),
    certNumber: z.string().trim().max(40, "证书编号不超过 40 个字"),
    expiresOn: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "有效期格式为 YYYY-MM-DD")]),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "CERTIFIED") return;
    if (v.certNumber.length < 4) ctx.addIssue({ code: "custom", path: ["certNumber"], message: "认定为扶贫产品时须填写证书编号" });
    if (!v.expiresOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "认定为扶贫产品时须填写有效期" });
  });

/** Staff send a submitted certificate back; the co-op sees the reason. */
export const certificateRejectionSchema = z.object({
  productId: z.string().min(1),
  reason: z.string().trim().min(4, "请写明退回原因，合作社会看到").max(300, "原因不超过 300 个字"),
});

/** A staff decision on a co-op's own status (/admin/certification). */
export const coopStatusSchema = z.object({
  coopId: z.string().min(1, "请选择合作社"),
  status: z.enum(COOP_STATUSES, { message: "请选择合作社状态" }),
});
