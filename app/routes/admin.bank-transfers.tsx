import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { bankTransferSchema } from "~/models/institutions/bank-transfer.schema";
import { invoiceTypeLabel } from "~/models/institutions/bulk-order.schema";
import { listBankTransfers, recordBankTransfer } from "~/models/institutions/bank-transfer.server";
import { flash, requireUser } from "~/session.server";
import { businessDay, noonOfBusinessDay } from "~/lib/china-time";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ ...(await listBankTransfers()), today: businessDay(new Date()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(bankTransferSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, orderNumber: parsed.values.orderNumber ?? "" }, { status: 400 });
  try {
    const { number, result } = await recordBankTransfer({
      orderNumber: parsed.data.orderNumber,
      amountFen: parsed.data.amountYuan,
      bankSerial: parsed.data.bankSerial,
      receivedOn: noonOfBusinessDay(parsed.data.receivedOn),
      staffId: staff.id,
    });
    const message = result === "paid" ? `订单 ${number} 已登记到账并标记为已付款` : result === "already" ? `订单 ${number} 此前已付款，未重复登记` : `订单 ${number} 已取消，款项需退回`;
    return json({ errors: null, orderNumber: "" }, { headers: await flash(request, message) });
  } catch (error) {
    return errorResponse(error, { orderNumber: parsed.data.orderNumber });
  }
}

export default function BankTransfers() {
  const { awaiting, recent, invoiceRequests, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = (result?.errors ?? {}) as Record<string, string>;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">对公转账到账登记</h1>
      {errors.form ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">{errors.form}</p> : null}
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
                订单 {o.number}；PO {o.poNumber ?? "—"}；保留至 {o.reservedUntil ? businessDay(new Date(o.reservedUntil)) : "—"}；
                发票：{o.invoiceType ? `${invoiceTypeLabel(o.invoiceType)} ${o.invoiceTitle}（${o.invoiceTaxNo}）` : "不开"}
              </div>
              <ValidatedForm
                schema={bankTransferSchema}
                server={result?.orderNumber === o.number ? { errors } : undefined}
                defaults={{ orderNumber: o.number, amountYuan: "", bankSerial: "", receivedOn: today }}
                className="mt-2 flex flex-wrap items-end gap-2"
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
        <h2 className="mb-2 font-semibold">发票申请（已付款订单，{invoiceRequests.length}）</h2>
        <table className="w-full text-sm [&_td]:px-2 [&_th]:px-2">
          <thead className="text-left text-stone-500"><tr><th>订单</th><th>单位</th><th className="text-right">金额</th><th>类型</th><th>抬头</th><th>税号</th><th>付款日</th></tr></thead>
          <tbody>
            {invoiceRequests.map((o) => (
              <tr key={o.id} className="border-t"><td className="py-1">{o.number}</td><td>{o.organization?.name}</td><td className="text-right">{formatFen(o.totalFen)}</td><td>{o.invoiceType === "SPECIAL" ? "专票" : "普票"}</td><td>{o.invoiceTitle}</td><td>{o.invoiceTaxNo}</td><td>{o.paidAt ? businessDay(new Date(o.paidAt)) : ""}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="mb-2 font-semibold">最近到账</h2>
        <table className="w-full text-sm [&_td]:px-2 [&_th]:px-2">
          <thead className="text-left text-stone-500"><tr><th>订单</th><th>单位</th><th className="text-right">金额</th><th>流水号</th><th>到账</th></tr></thead>
          <tbody>
            {recent.map((o) => (
              <tr key={o.id} className="border-t"><td className="py-1">{o.number}</td><td>{o.organization?.name}</td><td className="text-right">{formatFen(o.totalFen)}</td><td>{o.payments[0]?.providerRef?.replace(/^bank:/, "") ?? "—"}</td><td>{o.paidAt ? businessDay(new Date(o.paidAt)) : ""}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "对公转账 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
