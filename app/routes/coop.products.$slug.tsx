import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useMemo } from "react";
import { AuditTrail } from "~/components/audit-trail";
import { HallOffers, ProductMoves, StockSection } from "~/components/coop-product";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse, isDomainError, throwAsResponse } from "~/lib/errors";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { businessDay } from "~/lib/china-time";
import { formValues, parseForm } from "~/lib/forms.server";
import { fenToYuan } from "~/lib/money";
import { productTrail, stockHistory } from "~/models/audit/trail.server";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { listHalls } from "~/models/catalog/hall.server";
import { moveProduct, offerToHall } from "~/models/coops/lifecycle.server";
import { listingSchema, shareField, sharesSchema, toListingInput, variantField, weightsToPercents } from "~/models/coops/listing.schema";
import { listingShares, ListingNotFound, saveCoopListing, updateShares } from "~/models/coops/listing.server";
import { MAX_PHOTOS_PER_PRODUCT } from "~/models/coops/photos.schema";
import { PRODUCT_MOVES, type ProductMove } from "~/models/coops/product-status";
import { stockAdjustmentSchema } from "~/models/coops/stock.schema";
import { adjustVariantStock } from "~/models/coops/stock.server";
import { flash, requireOwnListing } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, product } = await requireOwnListing(request, params.slug);
  const [households, trail, history, halls] = await Promise.all([
    listingShares(user.coopId, product.id),
    productTrail(product.id, user.coopId),
    stockHistory(product.id, user.coopId, 30),
    listHalls(),
  ]);
  return json({ product, households, trail, history, halls: halls.map((h) => ({ id: h.id, slogan: h.slogan, name: h.name })) }, { headers: PRIVATE });
}

async function done(request: Request, slug: string, message: string) {
  return redirect(`/coop/products/${slug}`, { headers: await flash(request, message) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await requireOwnListing(request, params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "shares") {
      const householdIds = (await listingShares(user.coopId, product.id)).map((h) => h.id);
      const parsed = parseForm(sharesSchema(householdIds), formData);
      if (!parsed.ok) return json({ form: "shares" as const, errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
      const data = parsed.data as Record<string, number>;
      await updateShares(user.coopId, product.slug, householdIds.map((id) => ({ householdId: id, weight: data[shareField(id)] })), user.id);
      return done(request, product.slug, "受益农户比例已保存，之后的销售按新比例计入");
    }
    if (intent === "stock") {
      const parsed = parseForm(stockAdjustmentSchema, formData);
      if (!parsed.ok) return json({ form: "stock" as const, variantId: parsed.values.variantId, errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
      const { after } = await adjustVariantStock(user.coopId, product.slug, parsed.data, user.id);
      return done(request, product.slug, `库存已调整为 ${after}`);
    }
    if (intent === "move") {
      const move = String(formData.get("move"));
      if (!(move in PRODUCT_MOVES)) return json({ form: "move" as const, error: "请求无效" }, { status: 400, headers: PRIVATE });
      await moveProduct(user.coopId, product.slug, move as ProductMove, user.id);
      return done(request, product.slug, move === "publish" ? "已上架，商品页和搜索已更新" : "已更新商品状态");
    }
    if (intent === "offer") {
      await offerToHall(user.coopId, product.slug, String(formData.get("hallId") ?? ""), user.id);
      return done(request, product.slug, "已申请陈列，等待平台确认");
    }
    const variantIds = product.variants.map((v) => v.id);
    const parsed = parseForm(listingSchema(variantIds), formData);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
    await saveCoopListing(user.coopId, product.slug, toListingInput(parsed.data as Record<string, unknown>, variantIds), user.id);
    return done(request, product.slug, "已保存，商品页和搜索已更新");
  } catch (error) {
    if (error instanceof ListingNotFound) throwAsResponse(error, PRIVATE);
    if (!isDomainError(error)) throw error;
    // Keep what was typed; a stock that moved meanwhile comes back as the figure to count against.
    const values = { ...formValues(formData), ...error.current };
    const form = typeof intent === "string" ? intent : undefined;
    return errorResponse(error, { form, variantId: values.variantId, values }, { headers: PRIVATE });
  }
}

type ActionResult = { form?: string; variantId?: string; error?: string; errors?: Record<string, string>; values?: Record<string, string> };

export default function CoopProductEdit() {
  const { product, households, trail, history, halls } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const listingResult = result && !result.form ? result : undefined;
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
    defaults[variantField.refPrice(v.id)] = v.refPriceFen === null ? "" : fenToYuan(v.refPriceFen);
    defaults[variantField.refSource(v.id)] = v.refPriceSource ?? "";
    defaults[variantField.refDate(v.id)] = v.refPriceDate ?? "";
    defaults[variantField.lowStock(v.id)] = String(v.lowStockThreshold);
  }
  const form = useValidatedForm(schema, listingResult?.errors ? listingResult : undefined, defaults);
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const posted = listingResult?.values;
  const text = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...props} {...form.register(name)} />
  );
  const certPending = product.certStatus === "PENDING";

  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <div className="space-y-2">
        <Link to="/coop/products" className="text-sm text-brand-700 hover:underline">← 商品与库存</Link>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h1 className="text-2xl font-bold">{product.name}</h1>
          {product.status === "ACTIVE" ? <Link to={`/products/${product.slug}`} className="text-sm text-brand-700 hover:underline">查看商品页 →</Link> : null}
        </div>
        <ProductMoves status={product.status} error={result?.form === "move" ? result.error : undefined} />
        <div className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
          <p>
            扶贫产品认定：<strong>{CERT_LABELS[product.certStatus] ?? product.certStatus}</strong>
            {product.certNumber ? `（${product.certNumber}${product.certExpiresAt ? `，有效期至 ${businessDay(new Date(product.certExpiresAt))}` : ""}）` : null}
          </p>
          {product.certStatus === "REJECTED" && product.certRejectReason ? <p className="text-red-700">退回原因：{product.certRejectReason}</p> : null}
          {product.status === "DRAFT" && product.certStatus !== "CERTIFIED" ? (
            <p className="text-stone-600">{certPending ? "平台正在核对证书，认定通过后商品自动上架。" : "提交扶贫产品认定证书，平台核对通过后商品自动上架。"}</p>
          ) : null}
          <div className="mt-2 flex flex-wrap gap-3">
            {product.certStatus !== "CERTIFIED" && product.status !== "ARCHIVED" ? (
              <Link to={`/coop/products/${product.slug}/certificate`} className="text-brand-700 underline">{certPending ? "修改认定申请" : "提交认定申请"}</Link>
            ) : null}
            <Link to={`/coop/products/${product.slug}/photos`} className="text-brand-700 underline">商品图片（{product._count.images}/{MAX_PHOTOS_PER_PRODUCT}）</Link>
          </div>
        </div>
      </div>

      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        <h2 className="text-lg font-semibold">商品信息与价格</h2>
        {listingResult?.error && !listingResult.errors ? <p role="alert" className="text-sm text-red-700">{listingResult.error}</p> : null}
        <Field label="商品名称" name="name" error={errors.name?.message} hint="买家可用汉字、拼音或首字母搜到这个名称">{text("name")}</Field>
        <Field label="商品介绍" name="description" error={errors.description?.message}>
          <textarea id="description" rows={4} className={inputClass} aria-invalid={Boolean(errors.description)} {...form.register("description")} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="产季" name="harvestSeason" error={errors.harvestSeason?.message}>{text("harvestSeason")}</Field>
          <Field label="发货说明" name="shippingNote" error={errors.shippingNote?.message}>{text("shippingNote")}</Field>
        </div>

        <fieldset className="space-y-3">
          <legend className="font-semibold">规格与价格</legend>
          {product.variants.map((v) => {
            const f = (key: keyof typeof variantField) => variantField[key](v.id);
            const checked = posted ? posted[f("active")] === "on" : v.active;
            return (
              <div key={v.id} className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-medium">{v.name}{v.giftBox ? "（礼盒）" : ""} <span className="font-mono text-xs text-stone-500">{v.sku}</span></p>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" value="on" defaultChecked={checked} {...form.register(f("active"))} />
                    {v.name} 在售
                  </label>
                </div>
                {errors[f("active")]?.message ? <p role="alert" className="text-sm text-red-700">{errors[f("active")]?.message}</p> : null}
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                  <Field label={`单价（元/${product.unit}）`} name={f("price")} error={errors[f("price")]?.message}>{text(f("price"), { inputMode: "decimal" })}</Field>
                  <Field label="低库存提醒线" name={f("lowStock")} error={errors[f("lowStock")]?.message}>{text(f("lowStock"), { inputMode: "numeric" })}</Field>
                  <Field label="市场参考价（元）" name={f("refPrice")} error={errors[f("refPrice")]?.message}>{text(f("refPrice"), { inputMode: "decimal" })}</Field>
                  <Field label="查价日期" name={f("refDate")} error={errors[f("refDate")]?.message}>{text(f("refDate"), { type: "date" })}</Field>
                </div>
                <Field label="参考价来源" name={f("refSource")} error={errors[f("refSource")]?.message} hint="同类商品在哪里卖多少，如：京东自营 同规格、兰州东部批发市场">{text(f("refSource"))}</Field>
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className={buttonClass} disabled={navigation.state === "submitting"}>保存</button>
      </Form>

      <StockSection variants={product.variants} history={history} result={result?.form === "stock" ? result : undefined} />
      <HallOffers halls={halls} listed={product.halls.map((h) => h.hallId)} offered={product.hallOffers.map((o) => o.hallId)} error={result?.form === "offer" ? result.error : undefined} />
      <SharesForm households={households} result={result?.form === "shares" ? result : undefined} />

      <section aria-labelledby="trail-heading" className="space-y-2">
        <h2 id="trail-heading" className="text-lg font-semibold">变更记录</h2>
        <p className="text-sm text-stone-600">价格、库存、上架、陈列、受益农户比例和认定的每次变化：谁、何时、从什么改成什么。平台工作人员看到同样的记录。</p>
        <AuditTrail rows={trail} />
      </section>
    </div>
  );
}

function SharesForm({ households, result }: { households: { id: string; code: string; township: string; village: string; members: number; weight: number }[]; result?: ActionResult }) {
  const percents = weightsToPercents(households.map((h) => h.weight));
  return (
    <section aria-labelledby="shares-heading" className="space-y-3">
      <h2 id="shares-heading" className="text-lg font-semibold">受益农户</h2>
      <p className="text-sm text-stone-600">
        这件商品的每一笔销售按下面的比例计入本社登记的脱贫户（按供货量填写百分比，合计 100%；0 表示不供货）。修改只影响之后的销售，已入账的不变。
      </p>
      {households.length === 0 ? (
        <p className="text-sm text-stone-500">本社还没有登记农户，请联系平台工作人员登记。</p>
      ) : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="shares" />
          {/* relative: the rows' sr-only labels are absolutely placed, and would otherwise widen the page */}
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[28rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-500">
                <tr><th className="py-2">农户编号</th><th>乡镇村</th><th className="text-right">人口</th><th className="w-28 text-right">比例（%）</th></tr>
              </thead>
              <tbody>
                {households.map((h, i) => {
                  const name = shareField(h.id);
                  const error = result?.errors?.[name];
                  return (
                    <tr key={h.id} className="border-b border-stone-100 align-top">
                      <td className="py-1.5 font-mono">{h.code}</td>
                      <td>{h.township}{h.village}</td>
                      <td className="text-right tabular-nums">{h.members}</td>
                      <td className="py-1 text-right">
                        <label className="sr-only" htmlFor={name}>{h.code} 的比例</label>
                        <input id={name} name={name} inputMode="decimal" defaultValue={result?.values?.[name] ?? percents[i]} aria-invalid={Boolean(error ?? result?.errors?.shares)} aria-describedby={result?.errors?.shares ? "shares-error" : undefined} className={`${inputClass} text-right`} />
                        {error ? <p role="alert" className="text-xs text-red-700">{error}</p> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {result?.errors?.shares ? <p id="shares-error" role="alert" className="text-sm text-red-700">{result.errors.shares}</p> : null}
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
