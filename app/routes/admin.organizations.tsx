import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fieldError, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { ORG_LICENCE_LABEL, ORG_STATUS_LABELS, orgTierSchema, orgTypeLabel, staffOrganizationActionSchema } from "~/models/institutions/organization.schema";
import { listOrganizations, removeOrganizationTier, reviewOrganization, setOrganizationTier } from "~/models/institutions/organization.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const raw = new URL(request.url).searchParams.get("status");
  const status = raw && raw in ORG_STATUS_LABELS ? raw : undefined;
  return json({ organizations: await listOrganizations(status), status: status ?? "" });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, "staff");
  const parsed = parseForm(staffOrganizationActionSchema, await request.formData());
  if (!parsed.ok) return json({ error: Object.values(parsed.errors)[0], errors: parsed.errors, values: parsed.values, organizationId: parsed.values.organizationId ?? null }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "tier") {
      await setOrganizationTier({ ...input, priceFen: input.priceYuan });
      return json({ error: null, organizationId: null }, { headers: await flash(request, "已设置单位专享价") });
    }
    if (input.intent === "remove-tier") {
      await removeOrganizationTier(input.tierId);
      return json({ error: null, organizationId: null }, { headers: await flash(request, "已删除单位专享价") });
    }
    await reviewOrganization(input.organizationId, input.intent, input.intent === "REJECTED" ? input.reason : undefined);
    return json({ error: null, organizationId: null }, { headers: await flash(request, input.intent === "VERIFIED" ? "单位已核验通过" : "已驳回单位注册") });
  } catch (error) {
    return errorResponse(error, { organizationId: parsed.values.organizationId ?? null });
  }
}

export default function AdminOrganizations() {
  const { organizations, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">采购单位</h1>
      <FilterForm className="flex gap-2 text-sm">
        <label htmlFor="status" className="self-center">状态</label>
        <select id="status" name="status" defaultValue={status} className="rounded border px-2 py-1">
          <option value="">全部</option>
          {Object.entries(ORG_STATUS_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <button className="rounded bg-stone-800 px-3 text-white">筛选</button>
      </FilterForm>
      {result?.error ? <p role="alert" className="text-red-700">{result.error}</p> : null}
      <ul className="space-y-3">
        {organizations.map((o) => (
          <li key={o.id} className="rounded border bg-white p-3 text-sm" data-testid={`org-${o.creditCode}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <div>
                <span className="font-semibold">{o.name}</span>{" "}
                <span className="text-stone-500">{orgTypeLabel(o.type)} · {o.city}</span>
              </div>
              <span>{ORG_STATUS_LABELS[o.status] ?? o.status}</span>
            </div>
            <div className="text-xs text-stone-600">信用代码 {o.creditCode}；发票抬头 {o.invoiceTitle}；税号 {o.taxNumber}；审批额度 {formatFen(o.approvalLimitFen)}；成员 {o._count.members}；订单 {o._count.orders}</div>
            <div className="mt-1 text-sm">
              联系人 {o.contactName || "—"}{o.contactPhone ? <> · <a href={`tel:${o.contactPhone}`} className="text-brand-700 underline">{o.contactPhone}</a></> : null}；
              {o.licenceType ? <a href={`/admin/organizations/${o.id}/licence`} target="_blank" rel="noreferrer" className="text-brand-700 underline">查看{ORG_LICENCE_LABEL}（{o.licenceType === "application/pdf" ? "PDF" : "图片"}）</a> : <span className="text-amber-800">未上传证明文件</span>}
            </div>
            {o.status === "REJECTED" && o.rejectReason ? <p className="mt-1 text-xs text-red-800">未通过原因：{o.rejectReason}</p> : null}
            <div className="mt-2 flex flex-wrap items-start gap-2">
              {o.status !== "VERIFIED" ? (
                <Form method="post"><input type="hidden" name="organizationId" value={o.id} /><button name="intent" value="VERIFIED" className="rounded bg-brand-600 px-3 py-1 text-white">核验通过</button></Form>
              ) : null}
              {o.status === "PENDING" ? (
                <Form method="post" className="flex flex-wrap items-start gap-2">
                  <input type="hidden" name="organizationId" value={o.id} />
                  <label className="text-xs">
                    未通过原因（申请单位会看到）
                    <input name="reason" required minLength={4} maxLength={300} defaultValue={result?.organizationId === o.id && result && "values" in result ? ((result.values as Record<string, string> | undefined)?.reason ?? "") : ""} aria-invalid={Boolean(result?.organizationId === o.id && (result?.errors as Record<string, string> | undefined)?.reason)} className="block w-64 max-w-full rounded border px-2 py-1 text-sm" />
                  </label>
                  <button name="intent" value="REJECTED" className="mt-4 rounded border px-3 py-1">驳回</button>
                  {result?.organizationId === o.id && (result?.errors as Record<string, string> | undefined)?.reason ? <p role="alert" className="w-full text-xs text-red-700">{(result!.errors as Record<string, string>).reason}</p> : null}
                </Form>
              ) : null}
            </div>
            <details className="mt-2">
              <summary className="cursor-pointer text-brand-700">单位专享价（{o.tiers.length}）</summary>
              <ul className="mt-1">
                {o.tiers.map((t) => (
                  <li key={t.id} className="flex items-center gap-2">
                    {t.variant.product.name}·{t.variant.name}（{t.variant.sku}）满 {t.minQty} 件 {formatFen(t.priceFen)}
                    <Form method="post"><input type="hidden" name="tierId" value={t.id} /><button name="intent" value="remove-tier" className="text-xs text-red-700 underline">删除</button></Form>
                  </li>
                ))}
              </ul>
              <ValidatedForm schema={orgTierSchema} server={result?.organizationId === o.id ? result : undefined} defaults={{ organizationId: o.id, sku: "", minQty: "", priceYuan: "" }} className="mt-2 flex flex-wrap items-end gap-2">
                {(form) => (
                  <>
                    <input type="hidden" {...form.register("organizationId")} />
                    <label className="text-xs">SKU<input className="block rounded border px-2 py-1" aria-invalid={Boolean(fieldError(form, "sku"))} {...form.register("sku")} /></label>
                    <label className="text-xs">起始数量<input inputMode="numeric" className="block w-24 rounded border px-2 py-1" aria-invalid={Boolean(fieldError(form, "minQty"))} {...form.register("minQty")} /></label>
                    <label className="text-xs">单价（元）<input inputMode="decimal" className="block w-24 rounded border px-2 py-1" aria-invalid={Boolean(fieldError(form, "priceYuan"))} {...form.register("priceYuan")} /></label>
                    <button name="intent" value="tier" className="rounded bg-stone-800 px-3 py-1 text-white">设置</button>
                    {["sku", "minQty", "priceYuan"].map((name) => {
                      const message = fieldError(form, name);
                      return message ? <p key={name} role="alert" className="w-full text-xs text-red-700">{message}</p> : null;
                    })}
                  </>
                )}
              </ValidatedForm>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "采购单位 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
