import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { CERT_LABELS } from "~/lib/certification";
import { parseForm } from "~/lib/forms.server";
import { fenToYuan } from "~/lib/money";
import { listingSchema, toListingInput, variantField } from "~/lib/validation/coop-listing";
import { coopListing, ListingNotFound, StockChanged, updateListing } from "~/models/coop-listing.server";
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
  const { product } = await ownListing(request, params.slug);
  return json({ product }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await ownListing(request, params.slug);
  const variantIds = product.variants.map((v) => v.id);
  const formData = await request.formData();
  const parsed = parseForm(listingSchema(variantIds), formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
  try {
    await updateListing(user.coopId, product.slug, toListingInput(parsed.data as Record<string, unknown>, variantIds));
  } catch (error) {
    if (error instanceof ListingNotFound) throw new Response("没有这个商品，或它不属于本社", { status: 404, headers: PRIVATE });
    if (error instanceof StockChanged) {
      // Keep everything typed, and let a second submit go through against the stock as it is now.
      const values = Object.fromEntries([...formData].filter((e): e is [string, string] => typeof e[1] === "string"));
      values[variantField.stockWas(error.variantId)] = String(error.currentStock);
      return json({ errors: { [variantField.stock(error.variantId)]: error.message }, values }, { status: 409, headers: PRIVATE });
    }
    throw error;
  }
  return redirect(`/coop/products/${product.slug}`, { headers: await flash(request, "已保存，商品页和搜索已更新") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.product.name ?? "商品"} · 商品与库存 · 合作社` }];

export default function CoopProductEdit() {
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
  const form = useValidatedForm<Record<string, string>>(schema as never, actionData ?? undefined, defaults);
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
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
