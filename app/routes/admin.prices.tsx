import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { FAIR_PRICE_LIMIT_PERCENT, referenceComparison } from "~/models/catalog/fair-price";
import { approvePriceSchema } from "~/models/catalog/fair-price.schema";
import { approvePrice, flaggedPrices } from "~/models/catalog/fair-price.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ flagged: await flaggedPrices() }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(approvePriceSchema, await request.formData());
  if (!parsed.ok) return json({ error: "请求无效", variantId: null as string | null }, { status: 400 });
  try {
    await approvePrice({ variantId: parsed.data.variantId, staffId: staff.id, priceFen: parsed.data.priceFen });
  } catch (error) {
    return errorResponse(error, { variantId: parsed.data.variantId as string | null });
  }
  return json({ error: null, variantId: null }, { headers: await flash(request, "已审核通过该价格") });
}

export default function AdminPrices() {
  const { flagged } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">价格审核</h1>
      <p className="text-sm text-stone-600">
        在售规格的价格高于市场参考价 {FAIR_PRICE_LIMIT_PERCENT - 100}% 以上时列在这里。未经审核，合作社不能再上调这些价格；审核通过后，合作社可在审核价以内调价。请核对参考价的来源和日期。
      </p>
      {flagged.length === 0 ? (
        <p className="rounded border bg-white p-4 text-sm text-stone-600">没有待审核的价格。</p>
      ) : (
        <ul className="divide-y rounded border bg-white text-sm">
          {flagged.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">
                  <Link to={`/admin/products/${v.product.slug}`} className="text-brand-700 underline">{v.product.name}</Link>（{v.name}）
                  <span className="ml-1 text-xs text-stone-500">{v.sku} · {v.product.coop.name}</span>
                </p>
                <p>
                  售价 <span className="font-semibold">{formatFen(v.priceFen)}</span> · 参考价 {formatFen(v.refPriceFen!)}（{v.refPriceSource}，{v.refPriceDate}）
                  <span className="ml-1 rounded bg-red-50 px-1 text-red-700">{referenceComparison(v.priceFen, v.refPriceFen!)}</span>
                  {v.approvedPriceFen !== null ? <span className="ml-1 text-xs text-stone-500">此前审核价 {formatFen(v.approvedPriceFen)}</span> : null}
                </p>
                {result?.variantId === v.id && result.error ? <p role="alert" className="text-red-700">{result.error}</p> : null}
              </div>
              <Form method="post">
                <input type="hidden" name="variantId" value={v.id} />
                <input type="hidden" name="priceFen" value={v.priceFen} />
                <button className="rounded border border-brand-600 px-3 py-1.5 text-brand-700">审核通过此价格</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "价格审核 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
