import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { formValues, parseForm } from "~/lib/forms.server";
import { countyChoices } from "~/models/catalog/place.server";
import { MAX_VARIANTS, newProductSchema, newVariantField, tierField, TIER_SLOTS, toNewProduct } from "~/models/coops/new-product.schema";
import { createProduct, newProductChoices } from "~/models/coops/new-product.server";
import { flash, requireCoopManager } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const [choices, counties] = await Promise.all([newProductChoices(user.coopId), countyChoices()]);
  return json({ ...choices, counties }, { headers: PRIVATE });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const formData = await request.formData();
  const values = formValues(formData);
  // Without JavaScript, "add a variant" posts the form back with one more empty variant.
  if (formData.get("intent") === "add-variant") {
    const count = Math.min(MAX_VARIANTS, Math.max(1, Number(values.variantCount) || 1) + 1);
    return json({ values: { ...values, variantCount: String(count) } }, { headers: PRIVATE });
  }
  const parsed = parseForm(newProductSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  try {
    const product = await createProduct(user.coopId, toNewProduct(parsed.data), user.id);
    return redirect(`/coop/products/${product.slug}/photos`, { headers: await flash(request, "商品已保存为未上架草稿：请上传图片，再提交扶贫产品认定") });
  } catch (error) {
    return errorResponse(error, { values }, { headers: PRIVATE });
  }
}

function emptyVariant(i: number): Record<string, string> {
  const v: Record<string, string> = {};
  for (const [name, value] of Object.entries({ name: "", sku: "", weight: "", price: "", minOrder: "1", stock: "0", lowStock: "0", refPrice: "", refSource: "", refDate: "" })) v[newVariantField(i, name)] = value;
  for (let j = 0; j < TIER_SLOTS; j++) {
    v[tierField(i, j, "qty")] = "";
    v[tierField(i, j, "price")] = "";
  }
  return v;
}

export default function NewProduct() {
  const { categories, counties, coopCountyId, coopStatus } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; error?: string } | undefined;
  const navigation = useNavigation();
  const initialCount = Math.min(MAX_VARIANTS, Math.max(1, Number(result?.values?.variantCount) || 1));
  const [count, setCount] = useState(initialCount);
  const defaults: Record<string, string> = { name: "", categoryId: "", unit: "箱", description: "", harvestSeason: "", shippingNote: "下单后 48 小时内发货", countyId: coopCountyId, variantCount: String(initialCount) };
  for (let i = 0; i < MAX_VARIANTS; i++) Object.assign(defaults, emptyVariant(i));
  const form = useValidatedForm(newProductSchema, result?.errors ? result : result?.values ? { values: result.values } : undefined, defaults);
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const posted = result?.values;
  const text = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...props} {...form.register(name)} />
  );
  const field = (label: string, name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field label={label} name={name} error={errors[name]?.message} hint={hint}>{text(name, props)}</Field>
  );

  function addVariant(event: React.MouseEvent) {
    event.preventDefault();
    const next = Math.min(MAX_VARIANTS, count + 1);
    setCount(next);
    form.setValue("variantCount", String(next));
  }
  function removeVariant() {
    const next = Math.max(1, count - 1);
    setCount(next);
    form.setValue("variantCount", String(next));
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div>
        <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">← 商品与库存</Link>
        <h1 className="text-2xl font-bold">新建商品</h1>
        <p className="text-sm text-stone-600">新商品先保存为未上架草稿；上传图片、提交扶贫产品认定并经平台认定后自动上架。</p>
        {coopStatus !== "CERTIFIED" ? <p role="status" className="mt-2 text-sm text-amber-800">本社目前不是认定状态，商品可以先建好，认定恢复后才能上架。</p> : null}
      </div>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-6">
        {result?.error && !result.errors ? <p role="alert" className="text-sm text-red-700">{result.error}</p> : null}
        <section className="space-y-4">
          {field("商品名称", "name", {}, "买家可用汉字、拼音或首字母搜到这个名称")}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="品类" name="categoryId" error={errors.categoryId?.message}>
              <select id="categoryId" className={inputClass} aria-invalid={Boolean(errors.categoryId)} {...form.register("categoryId")}>
                <option value="">请选择</option>
                {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </Field>
            {field("计价单位", "unit", {}, "如 箱、袋、盒")}
            <Field label="产地区县" name="countyId" error={errors.countyId?.message}>
              <select id="countyId" className={inputClass} aria-invalid={Boolean(errors.countyId)} {...form.register("countyId")}>
                {counties.map((c) => <option key={c.id} value={c.id}>{c.prefecture.name} · {c.name}</option>)}
              </select>
            </Field>
          </div>
          <Field label="商品介绍" name="description" error={errors.description?.message} hint="产地、品种、口感、储存方法">
            <textarea id="description" rows={4} className={inputClass} aria-invalid={Boolean(errors.description)} {...form.register("description")} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            {field("产季", "harvestSeason", {}, "如 9–11 月")}
            {field("发货说明", "shippingNote")}
          </div>
        </section>

        <input type="hidden" name="variantCount" value={String(count)} />
        {Array.from({ length: count }, (_, i) => {
          const f = (name: string) => newVariantField(i, name);
          const checked = posted ? posted[f("giftBox")] === "on" : false;
          return (
            <fieldset key={i} className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
              <legend className="px-1 font-semibold">规格 {i + 1}</legend>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {field("规格名称", f("name"), {}, "如 5斤装")}
                {field("SKU", f("sku"), { autoCapitalize: "characters", spellCheck: false })}
                {field("重量（克）", f("weight"), { inputMode: "numeric" })}
                {field("单价（元）", f("price"), { inputMode: "decimal" })}
                {field("起订量", f("minOrder"), { inputMode: "numeric" })}
                {field("初始库存", f("stock"), { inputMode: "numeric" })}
                {field("低库存提醒线", f("lowStock"), { inputMode: "numeric" }, "0 表示不提醒")}
              </div>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" value="on" defaultChecked={checked} {...form.register(f("giftBox"))} /> 礼盒装
              </label>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {field("市场参考价（元）", f("refPrice"), { inputMode: "decimal" })}
                {field("参考价来源", f("refSource"), {}, "如 京东自营同规格")}
                {field("查价日期", f("refDate"), { type: "date" })}
              </div>
              <details open={Array.from({ length: TIER_SLOTS }, (_, j) => [tierField(i, j, "qty"), tierField(i, j, "price")]).flat().some((n) => errors[n] || posted?.[n])}>
                <summary className="cursor-pointer text-sm text-brand-700">阶梯价（单位批量采购，选填）</summary>
                <div className="mt-2 grid grid-cols-2 gap-3">
                  {Array.from({ length: TIER_SLOTS }, (_, j) => (
                    <div key={j} className="contents">
                      {field(`第 ${j + 1} 档起订量`, tierField(i, j, "qty"), { inputMode: "numeric" })}
                      {field(`第 ${j + 1} 档单价（元）`, tierField(i, j, "price"), { inputMode: "decimal" })}
                    </div>
                  ))}
                </div>
              </details>
              {i === count - 1 && count > 1 ? <button type="button" onClick={removeVariant} className="text-sm text-red-700 underline">删除这个规格</button> : null}
            </fieldset>
          );
        })}
        {count < MAX_VARIANTS ? (
          <button type="submit" name="intent" value="add-variant" formNoValidate onClick={addVariant} className="rounded border border-stone-300 px-3 py-1.5 text-sm">+ 添加规格</button>
        ) : null}
        {errors.variantCount?.message ? <p role="alert" className="text-sm text-red-700">{errors.variantCount.message}</p> : null}
        <div>
          <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>保存草稿</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "新建商品 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
