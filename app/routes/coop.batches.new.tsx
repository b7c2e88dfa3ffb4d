import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useMemo } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { businessDay } from "~/lib/china-time";
import { CERT_KIND_LABELS, CERT_KINDS, QUANTITY_UNITS, batchSchema, batchShareField } from "~/models/batches/batch.schema";
import { batchFormChoices } from "~/models/batches/batch.server";
import { submitBatchForm } from "~/models/batches/batch-form.server";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const choices = await batchFormChoices(user.coopId);
  const productId = new URL(request.url).searchParams.get("product") ?? "";
  return json({ ...choices, productId, today: businessDay(new Date()) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const result = await submitBatchForm(request, { coopId: user.coopId, userId: user.id });
  if (result.ok) return redirect(`/coop/batches/${result.code}`, { headers: await flash(request, `批次 ${result.code} 已登记，请为它入库`) });
  return json({ errors: result.errors, values: result.values }, { status: result.status });
}

export const meta: MetaFunction = () => [{ title: "登记新批次 · 合作社" }];

export default function NewBatch() {
  const { products, households, productId, today } = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = useMemo(() => batchSchema(households.map((h) => h.id), today), [households, today]);
  const defaults: Record<string, string> = { productId, producedOn: today, quantity: "", quantityUnit: "斤", certKind: "PROMISE", certNumber: "", note: "" };
  for (const h of households) defaults[batchShareField(h.id)] = "";
  const form = useValidatedForm(schema as never, server ?? undefined, defaults as never);
  const fe = form.formState.errors as Record<string, { message?: string } | undefined>;
  const errors = (name: string) => fe[name]?.message ?? server?.errors?.[name];
  const watched = form.watch() as Record<string, string>;
  const total = households.reduce((s, h) => s + (Number(watched[batchShareField(h.id)]) || 0), 0);
  const chosen = products.find((p) => p.id === watched.productId);
  const ordered = chosen ? [...households].sort((a, b) => Number(chosen.householdIds.includes(b.id)) - Number(chosen.householdIds.includes(a.id))) : households;
  const reg = (name: string) => form.register(name as never);
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <Link to="/coop/batches" className="text-sm text-brand-700 hover:underline">← 批次与溯源</Link>
      <h1 className="text-2xl font-bold">登记新批次</h1>
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={form.onSubmit} className="space-y-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="商品" name="productId" error={errors("productId")}>
            <select id="productId" className={inputClass} {...reg("productId")}>
              <option value="">请选择</option>
              {products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </Field>
          <Field label="采收或生产日期" name="producedOn" error={errors("producedOn")}>
            <input id="producedOn" type="date" max={today} className={inputClass} {...reg("producedOn")} />
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="本批数量" name="quantity" error={errors("quantity")}>
              <input id="quantity" inputMode="numeric" className={inputClass} {...reg("quantity")} />
            </Field>
            <Field label="单位" name="quantityUnit" error={errors("quantityUnit")}>
              <select id="quantityUnit" className={inputClass} {...reg("quantityUnit")}>
                {QUANTITY_UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
              </select>
            </Field>
          </div>
          <Field label="合格证类型" name="certKind" error={errors("certKind")}>
            <select id="certKind" className={inputClass} {...reg("certKind")}>
              {CERT_KINDS.map((k) => <option key={k} value={k}>{CERT_KIND_LABELS[k]}</option>)}
            </select>
          </Field>
          <Field label="合格证或检测报告编号" name="certNumber" error={errors("certNumber")}>
            <input id="certNumber" className={inputClass} {...reg("certNumber")} />
          </Field>
          <Field label="扫描件（JPEG、PNG、WebP 或 PDF，10 MB 以内）" name="certScan" error={errors("certScan")}>
            <input id="certScan" name="certScan" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" className="text-sm" />
          </Field>
          <Field label="备注（选填）" name="note" error={errors("note")}>
            <input id="note" className={inputClass} {...reg("note")} />
          </Field>
        </div>
        <fieldset className="space-y-2">
          <legend className="font-semibold">供货农户及比例（%，合计 100）</legend>
          <p className="text-xs text-stone-500">本批售出的每一件按这里的比例计入各户收益；{chosen ? "已把该商品登记的供货户排在前面。" : "先选商品，可把它的供货户排在前面。"}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {ordered.map((h) => (
              <label key={h.id} className="flex items-center justify-between gap-2 rounded border bg-white px-3 py-2 text-sm">
                <span><span className="font-mono">{h.code}</span> <span className="text-stone-500">{h.township}{h.village} · {h.members} 人</span></span>
                <span className="flex items-center gap-1">
                  <input aria-label={`${h.code} 的比例`} inputMode="numeric" className="w-16 rounded border px-2 py-1 text-right" {...reg(batchShareField(h.id))} />%
                </span>
              </label>
            ))}
          </div>
          <p className={`text-sm ${total === 100 ? "text-emerald-700" : "text-stone-600"}`} aria-live="polite">合计 {total}%</p>
          {errors("shares") ? <p role="alert" className="text-sm text-red-700">{errors("shares")}</p> : null}
        </fieldset>
        {errors("form") ? <p role="alert" className="text-sm text-red-700">{errors("form")}</p> : null}
        <button className={buttonClass} disabled={navigation.state === "submitting"}>登记批次</button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
