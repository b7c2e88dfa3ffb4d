// A co-op's batch form (/coop/batches/new) and the stock it receives into a batch. Household shares
// are whole percent per household (share_<householdId>) and must add up to 100.
import * as z from "zod";

export const CERT_KINDS = ["PROMISE", "TEST_REPORT"] as const;
export type CertKind = (typeof CERT_KINDS)[number];
export const CERT_KIND_LABELS: Record<CertKind, string> = { PROMISE: "承诺达标合格证", TEST_REPORT: "检测报告" };

export const QUANTITY_UNITS = ["斤", "公斤", "吨", "箱", "袋", "件", "瓶", "盒"] as const;

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export const batchShareField = (householdId: string) => `share_${householdId}`;

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

/** `today` (Beijing) bounds the date: a harvest cannot be in the future. */
export function batchSchema(householdIds: string[], today: string) {
  const shares: Record<string, z.ZodType> = {};
  for (const id of householdIds) {
    shares[batchShareField(id)] = z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : "0"))
      .pipe(wholeNumber("请填写 0–100 的整数", 0, 100));
  }
  return z
    .object({
      productId: z.string().min(1, "请选择商品"),
      producedOn: z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "请选择采收或生产日期")
        .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "日期无效")
        .refine((s) => s <= today, "采收或生产日期不能晚于今天"),
      quantity: wholeNumber("请填写本批数量（1–100000000 的整数）", 1, 100_000_000),
      quantityUnit: z.enum(QUANTITY_UNITS, { message: "请选择单位" }),
      certKind: z.enum(CERT_KINDS, { message: "请选择合格证类型" }),
      certNumber: z.string().trim().min(4, "请填写合格证或检测报告编号").max(40, "编号不超过 40 个字符"),
      note: z.string().trim().max(200, "备注不超过 200 个字").optional().default(""),
      ...shares,
    })
    .superRefine((values, ctx) => {
      const record = values as Record<string, unknown>;
      const total = householdIds.reduce((s, id) => s + ((record[batchShareField(id)] as number) ?? 0), 0);
      if (total !== 100) ctx.addIssue({ code: "custom", path: ["shares"], message: `各户比例合计应为 100%，现在是 ${total}%` });
    });
}

export interface BatchInput {
  productId: string;
  producedOn: string;
  quantity: number;
  quantityUnit: string;
  certKind: CertKind;
  certNumber: string;
  note: string;
  shares: { householdId: string; percent: number }[];
}

export function toBatchInput(data: Record<string, unknown>, householdIds: string[]): BatchInput {
  return {
    productId: data.productId as string,
    producedOn: data.producedOn as string,
    quantity: data.quantity as number,
    quantityUnit: data.quantityUnit as string,
    certKind: data.certKind as CertKind,
    certNumber: data.certNumber as string,
    note: (data.note as string) ?? "",
    shares: householdIds.map((id) => ({ householdId: id, percent: data[batchShareField(id)] as number })).filter((s) => s.percent > 0),
  };
}

export const receiveSchema = z.object({
  intent: z.literal("receive"),
  variantId: z.string().min(1, "请选择规格"),
  quantity: wholeNumber("请填写入库件数（1–1000000）", 1, 1_000_000),
});

export const moveAllocationSchema = z.object({
  intent: z.literal("move"),
  orderLineId: z.string().min(1),
  fromBatchId: z.string().min(1),
  toBatchId: z.string().min(1, "请选择批次"),
});
