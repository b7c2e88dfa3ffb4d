import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { fieldError, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { CERT_DECISIONS, CERT_LABELS, CERT_STATUSES, COOP_STATUS_LABELS, COOP_STATUSES, type CertStatus } from "~/models/catalog/certification-status";
import { certificateRejectionSchema, certificationSchema, coopStatusSchema } from "~/models/catalog/certification.schema";
import { businessDay } from "~/lib/china-time";
import { formValues, parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { coopsForCertification, decideCertification, productsForCertification, rejectCertification, setCoopStatus } from "~/models/catalog/certification.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const params = new URL(request.url).searchParams;
  const raw = params.get("status") ?? "PENDING";
  const status = (CERT_STATUSES as readonly string[]).includes(raw) ? (raw as CertStatus) : null;
  const q = (params.get("q") ?? "").trim().slice(0, 40);
  const [products, coops] = await Promise.all([productsForCertification({ status, q }), coopsForCertification()]);
  return json({ products, coops, status: status ?? "", q });
}

type Result = { productId?: string; intent?: string; errors: Record<string, string>; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const form = await request.formData();
  try {
    if (form.get("intent") === "coop") {
      const coop = parseForm(coopStatusSchema, form);
      if (!coop.ok) return json<Result>({ errors: { coops: Object.values(coop.errors)[0] } }, { status: 400 });
      await setCoopStatus(coop.data.coopId, coop.data.status, staff.id);
      return json<Result>({ errors: {} }, { headers: await flash(request, `合作社已设为「${COOP_STATUS_LABELS[coop.data.status]}」`) });
    }
    if (form.get("intent") === "reject") {
      const parsed = parseForm(certificateRejectionSchema, form);
      if (!parsed.ok) return json<Result>({ productId: parsed.values.productId, intent: "reject", errors: parsed.errors, values: parsed.values }, { status: 400 });
      await rejectCertification({ ...parsed.data, actorId: staff.id });
      return json<Result>({ errors: {} }, { headers: await flash(request, "已退回认定申请，合作社会看到原因") });
    }
    const parsed = parseForm(certificationSchema, form);
    if (!parsed.ok) return json<Result>({ productId: parsed.values.productId, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { published } = await decideCertification({ ...parsed.data, actorId: staff.id });
    return json<Result>({ errors: {} }, { headers: await flash(request, `已更新认定：${CERT_LABELS[parsed.data.status]}${published ? "，商品已上架" : ""}`) });
  } catch (error) {
    const values = formValues(form);
    return errorResponse(error, { productId: values.productId, intent: values.intent, values });
  }
}

const input = "rounded border border-stone-300 px-2 py-1";

export default function AdminCertification() {
  const { products, coops, status, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-bold">扶贫产品认定</h1>
        <FilterForm className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            认定状态
            <select name="status" defaultValue={status} className={input}>
              <option value="">全部</option>
              {CERT_STATUSES.map((s) => <option key={s} value={s}>{CERT_LABELS[s]}</option>)}
            </select>
          </label>
          <label className="flex flex-col">
            商品、合作社或区县
            <input name="q" defaultValue={q} className={input} />
          </label>
          <button className="rounded bg-stone-800 px-3 py-1 text-white">筛选</button>
        </FilterForm>
        {products.length === 0 ? <p className="text-sm text-stone-500">没有符合条件的商品。</p> : null}
        <ul className="space-y-3">
          {products.map((p) => {
            const mine = result?.productId === p.id ? result : undefined;
            return (
              <li key={p.id} className="rounded border bg-white p-3 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link to={`/products/${p.slug}`} className="font-semibold text-brand-700 hover:underline">{p.name}</Link>
                  <span>{CERT_LABELS[p.certStatus] ?? p.certStatus}</span>
                </div>
                <p className="text-xs text-stone-600">
                  {p.county.name} · {p.coop.name}（合作社{COOP_STATUS_LABELS[p.coop.status] ?? p.coop.status}）
                  {p.certNumber ? ` · 证书 ${p.certNumber}` : ""}
                  {p.certExpiresAt ? ` · 有效期至 ${businessDay(new Date(p.certExpiresAt))}` : ""}
                  {" · "}<Link to={`/admin/products/${p.slug}`} className="text-brand-700 underline">变更记录</Link>
                </p>
                {p.certSubmittedAt ? (
                  <p className="mt-1 text-xs">
                    合作社于 {businessDay(new Date(p.certSubmittedAt))} 提交：发证 {p.certIssuer}
                    {p.certValidFrom ? `，${businessDay(new Date(p.certValidFrom))} 起` : ""}
                    {p.certScanType ? <> · <a href={`/certificates/${p.id}/scan`} target="_blank" rel="noreferrer" className="text-brand-700 underline">查看证书扫描件</a></> : null}
                    {p.certRejectReason ? <span className="text-red-700"> · 上次退回：{p.certRejectReason}</span> : null}
                  </p>
                ) : null}
                <p className="mt-1 text-xs text-stone-600">
                  {p.variants.map((v) => `${v.name} ${formatFen(v.priceFen)}${v.refPriceFen !== null ? `（参考价 ${formatFen(v.refPriceFen)}，${v.refPriceSource}，${v.refPriceDate}）` : "（未填参考价）"}`).join("；")}
                </p>
                <ValidatedForm
                  schema={certificationSchema}
                  server={mine?.intent === "reject" ? undefined : mine}
                  defaults={{ productId: p.id, status: "CERTIFIED", certNumber: p.certNumber ?? "", expiresOn: p.certExpiresAt ? businessDay(new Date(p.certExpiresAt)) : "" }}
                  className="mt-2 flex flex-wrap items-end gap-2"
                >
                  {(form) => (
                    <>
                      <input type="hidden" {...form.register("productId")} />
                      <label className="flex flex-col text-xs">
                        认定状态
                        <select className={input} {...form.register("status")}>
                          {CERT_DECISIONS.map((s) => <option key={s} value={s}>{CERT_LABELS[s]}</option>)}
                        </select>
                      </label>
                      <label className="flex flex-col text-xs">
                        证书编号
                        <input aria-invalid={Boolean(fieldError(form, "certNumber"))} className={input} {...form.register("certNumber")} />
                      </label>
                      <label className="flex flex-col text-xs">
                        有效期至（YYYY-MM-DD）
                        <input aria-invalid={Boolean(fieldError(form, "expiresOn"))} className={input} {...form.register("expiresOn")} />
                      </label>
                      <button className="rounded bg-brand-600 px-3 py-1 text-white">保存认定</button>
                      {["form", "status", "certNumber", "expiresOn"].map((name) => {
                        const message = fieldError(form, name);
                        return message ? <p key={name} role="alert" className="mt-1 w-full text-red-700">{message}</p> : null;
                      })}
                    </>
                  )}
                </ValidatedForm>
                {p.certStatus === "PENDING" && p.certSubmittedAt ? (
                  <ValidatedForm
                    schema={certificateRejectionSchema}
                    server={mine?.intent === "reject" ? mine : undefined}
                    defaults={{ productId: p.id, reason: "" }}
                    className="mt-2 flex flex-wrap items-end gap-2"
                  >
                    {(form) => (
                      <>
                        <input type="hidden" {...form.register("productId")} />
                        <input type="hidden" name="intent" value="reject" />
                        <label className="flex flex-col text-xs">
                          退回原因（合作社可见）
                          <input aria-invalid={Boolean(fieldError(form, "reason"))} className={input} {...form.register("reason")} />
                        </label>
                        <button className="rounded border border-red-300 px-3 py-1 text-red-700">退回</button>
                        {["form", "reason"].map((name) => {
                          const message = fieldError(form, name);
                          return message ? <p key={name} role="alert" className="mt-1 w-full text-red-700">{message}</p> : null;
                        })}
                      </>
                    )}
                  </ValidatedForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-semibold">合作社认定</h2>
        {result?.errors.coops ? <p role="alert" className="text-red-700">{result.errors.coops}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="border-b border-stone-300 text-stone-500">
              <tr><th className="py-2">合作社</th><th>区县</th><th>信用代码</th><th className="text-right">商品</th><th className="text-right">农户</th><th>状态</th></tr>
            </thead>
            <tbody>
              {coops.map((c) => (
                <tr key={c.id} className="border-b border-stone-100">
                  <td className="py-1.5">{c.name}<span className="block text-xs text-stone-500">{c.contactName} {c.contactPhone}</span></td>
                  <td>{c.county.name}</td>
                  <td className="font-mono text-xs">{c.creditCode}</td>
                  <td className="text-right tabular-nums">{c._count.products}</td>
                  <td className="text-right tabular-nums">{c._count.households}</td>
                  <td>
                    <Form method="post" className="flex items-center gap-1">
                      <input type="hidden" name="intent" value="coop" />
                      <input type="hidden" name="coopId" value={c.id} />
                      <select name="status" defaultValue={c.status} aria-label={`${c.name} 的状态`} className={input}>
                        {COOP_STATUSES.map((s) => <option key={s} value={s}>{COOP_STATUS_LABELS[s]}</option>)}
                      </select>
                      <button className="rounded border px-2 py-1">保存</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "扶贫认定 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
