import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { ConfirmStep } from "~/components/confirm-step";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RowErrors } from "~/components/row-errors";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { confirmRequest, formValues, isConfirmed, parseValues, type ConfirmRequest } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import type { RowError } from "~/lib/spreadsheet.server";
import { filesOf, readUploadForm } from "~/lib/uploads.server";
import { bankTransferSchema, returnExcessSchema, statementKeySchema } from "~/models/institutions/bank-transfer.schema";
import { invoiceTypeLabel } from "~/models/invoices/invoice-request.schema";
import { listBankTransfers, markExcessReturned, recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { importStoredStatement, MAX_STATEMENT_FILE_BYTES, previewStatementUpload, type StatementPreview } from "~/models/institutions/bank-statement.server";
import { flash, requireUser } from "~/session.server";
import { businessDay, formatChinaDateCn, noonOfBusinessDay } from "~/lib/china-time";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ ...(await listBankTransfers()), today: businessDay(new Date()) });
}

type ActionData = {
  errors?: Record<string, string> | null;
  orderNumber?: string;
  confirm?: ConfirmRequest;
  rowErrors?: RowError[];
  preview?: StatementPreview;
  error?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const today = businessDay(new Date());
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    try {
      const form = await readUploadForm(request, { maxBodyBytes: MAX_STATEMENT_FILE_BYTES + 64 * 1024, maxFileBytes: MAX_STATEMENT_FILE_BYTES, fileMessage: `对账单超过 ${MAX_STATEMENT_FILE_BYTES / 1024 / 1024} MB`, field: "file" });
      const [file] = filesOf(form, "file");
      if (!file) return json<ActionData>({ error: "请选择银行导出的 CSV 或 XLSX 对账单" }, { status: 400 });
      const checked = await previewStatementUpload(file.name, new Uint8Array(await file.arrayBuffer()), today);
      if (!checked.ok) return json<ActionData>({ rowErrors: checked.errors }, { status: 400 });
      return json<ActionData>({ preview: checked.preview });
    } catch (error) {
      return errorResponse(error);
    }
  }
  const values = formValues(await request.formData());
  try {
    if (values.intent === "statement") {
      const parsed = parseValues(statementKeySchema, values);
      if (!parsed.ok) return json<ActionData>({ error: "对账单已失效，请重新上传" }, { status: 400 });
      const result = await importStoredStatement(parsed.data.statement, staff.id, today);
      if (!result.ok) return json<ActionData>({ rowErrors: result.errors }, { status: 400 });
      const summary = `已入账 ${result.booked} 笔${result.skipped ? `，${result.skipped} 笔此前已导入，未重复记账` : ""}。${result.messages.join("；")}`;
      return json<ActionData>({}, { headers: await flash(request, summary) });
    }
    if (values.intent === "return-excess") {
      const parsed = parseValues(returnExcessSchema, values);
      if (!parsed.ok) return json<ActionData>({ error: "请求无效" }, { status: 400 });
      if (!isConfirmed(values)) return json<ActionData>(confirmRequest("确认这笔多收款项已退回付款方？", [`${values.label ?? ""}`, "请先通过银行原路退回，再在此确认；确认后它不再列在待退款中。"], values));
      await markExcessReturned(parsed.data.receiptId, staff.id);
      return json<ActionData>({}, { headers: await flash(request, "已记录退回") });
    }
    const parsed = parseValues(bankTransferSchema, values);
    if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, orderNumber: parsed.values.orderNumber ?? "" }, { status: 400 });
    if (!isConfirmed(values)) {
      return json<ActionData>(
        confirmRequest(`确认登记订单 ${parsed.data.orderNumber} 的到账？`, [`到账 ${formatFen(parsed.data.amountYuan)}，银行流水号 ${parsed.data.bankSerial}，到账日期 ${parsed.data.receivedOn}`, "收齐订单金额后订单即标记为已付款并通知合作社发货。"], values),
      );
    }
    const { message } = await recordBankTransfer({
      orderNumber: parsed.data.orderNumber,
      amountFen: parsed.data.amountYuan,
      bankSerial: parsed.data.bankSerial,
      receivedOn: noonOfBusinessDay(parsed.data.receivedOn),
      staffId: staff.id,
    });
    return json<ActionData>({ errors: null, orderNumber: "" }, { headers: await flash(request, message) });
  } catch (error) {
    return errorResponse(error, { orderNumber: values.orderNumber ?? "" });
  }
}

export default function BankTransfers() {
  const { awaiting, recent, toReturn, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const errors = (result?.errors ?? {}) as Record<string, string>;
  if (result?.confirm) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">对公转账到账登记</h1>
        <ConfirmStep confirm={result.confirm} confirmLabel="确认" />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">对公转账到账登记</h1>
      {errors.form || result?.error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">{errors.form ?? result?.error}</p> : null}

      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="font-semibold">导入银行对账单</h2>
        <p className="text-sm text-stone-600">
          从网银导出收款明细（CSV 或 XLSX），需有「日期、金额、付款方、附言」四列。按附言中的订单号对应订单；同一订单可分几笔付款，收齐即标记为已付款，多付的部分列入待退款。同一份对账单重复导入不会重复记账。
        </p>
        {result?.rowErrors ? <RowErrors errors={result.rowErrors} nothingOf="到账记录" /> : null}
        {result?.preview ? (
          <StatementConfirm preview={result.preview} />
        ) : (
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2">
            <Field label="对账单文件" name="file">
              <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={inputClass} required />
            </Field>
            <button className={buttonClass} disabled={navigation.state === "submitting"}>检查对账单</button>
          </Form>
        )}
      </section>

      <section>
        <h2 className="mb-2 font-semibold">待到账（{awaiting.length}）</h2>
        {awaiting.length === 0 ? <p className="text-sm text-stone-500">没有等待到账的订单。</p> : null}
        <ul className="space-y-3">
          {awaiting.map((o) => (
            <li key={o.id} className="rounded border bg-white p-3 text-sm" data-testid={`transfer-${o.number}`}>
              <div className="flex flex-wrap justify-between gap-2">
                <span><strong>{o.paymentRef}</strong> · {o.organization?.name}</span>
                <span className="font-semibold">{formatFen(o.totalFen)}</span>
              </div>
              <div className="text-xs text-stone-600">
                订单 {o.number}；采购单号 {o.poNumber ?? "—"}；保留至 {o.reservedUntil ? businessDay(new Date(o.reservedUntil)) : "—"}；
                发票：{o.invoiceRequest ? `${invoiceTypeLabel(o.invoiceRequest.type)} ${o.invoiceRequest.title}（${o.invoiceRequest.taxNumber ?? "个人"}）` : "不开"}
              </div>
              {o.receivedFen > 0 ? <p className="mt-1 text-xs text-amber-800">已收到 {formatFen(o.receivedFen)}，还差 {formatFen(o.totalFen - o.receivedFen)}</p> : null}
              <ValidatedForm
                schema={bankTransferSchema}
                server={result?.orderNumber === o.number ? { errors } : undefined}
                defaults={{ orderNumber: o.number, amountYuan: "", bankSerial: "", receivedOn: today }}
                className="mt-2 grid gap-2 sm:flex sm:flex-wrap sm:items-end"
              >
                {(form) => (
                  <>
                    <input type="hidden" {...form.register("orderNumber")} />
                    <Field label="到账金额（元）" name={`amountYuan-${o.id}`} error={fieldError(form, "amountYuan")}>
                      <input id={`amountYuan-${o.id}`} inputMode="decimal" className={inputClass} aria-invalid={Boolean(fieldError(form, "amountYuan"))} {...form.register("amountYuan")} />
                    </Field>
                    <Field label="银行流水号" name={`bankSerial-${o.id}`} error={fieldError(form, "bankSerial")}>
                      <input id={`bankSerial-${o.id}`} className={inputClass} aria-invalid={Boolean(fieldError(form, "bankSerial"))} {...form.register("bankSerial")} />
                    </Field>
                    <Field label="到账日期" name={`receivedOn-${o.id}`} error={fieldError(form, "receivedOn")}>
                      <input id={`receivedOn-${o.id}`} type="date" max={today} className={inputClass} aria-invalid={Boolean(fieldError(form, "receivedOn"))} {...form.register("receivedOn")} />
                    </Field>
                    <button className={buttonClass} disabled={navigation.state === "submitting"}>登记到账</button>
                  </>
                )}
              </ValidatedForm>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2 className="mb-2 font-semibold">待退款：多收的款项（{toReturn.length}）</h2>
        {toReturn.length === 0 ? <p className="text-sm text-stone-500">没有需要退回的款项。</p> : null}
        <ul className="space-y-2">
          {toReturn.map((r) => {
            const label = `订单 ${r.order.number}（${r.order.organization?.name ?? ""}）多收 ${formatFen(r.excessFen)}，付款方 ${r.payer || "—"}`;
            return (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid={`excess-${r.order.number}`}>
                <span>{label}；{formatChinaDateCn(new Date(r.receivedOn))}到账 {formatFen(r.amountFen)}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="return-excess" />
                  <input type="hidden" name="receiptId" value={r.id} />
                  <input type="hidden" name="label" value={label} />
                  <button className="rounded border border-amber-600 px-3 py-1 text-amber-800">已原路退回</button>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>

      <p className="text-sm">
        已付款订单的发票申请在 <Link to="/admin/invoices" className="text-brand-700 underline">发票管理</Link> 开具。
      </p>
      <section>
        <h2 className="mb-2 font-semibold">最近到账</h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm [&_td]:px-2 [&_th]:px-2">
            <thead className="text-left text-stone-500"><tr><th>到账日期</th><th>订单</th><th>单位</th><th>付款方</th><th className="text-right">金额</th><th className="text-right">多收</th></tr></thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.id} className="border-t">
                  <td className="py-1">{businessDay(new Date(r.receivedOn))}</td><td>{r.order.number}</td><td>{r.order.organization?.name}</td><td>{r.payer || "—"}</td>
                  <td className="text-right">{formatFen(r.amountFen)}</td><td className="text-right">{r.excessFen ? formatFen(r.excessFen) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function StatementConfirm({ preview }: { preview: StatementPreview }) {
  const busy = useNavigation().state !== "idle";
  return (
    <div role="alertdialog" aria-labelledby="statement-confirm" className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-3 text-sm">
      <h3 id="statement-confirm" className="font-semibold">对账单可以入账：{preview.rows} 笔到账，涉及 {preview.orders.length} 个订单。确认后按下表记账：</h3>
      <ul className="space-y-1">
        {preview.orders.map((o) => (
          <li key={o.number} data-testid={`preview-${o.number}`}>
            <strong>{o.number}</strong> {o.organization}：
            {o.rows === 0
              ? `${o.repeated} 笔此前已导入，不再记账`
              : `本次到账 ${formatFen(o.newFen)}（${o.rows} 笔）` +
                (o.willPay ? "，收齐后标记为已付款" : o.stillOwedFen > 0 ? `，还差 ${formatFen(o.stillOwedFen)}` : "") +
                (o.excessFen > 0 ? `，多收 ${formatFen(o.excessFen)} 列入待退款` : "") +
                (o.repeated ? `；另 ${o.repeated} 笔此前已导入` : "")}
          </li>
        ))}
      </ul>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="statement" />
        <input type="hidden" name="statement" value={preview.key} />
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" disabled={busy} className="rounded-md bg-amber-700 px-4 py-2 font-medium text-white">确认入账</button>
        <Link to="." className="text-stone-600 underline">取消，不入账</Link>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "对公转账 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
