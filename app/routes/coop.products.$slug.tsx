import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse, isDomainError, throwAsResponse } from "~/lib/errors";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { parseForm } from "~/lib/forms.server";
import { fenToYuan } from "~/lib/money";
import { listingSchema, shareField, sharesSchema, toListingInput, variantField } from "~/models/coops/listing.schema";
import { coopListing, listingShares, saveCoopListing, updateShares } from "~/models/coops/listing.server";
import { flash, requireCoopManager } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

async function ownListing(request: Request, slug: string | undefined) {
  const user = await requireCoopManager(request);
  const product = await coopListing(user.coopId, slug ?? "");
  // another co-op's product looks exactly like a missing one
  if (!product) throw new Response("没有这个商品，或它不属于本社", { status: 404, headers: PRIVATE });
  return { user, product };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, product } = await ownListing(request, params.slug);
  return json({ product, households: await listingShares(user.coopId, product.id) }, { headers: PRIVATE });
}

async function saveShares(request: Request, formData: FormData, coopId: string, slug: string, productId: string) {
  const householdIds = (await listingShares(coopId, productId)).map((h) => h.id);
  const parsed = parseForm(sharesSchema(householdIds), formData);
  if (!parsed.ok) return json({ form: "shares" as const, errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  const data = parsed.data as Record<string, number>;
  await updateShares(coopId, slug, householdIds.map((id) => ({ householdId: id, weight: data[shareField(id)] })));
  return redirect(`/coop/products/${slug}`, { headers: await flash(request, "受益农户比例已保存，之后的销售按新比例计入") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await ownListing(request, params.slug);
  const variantIds = product.variants.map((v) => v.id);
  const formData = await request.formData();
  if (formData.get("intent") === "shares") {
    try {
      return await saveShares(request, formData, user.coopId, product.slug, product.id);
    } catch (error) {
      throwAsResponse(error, PRIVATE);
    }
  }
  const parsed = parseForm(listingSchema(variantIds), formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  try {
    await saveCoopListing(user.coopId, product.slug, toListingInput(parsed.data as Record<string, unknown>, variantIds));
  } catch (error) {
    // Keep everything typed, and let a second submit go through against the stock as it is now.
    if (!isDomainError(error)) throw error;
    return errorResponse(error, { values: { ...parsed.values, ...error.current } }, { headers: PRIVATE });
  }
  return redirect(`/coop/products/${product.slug}`, { headers: await flash(request, "已保存，商品页和搜索已更新") });
}

export default function CoopProductEdit() {
  const { product, households } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sharesResult = result && "form" in result ? result : undefined;
  const actionData = result && !("form" in result) ? result : undefined;
  const navigation = useNavigation();
  const variantIds = useMemo(() => product.variants.map((v) => v.id), [product.variants]);
  const schema = useMemo(() => listingSchema(variantIds), [variantIds]);
  const defaults: Record<string, string> = {
    name: product.name,
    description: product.description,
    harvestSeason: product.harvestSeason,
    shippingNote: product.shippingNote,
  };
  for (const v of product.variants) {
    defaults[variantField.price(v.id)] = fenToYuan(v.priceFen);
    defaults[variantField.stock(v.id)] = String(v.stock);
    defaults[variantField.stockWas(v.id)] = String(v.stock);
  }
  const form = useValidatedForm(schema, actionData ?? undefined, defaults);
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const posted = actionData?.values;
  const text = (name: string) => <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...form.register(name)} />;

  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">
            ← 商品与库存
          </Link>
          <h1 className="text-2xl font-bold">{product.name}</h1>
          <p className="text-sm text-stone-600">
            扶贫认定：{CERT_LABELS[product.certStatus] ?? product.certStatus}
            {product.certNumber ? `（${product.certNumber}）` : null}，认定信息由平台工作人员维护。
          </p>
        </div>
        <Link to={`/products/${product.slug}`} className="text-sm text-brand-700 hover:underline">
          查看商品页 →
        </Link>
      </div>

      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        <Field label="商品名称" name="name" error={errors.name?.message} hint="买家可用汉字、拼音或首字母搜到这个名称">
          {text("name")}
        </Field>
        <Field label="商品介绍" name="description" error={errors.description?.message}>
          <textarea id="description" rows={4} className={inputClass} aria-invalid={Boolean(errors.description)} {...form.register("description")} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="产季" name="harvestSeason" error={errors.harvestSeason?.message}>
            {text("harvestSeason")}
          </Field>
          <Field label="发货说明" name="shippingNote" error={errors.shippingNote?.message}>
            {text("shippingNote")}
          </Field>
        </div>

        <fieldset className="space-y-3">
          <legend className="font-semibold">规格、价格与库存</legend>
          {product.variants.map((v) => {
            const price = variantField.price(v.id);
            const stock = variantField.stock(v.id);
            const active = variantField.active(v.id);
            const checked = posted ? posted[active] === "on" : v.active;
            return (
              <div key={v.id} className="grid grid-cols-2 gap-3 rounded-lg border border-stone-200 bg-white p-3 sm:grid-cols-4">
                <div className="col-span-2 sm:col-span-1">
                  <p className="font-medium">{v.name}{v.giftBox ? "（礼盒）" : ""}</p>
                  <p className="font-mono text-xs text-stone-500">{v.sku}</p>
                </div>
                <Field label={`${v.name} 单价（元/${product.unit}）`} name={price} error={errors[price]?.message}>
                  <input id={price} inputMode="decimal" className={inputClass} aria-invalid={Boolean(errors[price])} {...form.register(price)} />
                </Field>
                <Field label={`${v.name} 可售库存`} name={stock} error={errors[stock]?.message}>
                  <input id={stock} inputMode="numeric" className={inputClass} aria-invalid={Boolean(errors[stock])} {...form.register(stock)} />
                </Field>
                <input type="hidden" {...form.register(variantField.stockWas(v.id))} />
                <div className="space-y-1 self-center text-sm">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" value="on" defaultChecked={checked} {...form.register(active)} />
                    {v.name} 在售
                  </label>
                  {errors[active]?.message ? (
                    <p role="alert" className="text-red-700">
                      {errors[active]?.message}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </fieldset>
        <p className="text-xs text-stone-500">库存只改您动过的规格；若提交前有新订单占用了库存，会提示您核对。</p>
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>
          保存
        </button>
      </Form>

      <SharesForm households={households} result={sharesResult} />
    </div>
  );
}

function SharesForm({ households, result }: { households: { id: string; code: string; township: string; village: string; members: number; weight: number }[]; result?: { errors: Record<string, string>; values: Record<string, string> } }) {
  const total = households.reduce((sum, h) => sum + h.weight, 0);
  return (
    <section aria-labelledby="shares-heading" className="space-y-3">
      <h2 id="shares-heading" className="text-lg font-semibold">受益农户</h2>
      <p className="text-sm text-stone-600">
        这件商品的每一笔销售按下面的比例计入本社登记的脱贫户（按供货量填写，如 3、2、1；0 表示不供货）。修改只影响之后的销售，已入账的不变。
      </p>
      {households.length === 0 ? (
        <p className="text-sm text-stone-500">本社还没有登记农户，请联系平台工作人员登记。</p>
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="shares" />
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-500">
                <tr><th className="py-2">农户编号</th><th>乡镇村</th><th className="text-right">人口</th><th className="text-right">现占比</th><th className="w-28 text-right">比例</th></tr>
              </thead>
              <tbody>
                {households.map((h) => {
                  const name = shareField(h.id);
                  const error = result?.errors[name];
                  return (
                    <tr key={h.id} className="border-b border-stone-100 align-top">
                      <td className="py-1.5 font-mono">{h.code}</td>
                      <td>{h.township}{h.village}</td>
                      <td className="text-right tabular-nums">{h.members}</td>
                      <td className="text-right tabular-nums">{total ? `${((h.weight / total) * 100).toFixed(1)}%` : "—"}</td>
                      <td className="py-1 text-right">
                        <label className="sr-only" htmlFor={name}>{h.code} 的比例</label>
                        <input id={name} name={name} inputMode="numeric" defaultValue={result?.values[name] ?? String(h.weight)} aria-invalid={Boolean(error)} className={`${inputClass} text-right`} />
                        {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {result?.errors.shares ? <p role="alert" className="text-sm text-red-700">{result.errors.shares}</p> : null}
          <button type="submit" className={buttonClass}>保存比例</button>
        </Form>
      )}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.name ?? "商品"} · 商品与库存 · 合作社` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
