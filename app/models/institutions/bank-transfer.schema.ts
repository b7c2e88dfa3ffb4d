// Staff record a corporate transfer (对公转账) that reached the platform account.
import * as z from "zod";
import { yuanField } from "~/lib/form-fields";

export const bankTransferSchema = z.object({
  orderNumber: z.string().trim().min(1, "请填写订单号"),
  amountYuan: yuanField("请输入到账金额（元）"),
  bankSerial: z.string().trim().min(4, "请填写银行流水号").max(64, "流水号过长"),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择到账日期"),
});

/** The confirm step of a statement import names the file kept from the preview. */
export const statementKeySchema = z.object({ statement: z.string().regex(/^statements\/[0-9a-f]{64}\.(csv|xlsx)$/) });

/** Staff sent an excess back. */
export const returnExcessSchema = z.object({ receiptId: z.string().min(1) });
