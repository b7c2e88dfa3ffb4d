// The co-op's 扶贫产品认定 submission (/coop/products/<slug>/certificate): the certificate the
// county issued, which staff check against the scan before the product is published.
import * as z from "zod";

const day = (message: string) => z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, message);

export const certificateSchema = z
  .object({
    certNumber: z.string().trim().min(4, "请填写证书编号").max(40, "证书编号不超过 40 个字"),
    certIssuer: z.string().trim().min(2, "请填写发证区县，如：秦安县").max(20, "不超过 20 个字"),
    validFrom: day("请填写发证日期（YYYY-MM-DD）"),
    validUntil: day("请填写有效期至（YYYY-MM-DD）"),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil <= v.validFrom) ctx.addIssue({ code: "custom", path: ["validUntil"], message: "有效期须晚于发证日期" });
  });
export type CertificateSubmission = z.infer<typeof certificateSchema>;

export const CERTIFICATE_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";
