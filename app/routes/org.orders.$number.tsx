import {
  json,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse, isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { RowErrors } from "~/components/row-errors";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { formatFen } from "~/lib/money";
import { giftIssueSchema, giftSmsSchema } from "~/models/institutions/gift-code.schema";
import { DECISION_DONE, DECISION_LABELS, decisionSchema, paymentMethodLabel } from "~/models/institutions/bulk-order.schema";
import { allowedDecisions, decideOrder, getOrgOrder } from "~/models/institutions/bulk-order.server";
import { OrderInvoices } from "~/components/order-invoices";
import { BatchTraces } from "~/components/batch-traces";
import { batchesOfOrder } from "~/models/batches/allocation.server";
import { invoiceRequestSchema, toInvoiceRequest } from "~/models/invoices/invoice-request.schema";
import { orderInvoices, saveInvoiceRequest } from "~/models/invoices/invoice.server";
import { ImpactReceipt } from "~/components/impact-receipt";
import { allowCodesBeforePayment, checkGiftSmsFile, codesRefusal, giftCodeSummary, sendGiftCodesBySms } from "~/models/institutions/gift-code.server";
import { CodeFormat, CodesPayment, ConsigneeSection, RecipientsSection, WelfareSection } from "~/components/bulk-delivery";
import { areaOptions } from "~/models/addresses/divisions.server";
import { setConsignee } from "~/models/institutions/consignee.server";
import { consigneeSchema, orderAllowanceSchema } from "~/models/institutions/welfare.schema";
import { listAllowances, setOrderAllowance, spendPerHead } from "~/models/institutions/welfare.server";
import { orderImpactReceipt } from "~/models/impact/views.server";
import { BULK_OPEN_STATUSES, type OrderStatus } from "~/models/orders/status";
import { actorNames } from "~/models/orders/order-view.server";
import { paymentUrlFor } from "~/models/orders/payment.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";
import { checkRecipientFile, importRecipients, listRecipientParcels, MAX_FILE_BYTES, orderPackages, removeRecipient, type RowError } from "~/models/institutions/recipients.server";
import { flash, requireOrgMember } from "~/session.server";
import { OrderHeading, OrderLines, StatusTimeline } from "~/components/order-parts";
import { businessDay, endOfBusinessDay } from "~/lib/china-time";
import { acceptanceReady } from "~/models/institutions/acceptance.server";

const EDITORS = ["org_buyer", "org_admin"] as const;

async function loadOrder(request: Request, number: string | undefined, roles?: ("org_buyer" | "org_approver" | "org_admin")[]) {
  const member = await requireOrgMember(request, roles);
  const order = number ? await getOrgOrder(member.organization.id, number) : null;
  // Another organisation's order, or none: the same 404, so existence does not leak.
  if (!order) throw new Response("订单不存在", { status: 404 });
  return { ...member, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, order, organization } = await loadOrder(request, params.number);
  const [actors, recipients, giftCodes, packages, receipt, invoices, batches, spend, allowances, acceptance] = await Promise.all([
    actorNames(order.events.map((e) => e.actorId)),
    listRecipientParcels(order.id),
    giftCodeSummary(order.id),
    orderPackages(order.id),
    orderImpactReceipt(user, { id: order.id }),
    orderInvoices(order.id),
    batchesOfOrder(order.id),
    spendPerHead(order.id),
    listAllowances(organization.id),
    acceptanceReady(order),
  ]);
  return json({
    order,
    actors,
    recipients,
    giftCodes,
    packages,
    receipt,
    invoices: invoices!,
    batches,
    decisions: allowedDecisions(order, user),
    canEdit: EDITORS.some((r) => user.roles.includes(r)),
    canAdmin: user.roles.includes("org_admin") && organization.status === "VERIFIED",
    spend,
    allowances,
    areas: areaOptions({ province: order.province, city: order.city }),
    codesRefusal: codesRefusal(order),
    bank: PLATFORM_BANK,
    today: businessDay(new Date()),
    acceptance,
  });
}

type FormAnswer = { errors: Record<string, string>; values?: Record<string, string> };
type ActionResult = { error?: string; rowErrors?: RowError[]; imported?: number; giftError?: string; giftRowErrors?: RowError[]; invoice?: FormAnswer; consignee?: FormAnswer; allowance?: FormAnswer };

export async function action({ request, params }: ActionFunctionArgs) {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    const { order } = await loadOrder(request, params.number, [...EDITORS]);
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
    } catch {
      return json<ActionResult>({ error: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB` }, { status: 400 });
    }
    const file = form.get("file");
    if (form.get("intent") === "gift-sms") return sendGiftSms(request, order.id, form);
    if (!(file instanceof File) || file.size === 0) return json<ActionResult>({ error: "请选择 CSV 或 XLSX 文件" }, { status: 400 });
    const mode = { replace: form.get("replace") === "1" };
    const checked = await checkRecipientFile(order.id, file.name, new Uint8Array(await file.arrayBuffer()), mode);
    if (checked.errors.length) return json<ActionResult>({ rowErrors: checked.errors }, { status: 400 });
    if (checked.rows.length === 0 && !mode.replace) return json<ActionResult>({ imported: 0 }, { headers: await flash(request, `文件中的 ${checked.skipped} 位收件人都已在名单中，未重复添加`) });
    try {
      const count = await importRecipients(order.id, checked.rows, mode);
      const note = `${mode.replace ? "已替换名单，" : ""}已导入 ${count} 位收件人${checked.skipped ? `，${checked.skipped} 位已在名单中未重复添加` : ""}`;
      return json<ActionResult>({ imported: count }, { headers: await flash(request, note) });
    } catch (error) {
      return errorResponse(error);
    }
  }

  const form = await request.formData();
  if (form.get("intent") === "pay-card") {
    // Card payment of an institution order goes through the same checkout as a consumer's.
    const { user, order } = await loadOrder(request, params.number, [...EDITORS]);
    if (order.status !== "PENDING_PAYMENT" || order.paymentMethod !== "CARD") return json<ActionResult>({ error: "该订单当前无需在线付款" }, { status: 400 });
    if (order.buyerId !== user.id) return json<ActionResult>({ error: "请由下单的采购员在线付款" }, { status: 403 });
    try {
      return redirect(await paymentUrlFor(order.id, request));
    } catch (error) {
      return errorResponse(error);
    }
  }
  if (form.get("intent") === "invoice") {
    const { user, order } = await loadOrder(request, params.number, [...EDITORS]);
    const parsed = parseForm(invoiceRequestSchema, form);
    if (!parsed.ok) return json<ActionResult>({ invoice: { errors: parsed.errors, values: parsed.values } }, { status: 400 });
    try {
      await saveInvoiceRequest({ orderId: order.id, requestedById: user.id, request: toInvoiceRequest({ ...parsed.data, invoiceTitleKind: "ORGANIZATION" }) });
    } catch (error) {
      return errorResponse(error, { invoice: { errors: { invoiceType: (error as Error).message }, values: parsed.values } });
    }
    return json<ActionResult>({}, { headers: await flash(request, "发票信息已保存") });
  }
  const delivery = await deliveryIntent(request, params.number, form);
  if (delivery) return delivery;
  // decideOrder looks the order up within the organisation itself (null: the same 404 as above)
  const { user, organization } = await requireOrgMember(request);
  const parsed = parseForm(decisionSchema, form);
  if (!parsed.ok) return json<ActionResult>({ error: "请求无效" }, { status: 400 });
  try {
    const order = await decideOrder({ organizationId: organization.id, number: params.number!, user, intent: parsed.data.intent, comment: parsed.data.comment, origin: publicOrigin(request) });
    if (!order) throw new Response("订单不存在", { status: 404 });
  } catch (error) {
    return errorResponse(error);
  }
  return json<ActionResult>({}, { headers: await flash(request, DECISION_DONE[parsed.data.intent]) });
}

/** The delivery section's forms (components/bulk-delivery.tsx): consignee, allowance, removing a recipient, codes before payment. */
async function deliveryIntent(request: Request, number: string | undefined, form: FormData) {
  const intent = form.get("intent");
  if (intent === "set-consignee") {
    const { order, organization } = await loadOrder(request, number, [...EDITORS]);
    const parsed = parseForm(consigneeSchema, form);
    if (!parsed.ok) return json<ActionResult>({ consignee: { errors: parsed.errors, values: parsed.values } }, { status: 400 });
    const { intent: _intent, ...address } = parsed.data;
    try {
      const { parcels } = await setConsignee({ organizationId: organization.id, orderId: order.id, address });
      return json<ActionResult>({}, { headers: await flash(request, parcels ? `收货人已保存，已生成 ${parcels} 个包裹` : "收货人已保存") });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return errorResponse(error, { consignee: { errors: { [error.field ?? "recipient"]: error.message }, values: parsed.values } });
    }
  }
  if (intent === "set-allowance") {
    const { order, organization } = await loadOrder(request, number, [...EDITORS]);
    const parsed = parseForm(orderAllowanceSchema, form);
    if (!parsed.ok) return json<ActionResult>({ allowance: { errors: parsed.errors, values: parsed.values } }, { status: 400 });
    try {
      await setOrderAllowance({ organizationId: organization.id, orderId: order.id, allowanceId: parsed.data.allowanceId || null });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return errorResponse(error, { allowance: { errors: { allowanceId: error.message }, values: parsed.values } });
    }
    return json<ActionResult>({}, { headers: await flash(request, "福利标准已保存") });
  }
  if (intent === "remove-recipient") {
    const { order } = await loadOrder(request, number, [...EDITORS]);
    try {
      await removeRecipient(order.id, String(form.get("parcelId") ?? ""));
    } catch (error) {
      return errorResponse(error);
    }
    return json<ActionResult>({}, { headers: await flash(request, "已删除该收件人，份数已退回可分配") });
  }
  if (intent === "codes-before-payment") {
    const { order, organization } = await loadOrder(request, number, ["org_admin"]);
    try {
      await allowCodesBeforePayment({ organizationId: organization.id, orderId: order.id });
    } catch (error) {
      return errorResponse(error);
    }
    return json<ActionResult>({}, { headers: await flash(request, "已允许先发兑换码，包裹在货款到账后发出") });
  }
  return null;
}

/** Employees' names and mobiles uploaded: one gift code each, sent by SMS. */
async function sendGiftSms(request: Request, orderId: string, form: FormData) {
  const parsed = parseForm(giftSmsSchema, form);
  if (!parsed.ok) return json<ActionResult>({ giftError: Object.values(parsed.errors)[0] }, { status: 400 });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return json<ActionResult>({ giftError: "请选择 CSV 或 XLSX 文件" }, { status: 400 });
  const checked = await checkGiftSmsFile(orderId, file.name, new Uint8Array(await file.arrayBuffer()));
  if (checked.errors.length) return json<ActionResult>({ giftRowErrors: checked.errors }, { status: 400 });
  try {
    // The end of the chosen day, China time.
    const count = await sendGiftCodesBySms({ orderId, rows: checked.rows, expiresAt: endOfBusinessDay(parsed.data.expiresOn) });
    return json<ActionResult>({}, { headers: await flash(request, `已为 ${count} 位员工生成兑换码，短信正在发送`) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorResponse(error, { giftError: error.message });
  }
}

export default function OrgOrderPage() {
  const { order, actors, recipients, giftCodes, packages, receipt, invoices, batches, decisions, canEdit, canAdmin, spend, allowances, areas, codesRefusal: refusal, bank, today, acceptance } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const open = BULK_OPEN_STATUSES.includes(order.status as OrderStatus);
  return (
    <div className="space-y-8">
      <OrderHeading number={order.number} status={order.status} />
      {result?.error ? <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">{result.error}</p> : null}
      {receipt ? <ImpactReceipt receipt={receipt} /> : null}

      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        <div><dt className="text-stone-500">下单人</dt><dd>{order.buyer.name}</dd></div>
        <div><dt className="text-stone-500">采购单号 / 成本中心</dt><dd>{order.poNumber ?? "—"} / {order.costCentre ?? "—"}</dd></div>
        <div><dt className="text-stone-500">付款方式</dt><dd>{paymentMethodLabel(order.paymentMethod)}</dd></div>
      </dl>
      <OrderInvoices invoices={invoices} canRequest={canEdit && order.status !== "CANCELLED"} organizationOnly form={result?.invoice} />

      <OrderLines order={{ ...order, lines: order.lines.map((l) => ({ ...l, sku: l.variant.sku })) }} />

      <BatchTraces lines={order.lines} batches={batches} />

      {decisions.length ? (
        <section aria-labelledby="decide-h" className="rounded border bg-white p-4">
          <h2 id="decide-h" className="mb-2 font-semibold">处理订单</h2>
          {/* the decision is the button pressed; the browser checks the comment */}
          <ValidatedForm schema={decisionSchema.omit({ intent: true })} server={undefined} defaults={{ comment: "" }} className="space-y-2">
            {(form) => (
              <>
                <Field label="意见（退回时必填）" name="comment" error={fieldError(form, "comment")}><textarea id="comment" rows={2} className={inputClass} {...form.register("comment")} /></Field>
                <div className="flex flex-wrap gap-2">
                  {decisions.map((d) => (
                    <button key={d} name="intent" value={d} disabled={navigation.state === "submitting"} className={d === "approve" || d === "resubmit" ? buttonClass : "rounded border px-4 py-2"}>{DECISION_LABELS[d]}</button>
                  ))}
                </div>
              </>
            )}
          </ValidatedForm>
        </section>
      ) : null}

      {order.status === "RETURNED" && canEdit ? (
        <p className="text-sm">需要修改商品或数量？<Link to={`/org/orders/new?from=${order.number}`} className="text-brand-700 underline">以此单为底稿重新下单</Link>，并取消本单。</p>
      ) : null}
      {order.status === "PENDING_PAYMENT" && order.paymentMethod === "BANK_TRANSFER" ? (
        <section aria-labelledby="pay-h" className="rounded border border-brand-300 bg-brand-50 p-4 text-sm">
          <h2 id="pay-h" className="mb-2 font-semibold">对公转账付款</h2>
          <p>收款单位：{bank.payee}；开户银行：{bank.bank}；账号：{bank.account}</p>
          <p className="mt-1 text-base">转账附言请填写：<strong data-testid="payment-ref">{order.paymentRef}</strong>　金额：<strong>{formatFen(order.totalFen)}</strong></p>
          {order.reservedUntil ? <p className="mt-1 text-stone-600">库存保留至 {businessDay(new Date(order.reservedUntil))}，到账后由平台工作人员确认。</p> : null}
          <a href={`/org/orders/${order.number}/proforma.pdf`} className="mt-2 inline-block text-brand-700 underline">下载形式发票（PDF）</a>
        </section>
      ) : null}
      {order.status === "PENDING_PAYMENT" && order.paymentMethod === "CARD" ? (
        <Form method="post" className="flex flex-wrap items-center gap-3 rounded border p-3 text-sm">
          <span>本订单选择银行卡在线支付，应付 {formatFen(order.totalFen)}。</span>
          <button name="intent" value="pay-card" className={buttonClass}>去付款</button>
        </Form>
      ) : null}

      {acceptance ? (
        <p className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          全部包裹已签收。<a href={`/org/orders/${order.number}/acceptance.pdf`} className="text-brand-700 underline">下载验收单（PDF）</a>，核对后签字盖章，与发票一并入账。
        </p>
      ) : null}
      <RecipientsSection number={order.number} packages={packages} recipients={recipients} canImport={canEdit && open} canRemove={canEdit && open} rowErrors={result?.rowErrors} />
      <ConsigneeSection consignee={order} areas={areas} canEdit={canEdit && open} server={result?.consignee} />
      <WelfareSection allowances={allowances} spend={spend} canEdit={canEdit && open} server={result?.allowance} />

      <section aria-labelledby="gift-h" className="space-y-3">
        <h2 id="gift-h" className="font-semibold">礼品兑换码</h2>
        <p className="text-sm text-stone-600">为员工发放兑换码，员工扫码或打开兑换链接自行填写收货地址，也可凭兑换码和手机号查询物流。可上传员工名单直接短信发送，也可生成后下载一次（可打印的二维码卡片或表格）自行分发；平台只保存兑换码的摘要。</p>
        {giftCodes.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-stone-500"><tr><th>礼盒</th><th className="text-right">已发放</th><th className="text-right">已兑换</th><th className="text-right">未兑换</th><th className="text-right">已过期</th></tr></thead>
            <tbody>{giftCodes.map((g) => <tr key={g.packageName} className="border-t"><td className="py-1">{g.packageName}</td><td className="text-right">{g.issued}</td><td className="text-right">{g.redeemed}</td><td className="text-right" data-testid="unredeemed">{g.unredeemed}</td><td className="text-right">{g.expired}</td></tr>)}</tbody>
          </table>
        ) : null}
        {open ? <CodesPayment refusal={refusal} canAllow={canAdmin && order.status === "PENDING_PAYMENT"} codesBeforePayment={Boolean(order.codesBeforePaymentAt) && order.status === "PENDING_PAYMENT"} /> : null}
        {result?.giftError ? <p role="alert" className="text-sm text-red-700">{result.giftError}</p> : null}
        {result?.giftRowErrors ? <RowErrors errors={result.giftRowErrors} nothingOf="兑换码" /> : null}
        {canEdit && open && !refusal ? (
          <div className="flex flex-wrap gap-6">
            <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2 text-sm" aria-label="短信发送兑换码">
              <Field label="员工名单（姓名、手机号、礼盒；CSV 或 XLSX）" name="giftFile">
                <input id="giftFile" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" />
              </Field>
              <Field label="兑换截止" name="smsExpiresOn"><input id="smsExpiresOn" name="expiresOn" type="date" min={today} className={inputClass} /></Field>
              <button name="intent" value="gift-sms" className={buttonClass}>校验并短信发送</button>
            </Form>
            <ValidatedForm schema={giftIssueSchema} server={undefined} defaults={{ intent: "issue-codes", lineId: packages[0]?.id ?? "", count: "", expiresOn: "", format: "pdf" }} action={`/org/orders/${order.number}/gift-codes`} reloadDocument className="flex flex-wrap items-end gap-2 text-sm">
              {(form) => (
                <>
                  <input type="hidden" {...form.register("intent")} />
                  <Field label="礼盒" name="lineId" error={fieldError(form, "lineId")}>
                    <select id="lineId" className={inputClass} {...form.register("lineId")}>{packages.map((p) => <option key={p.id} value={p.id}>{p.productName}·{p.variantName}（可发 {p.available}）</option>)}</select>
                  </Field>
                  <Field label="数量" name="count" error={fieldError(form, "count")}><input id="count" inputMode="numeric" className={inputClass} aria-invalid={Boolean(fieldError(form, "count"))} {...form.register("count")} /></Field>
                  <Field label="兑换截止" name="expiresOn" error={fieldError(form, "expiresOn")}><input id="expiresOn" type="date" min={today} className={inputClass} aria-invalid={Boolean(fieldError(form, "expiresOn"))} {...form.register("expiresOn")} /></Field>
                  <CodeFormat register={form.register("format")} id="format" />
                  <button className={buttonClass}>生成并下载兑换码</button>
                </>
              )}
            </ValidatedForm>
            {giftCodes.some((g) => g.unredeemed + g.expired > 0) ? (
              <ValidatedForm schema={giftIssueSchema} server={undefined} defaults={{ intent: "reissue-codes", expiresOn: "", format: "pdf" }} action={`/org/orders/${order.number}/gift-codes`} reloadDocument className="flex flex-wrap items-end gap-2 text-sm">
                {(form) => (
                  <>
                    <input type="hidden" {...form.register("intent")} />
                    <Field label="新截止日期" name="reissueOn" error={fieldError(form, "expiresOn")}><input id="reissueOn" type="date" min={today} className={inputClass} aria-invalid={Boolean(fieldError(form, "expiresOn"))} {...form.register("expiresOn")} /></Field>
                    <CodeFormat register={form.register("format")} id="reissueFormat" />
                    <button className="rounded border px-3 py-2">作废未兑换的码并重新发放</button>
                  </>
                )}
              </ValidatedForm>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="log-h">
        <h2 id="log-h" className="mb-2 font-semibold">处理记录</h2>
        <StatusTimeline events={order.events} actors={actors} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `采购订单 ${data?.order.number ?? ""} · 陇货通` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
