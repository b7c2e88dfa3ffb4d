import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { errorResponse, isDomainError } from "~/lib/errors";
import { formValues, parseValues } from "~/lib/forms.server";
import { publicOrigin } from "~/lib/public-origin.server";
import { formatFen } from "~/lib/money";
import {
  ADD_ROWS_STEP, bulkOrderSchema, MAX_BUILDER_ROWS, MAX_PASTE_CHARS, mergeIntoTable, orderLinesSchema, pastedLines, PAYMENT_METHOD_LABELS, PAYMENT_METHODS, validOrderLines,
} from "~/models/institutions/bulk-order.schema";
import { InvoiceRequestFields } from "~/components/invoice-request-fields";
import { referenceComparison } from "~/models/catalog/fair-price";
import { bulkCatalogue, previewBulkOrder, reorderLines, submitBulkOrder, type PricedLine } from "~/models/institutions/bulk-order.server";
import { flash, requireOrgMember } from "~/session.server";

const BUYERS = ["org_buyer", "org_admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireOrgMember(request, [...BUYERS]);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 50);
  const from = params.get("from");
  const initial: Record<string, string> = {
    invoiceTitle: organization.invoiceTitle,
    invoiceTaxNo: organization.taxNumber,
    invoiceTitleKind: "ORGANIZATION",
    paymentMethod: "BANK_TRANSFER",
    invoiceType: "PLAIN",
  };
  if (from) {
    const lines = await reorderLines(organization.id, from);
    if (!lines) throw new Response("订单不存在", { status: 404 });
    lines.slice(0, MAX_BUILDER_ROWS).forEach((l, i) => {
      initial[`sku_${i}`] = l.sku;
      initial[`qty_${i}`] = String(l.quantity);
    });
  }
  return json({
    organization,
    catalogue: await bulkCatalogue(organization.id, q),
    q,
    initial,
    requestId: crypto.randomUUID(),
  });
}

type Catalogue = Awaited<ReturnType<typeof bulkCatalogue>>;
type ActionData = {
  values: Record<string, string>;
  errors: Record<string, string>;
  lines: PricedLine[];
  totalFen: number;
  stamp: number;
  formError?: string;
  pasteErrors?: string[];
  /** the catalogue searched from inside the builder's form, so the table survives the search */
  catalogue?: Catalogue;
  q?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireOrgMember(request, [...BUYERS]);
  const form = await request.formData();
  const all = formValues(form);
  const paste = (all.paste ?? "").slice(0, MAX_PASTE_CHARS);
  const q = (all.q ?? "").trim().slice(0, 50);
  const values = Object.fromEntries(Object.entries(all).flatMap(([k, v]) => (k.length < 40 && k !== "paste" && k !== "q" ? [[k, v.slice(0, 200)]] : [])));
  const intent = values.addSku ? "add" : (["submit", "paste", "rows", "search"] as const).find((i) => i === values.intent) ?? "preview";
  delete values.intent;
  const extra: Partial<ActionData> = {};

  if (intent === "add") {
    // The catalogue button carries "SKU|minimum order quantity"; a SKU already in the table stays as it is.
    const [rawSku, rawMin] = values.addSku.split("|");
    const sku = rawSku.trim().toUpperCase();
    const minQty = /^\d{1,6}$/.test(rawMin ?? "") ? Number(rawMin) : 1;
    delete values.addSku;
    const inTable = Array.from({ length: MAX_BUILDER_ROWS }, (_, i) => (values[`sku_${i}`] ?? "").trim().toUpperCase()).includes(sku);
    if (!inTable && mergeIntoTable(values, [{ sku, quantity: minQty }])) extra.formError = `表格已满 ${MAX_BUILDER_ROWS} 行`;
  }
  if (intent === "paste") {
    // Nothing from a paste with a bad row goes in: the text comes back to be corrected.
    const pasted = pastedLines(paste);
    if (pasted.errors.length) {
      extra.pasteErrors = pasted.errors;
      values.paste = paste;
    } else {
      const overflow = mergeIntoTable(values, pasted.lines);
      if (overflow) extra.pasteErrors = [`表格最多 ${MAX_BUILDER_ROWS} 行，另有 ${overflow} 行未能加入，请分单采购`];
    }
  }
  if (intent === "rows") values.rows = String(Math.min(MAX_BUILDER_ROWS, (Number(values.rows) || 0) + ADD_ROWS_STEP));
  // Enter in the search box submits the builder with its first button: search then too.
  if (intent === "search" || q) {
    extra.catalogue = await bulkCatalogue(organization.id, q);
    extra.q = q;
  }

  const parsedLines = parseValues(orderLinesSchema, values);
  const lineErrors = parsedLines.ok ? {} : parsedLines.errors;
  const preview = await previewBulkOrder(organization.id, parsedLines.ok ? parsedLines.data : validOrderLines(values, lineErrors));
  const errors = { ...lineErrors, ...preview.errors };
  const base: ActionData = { values, errors, lines: preview.lines, totalFen: preview.totalFen, stamp: Date.now(), ...extra };
  if (intent !== "submit") return json(base);

  const header = parseValues(bulkOrderSchema, values);
  if (!header.ok) for (const [field, message] of Object.entries(header.errors)) errors[field] ??= message;
  if (preview.lines.length === 0) errors.form = "请至少填写一行商品";
  if (Object.keys(errors).length || !header.ok) return json({ ...base, errors, formError: errors.form ?? "请先改正标红的内容" }, { status: 400 });
  try {
    const order = await submitBulkOrder({
      buyer: user,
      organization,
      lines: preview.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      header: header.data,
      clientRequestId: /^[0-9a-f-]{36}$/.test(values.requestId ?? "") ? `bulk:${user.id}:${values.requestId}` : null,
      origin: publicOrigin(request),
    });
    const message = order.autoApproved ? "订单已提交，金额在审批额度内，已进入待付款" : "订单已提交，等待审批";
    return redirect(`/org/orders/${order.number}`, { headers: await flash(request, message) });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return errorResponse(error, { ...base, formError: error.message });
  }
}

export default function NewBulkOrder() {
  const loaded = useLoaderData<typeof loader>();
  const { initial, requestId, organization } = loaded;
  const data = useActionData<typeof action>() as ActionData | undefined;
  const catalogue = data?.catalogue ?? loaded.catalogue;
  const q = data?.q ?? loaded.q;
  const navigation = useNavigation();
  const values = data?.values ?? initial;
  const errors = data?.errors ?? {};
  const stamp = data?.stamp ?? 0;
  let lastFilled = -1;
  for (let i = 0; i < MAX_BUILDER_ROWS; i++) if (values[`sku_${i}`] || values[`qty_${i}`]) lastFilled = i;
  const rowCount = Math.min(MAX_BUILDER_ROWS, Math.max(6, lastFilled + 3, Number(values.rows) || 0));
  const priced = new Map((data?.lines ?? []).map((l) => [l.row, l]));
  const verified = organization.status === "VERIFIED";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">新建采购订单</h1>
      {!verified ? <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">单位尚未通过平台核验，可以试算价格，但暂不能提交订单。</p> : null}
      {/* keyed by the answer, so rows the server filled in (加入, 以此单为底稿) become the form's values */}
      <ValidatedForm schema={orderLinesSchema} server={{ errors }} defaults={values} id="builder" key={stamp} className="space-y-6">
        {(form) => (
          <>
            <input type="hidden" name="requestId" value={values.requestId ?? requestId} />
            <section aria-labelledby="lines-h">
              <h2 id="lines-h" className="mb-2 font-semibold">商品（按 SKU 快速录入，或在下方商品目录中添加）</h2>
              <div className="relative overflow-x-auto">
                <table className="w-full min-w-[720px] text-sm">
                  <thead className="text-left text-stone-500"><tr><th className="w-8">#</th><th>SKU</th><th className="w-28">数量</th><th>商品</th><th className="text-right">单价</th><th className="text-right">小计</th></tr></thead>
                  <tbody>
                    {Array.from({ length: rowCount }, (_, i) => {
                      const p = priced.get(i);
                      return (
                        <tr key={i} className="border-t align-top">
                          <td className="py-1 text-stone-400">{i + 1}</td>
                          <td className="py-1 pr-2">
                            <label className="sr-only" htmlFor={`sku_${i}`}>第 {i + 1} 行 SKU</label>
                            <input id={`sku_${i}`} className={inputClass} aria-invalid={Boolean(fieldError(form, `sku_${i}`))} {...form.register(`sku_${i}`)} />
                            {fieldError(form, `sku_${i}`) ? <p role="alert" className="text-xs text-red-700">{fieldError(form, `sku_${i}`)}</p> : null}
                          </td>
                          <td className="py-1 pr-2">
                            <label className="sr-only" htmlFor={`qty_${i}`}>第 {i + 1} 行数量</label>
                            <input id={`qty_${i}`} inputMode="numeric" className={inputClass} aria-invalid={Boolean(fieldError(form, `qty_${i}`))} {...form.register(`qty_${i}`)} />
                            {fieldError(form, `qty_${i}`) ? <p role="alert" className="text-xs text-red-700">{fieldError(form, `qty_${i}`)}</p> : null}
                          </td>
                          <td className="py-1">{p ? <>{p.productName} · {p.variantName}{p.nextTier ? <div className="text-xs text-brand-700">满 {p.nextTier.minQty} 件单价降至 {formatFen(p.nextTier.priceFen)}</div> : null}</> : null}</td>
                          <td className="py-1 text-right tabular-nums">{p ? <>{p.unitPriceFen < p.basePriceFen ? <s className="mr-1 text-xs text-stone-400">{formatFen(p.basePriceFen)}</s> : null}{formatFen(p.unitPriceFen)}</> : null}</td>
                          <td className="py-1 text-right tabular-nums" data-testid={p ? `line-total-${i}` : undefined}>{p ? formatFen(p.lineTotalFen) : null}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot><tr className="border-t font-semibold"><td colSpan={5} className="py-2 text-right">合计（阶梯价已计入）</td><td className="text-right tabular-nums" data-testid="order-total">{data ? formatFen(data.totalFen) : "—"}</td></tr></tfoot>
                </table>
              </div>
              <input type="hidden" name="rows" value={String(rowCount)} />
              <div className="mt-2 flex flex-wrap gap-2">
                <button name="intent" value="preview" className="rounded border border-brand-600 px-3 py-1.5 text-brand-700">计算价格</button>
                {rowCount < MAX_BUILDER_ROWS ? <button name="intent" value="rows" className="rounded border px-3 py-1.5">再加 {ADD_ROWS_STEP} 行</button> : null}
              </div>
              <details className="mt-3 rounded border border-stone-200 bg-stone-50 p-3" open={Boolean(data?.pasteErrors)}>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">从 Excel 粘贴（SKU、数量两列）</summary>
                <p className="mt-1 text-xs text-stone-600">在 Excel 中选中 SKU 和数量两列（可含表头）复制，粘贴到下面，再点「加入表格」。已在表格中的 SKU 数量相加。</p>
                <label htmlFor="paste" className="sr-only">从 Excel 粘贴的 SKU 和数量</label>
                <textarea id="paste" name="paste" rows={5} defaultValue={values.paste ?? ""} placeholder={"SKU\t数量\nDX-DG-500\t120"} className={`${inputClass} mt-2 font-mono text-sm`} aria-invalid={Boolean(data?.pasteErrors)} />
                {data?.pasteErrors ? (
                  <ul role="alert" className="mt-1 list-disc pl-5 text-sm text-red-700">
                    {data.pasteErrors.map((e) => <li key={e}>{e}</li>)}
                  </ul>
                ) : null}
                {data?.pasteErrors && data.pasteErrors.length && values.paste ? <p className="text-xs text-stone-600">改正后再加入；有问题时一行也不会加入。</p> : null}
                <button name="intent" value="paste" className="mt-2 rounded border border-brand-600 px-3 py-1.5 text-sm text-brand-700">加入表格</button>
              </details>
            </section>

            <section aria-labelledby="header-h" className="grid gap-4 sm:grid-cols-2">
              <h2 id="header-h" className="font-semibold sm:col-span-2">采购信息</h2>
              <Field label="采购单号（PO，选填）" name="poNumber" error={errors.poNumber}><input id="poNumber" name="poNumber" defaultValue={values.poNumber ?? ""} className={inputClass} /></Field>
              <Field label="成本中心（选填）" name="costCentre" error={errors.costCentre}><input id="costCentre" name="costCentre" defaultValue={values.costCentre ?? ""} className={inputClass} /></Field>
              <Field label="付款方式" name="paymentMethod" error={errors.paymentMethod}>
                <select id="paymentMethod" name="paymentMethod" defaultValue={values.paymentMethod ?? "BANK_TRANSFER"} className={inputClass}>
                  {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{PAYMENT_METHOD_LABELS[m]}</option>)}
                </select>
              </Field>
            </section>
            <InvoiceRequestFields values={values} errors={errors} organizationOnly />
            {data?.formError ? <p role="alert" className="text-red-700">{data.formError}</p> : null}
            <button name="intent" value="submit" className={buttonClass} disabled={!verified || navigation.state === "submitting"}>提交订单</button>
          </>
        )}
      </ValidatedForm>

      <section aria-labelledby="cat-h" className="space-y-2">
        <h2 id="cat-h" className="font-semibold">商品目录</h2>
        {/* part of the builder's form: a search posts the table along and it comes back as it was */}
        <div className="flex gap-2 text-sm">
          <label htmlFor="q" className="sr-only">搜索商品</label>
          <input id="q" name="q" form="builder" defaultValue={q} placeholder="商品名、拼音或 SKU" className="min-w-0 flex-1 rounded border px-2 py-1" />
          <button form="builder" name="intent" value="search" className="rounded bg-stone-800 px-3 text-white">搜索</button>
        </div>
        <ul className="divide-y rounded border bg-white text-sm">
          {catalogue.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
              <div>
                <div>{v.product.name} · {v.name} <span className="text-xs text-stone-500">{v.sku} · {v.product.county.name}</span></div>
                <div className="text-xs text-stone-500">
                  {formatFen(v.priceFen)}
                  {v.tiers.map((t) => <span key={`${t.minQty}-${t.own}`}>；满 {t.minQty} 件 {formatFen(t.priceFen)}{t.own ? "（本单位专享）" : ""}</span>)}
                  {v.minOrderQty > 1 ? `；起订 ${v.minOrderQty}` : ""}；库存 {v.stock}
                </div>
                {v.refPriceFen !== null ? (
                  <div className="text-xs text-stone-600">
                    市场参考价 {formatFen(v.refPriceFen)}（{v.refPriceSource}）· {referenceComparison(v.priceFen, v.refPriceFen)}
                  </div>
                ) : null}
              </div>
              <button form="builder" name="addSku" value={`${v.sku}|${v.minOrderQty}`} className="rounded border px-2 py-1 text-xs hover:bg-stone-100" aria-label={`加入 ${v.product.name} ${v.name}`}>加入</button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "新建采购 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
