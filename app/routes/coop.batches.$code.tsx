import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { CERT_KIND_LABELS, receiveSchema, type CertKind } from "~/models/batches/batch.schema";
import { coopBatch, receiveIntoBatch } from "~/models/batches/batch.server";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const batch = await coopBatch(user.coopId, params.code ?? "");
  if (!batch) throw new Response("没有这个批次，或它不属于本社", { status: 404 });
  return json({ batch }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const batch = await coopBatch(user.coopId, params.code ?? "");
  if (!batch) throw new Response("没有这个批次，或它不属于本社", { status: 404 });
  const parsed = parseForm(receiveSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await receiveIntoBatch(user.coopId, batch.code, parsed.data);
  } catch (error) {
    return errorResponse(error, { values: { variantId: parsed.data.variantId, quantity: String(parsed.data.quantity) } });
  }
  return json({ errors: null, values: null }, { headers: await flash(request, `已入库 ${parsed.data.quantity} 件`) });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `批次 ${data.batch.code} · 合作社` : "批次不存在" }];

export default function CoopBatch() {
  const { batch } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string> | null; error?: string; values?: Record<string, string> | null } | undefined;
  const navigation = useNavigation();
  const server = result?.errors ? { errors: result.errors, values: result.values ?? undefined } : undefined;
  const form = useValidatedForm(receiveSchema as never, server, { intent: "receive", variantId: batch.product.variants[0]?.id ?? "", quantity: "" } as never);
  const fe = form.formState.errors as Record<string, { message?: string } | undefined>;
  const err = (n: string) => fe[n]?.message ?? result?.errors?.[n];
  const people = batch.shares.reduce((s, x) => s + x.household.members, 0);
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <Link to="/coop/batches" className="text-sm text-brand-700 hover:underline">← 批次与溯源</Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{batch.product.name} · 批次 <span className="font-mono">{batch.code}</span></h1>
          <p className="text-sm text-stone-600">
            {batch.producedOn} 采收/生产 · {batch.quantity} {batch.quantityUnit} · {CERT_KIND_LABELS[batch.certKind as CertKind]} {batch.certNumber}
            {batch.certScan ? <> · <a href={`/batches/${batch.code}/scan`} className="text-brand-700 underline">查看扫描件</a></> : null}
          </p>
          <p className="text-sm"><Link to={`/trace/${batch.code}`} className="text-brand-700 underline">公开溯源页</Link>（包裹上的二维码打开它）</p>
        </div>
        <img src={`/trace/${batch.code}/qr.svg`} alt={`批次 ${batch.code} 溯源二维码`} width={112} height={112} className="rounded border bg-white p-1" />
      </div>

      <section aria-labelledby="shares-h">
        <h2 id="shares-h" className="mb-2 font-semibold">供货农户（{batch.shares.length} 户 {people} 人）</h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {batch.shares.map((s) => (
            <li key={s.household.code} className="flex justify-between rounded bg-stone-50 px-3 py-1"><span className="font-mono">{s.household.code}</span><span>{s.household.township}{s.household.village} · {s.percent}%</span></li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="stock-h" className="space-y-3">
        <h2 id="stock-h" className="font-semibold">入库</h2>
        <table className="w-full text-sm">
          <thead className="text-left text-stone-500"><tr><th>规格</th><th className="pl-3 text-right">入库</th><th className="pl-3 text-right">剩余</th><th className="pl-3 text-right">首次入库</th></tr></thead>
          <tbody>
            {batch.stocks.map((s) => (
              <tr key={s.variantId} className="border-t"><td className="py-1">{s.variant.name} <span className="text-xs text-stone-500">{s.variant.sku}</span></td><td className="pl-3 text-right tabular-nums">{s.received}</td><td className="pl-3 text-right tabular-nums">{s.remaining}</td><td className="pl-3 text-right">{formatChinaDateTime(new Date(s.receivedAt))}</td></tr>
            ))}
          </tbody>
        </table>
        <Form method="post" noValidate onSubmit={form.onSubmit} className="flex flex-wrap items-end gap-3">
          <input type="hidden" {...form.register("intent" as never)} />
          <Field label="规格" name="variantId" error={err("variantId")}>
            <select id="variantId" className={inputClass} {...form.register("variantId" as never)}>
              {batch.product.variants.map((v) => <option key={v.id} value={v.id}>{v.name}（现有库存 {v.stock}）</option>)}
            </select>
          </Field>
          <Field label="入库件数" name="quantity" error={err("quantity")}>
            <input id="quantity" inputMode="numeric" className={inputClass} {...form.register("quantity" as never)} />
          </Field>
          <button className={buttonClass} disabled={navigation.state === "submitting"}>入库</button>
        </Form>
        {result?.error && !result.errors ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}
      </section>

      <section aria-labelledby="alloc-h">
        <h2 id="alloc-h" className="mb-2 font-semibold">从本批出库（最近 50 条）</h2>
        <ul className="divide-y text-sm">
          {batch.allocations.map((a, i) => (
            <li key={i} className="flex justify-between py-1"><span>订单 <span className="font-mono">{a.orderLine.order.number}</span> · {a.orderLine.variantName}</span><span>{a.quantity} 件 · {formatChinaDateTime(new Date(a.createdAt))}</span></li>
          ))}
          {batch.allocations.length === 0 ? <li className="py-2 text-stone-500">尚无订单从本批出库。</li> : null}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
