import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { AreaPicker } from "~/components/area-picker";
import { areaOptions } from "~/models/addresses/divisions.server";
import { ownAdoption } from "~/models/trees/adoption.server";
import { harvestSplitSchema, MAX_PARTS, partKey, type PartField } from "~/models/trees/harvest.schema";
import { planDeliveries } from "~/models/trees/harvest.server";
import { listParcels } from "~/models/trees/parcels.server";
import { gramsToKg } from "~/models/trees/season";
import { requireUser } from "~/session.server";

async function load(request: Request, code: string) {
  const user = await requireUser(request);
  const adopter = { id: user.id, organizationId: user.organizationId };
  const adoption = await ownAdoption(adopter, code).catch(throwAsResponse);
  return { adopter, adoption };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { adoption } = await load(request, params.code ?? "");
  const parcels = await listParcels(adoption.deliveries.map((d) => d.parcelId).filter((x): x is string => !!x));
  // each row's picker starts with its saved province's cities and city's districts
  const areas = Array.from({ length: MAX_PARTS }, (_, i) => areaOptions(adoption.deliveries[i] ?? {}));
  return json({ adoption, parcels, areas }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { adopter, adoption } = await load(request, params.code ?? "");
  const schema = harvestSplitSchema(adoption.shareGrams / 1000, adoption.offer.season.harvestFrom);
  const formData = await request.formData();
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, gifts: null }, { status: 400 });
  try {
    const { gifts, giftExpires } = await planDeliveries({ adopter, code: adoption.code, parts: parsed.data });
    return json({ errors: null, values: null, gifts: { codes: gifts, expires: giftExpires } });
  } catch (error) {
    return errorResponse(error, { values: Object.fromEntries(formData), gifts: null });
  }
}

export default function PlanHarvest() {
  const { adoption, parcels, areas } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const season = adoption.offer.season;
  const shareKg = adoption.shareGrams / 1000;
  const schema = harvestSplitSchema(shareKg, season.harvestFrom);
  const existing = Object.fromEntries(
    adoption.deliveries.flatMap((d, i) => [
      [partKey("kg", i), String(d.grams / 1000)],
      [partKey("date", i), d.deliverOn],
      [partKey("to", i), d.isGift ? "GIFT" : "SELF"],
      ...(d.isGift ? [] : (["recipient", "province", "city", "district"] as const).map((f) => [partKey(f, i), d[f] ?? ""])),
    ]),
  );
  const defaults = adoption.deliveries.length ? existing : { [partKey("kg", 0)]: String(shareKg), [partKey("date", 0)]: season.harvestFrom, [partKey("to", 0)]: "SELF" };
  const server = data && data.errors ? { errors: data.errors as Record<string, string>, values: (data.values ?? undefined) as Record<string, string> | undefined } : undefined;
  const form = useValidatedForm(schema, server, defaults);
  const start: Record<string, string | undefined> = { ...defaults, ...(server?.values ?? {}) };
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const locked = adoption.deliveries.some((d) => d.parcelId || d.redeemedAt);
  const input = (f: PartField, i: number, extra: Record<string, string> = {}) => (
    <input id={partKey(f, i)} className={inputClass} aria-invalid={Boolean(errors[partKey(f, i)])} disabled={locked} {...extra} {...form.register(partKey(f, i))} />
  );
  const err = (f: PartField, i: number) => (errors[partKey(f, i)]?.message ? <p role="alert" className="text-xs text-red-700">{errors[partKey(f, i)]!.message}</p> : null);
  const formError = data && "error" in data && !data.errors ? (data as { error: string }).error : null;
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div>
        <Link to="/trees/mine" className="text-sm text-brand-700 hover:underline">← 我的认养</Link>
        <h1 className="text-2xl font-bold">
          收成寄送 · {season.orchard.name} {adoption.offer.tree.code} 号树
        </h1>
        <p className="text-sm text-stone-600">
          本季收成 {gramsToKg(adoption.shareGrams)}，预计 {season.harvestFrom} 至 {season.harvestTo} 采收。可分成最多 {MAX_PARTS} 份、寄往不同地址和日期；选“转赠”会生成兑换码，由收礼人在
          <Link to="/gift/redeem" className="underline">礼品兑换页</Link>填写自己的地址。
        </p>
      </div>
      {data?.gifts?.codes.length ? (
        <section role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <h2 className="font-semibold">已保存。转赠兑换码（只显示这一次，请复制发给收礼人）：</h2>
          <ul className="mt-1 font-mono">
            {data.gifts.codes.map((g: { code: string; grams: number; deliverOn: string }) => (
              <li key={g.code} data-testid="gift-code">{g.code}（{gramsToKg(g.grams)}，{g.deliverOn} 起寄）</li>
            ))}
          </ul>
        </section>
      ) : data && !data.errors && !formError ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm text-emerald-800">寄送安排已保存。</p>
      ) : null}
      {formError ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{formError}</p> : null}
      {locked ? <p className="rounded bg-amber-50 p-3 text-sm text-amber-900">已有寄出或已被领取的部分，寄送安排不能再修改。</p> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-3">
        {Array.from({ length: MAX_PARTS }, (_, i) => {
          const d = adoption.deliveries[i];
          const parcel = d?.parcelId ? parcels.find((s) => s.id === d.parcelId) : null;
          return (
            <fieldset key={i} className="grid gap-2 rounded-lg border border-stone-200 bg-white p-3 text-sm sm:grid-cols-6">
              <legend className="px-1 font-medium">第 {i + 1} 份{parcel ? ` · 已寄出：${parcel.courier} ${parcel.trackingNumber}` : d?.isGift ? (d.redeemedAt ? " · 礼物已被领取" : ` · 礼物待领取（码尾号 ${d.giftHint}）`) : ""}</legend>
              <label className="space-y-1"><span>公斤</span>{input("kg", i, { inputMode: "numeric" })}{err("kg", i)}</label>
              <label className="space-y-1"><span>不早于</span>{input("date", i, { type: "date" })}{err("date", i)}</label>
              <label className="space-y-1">
                <span>寄给</span>
                <select id={partKey("to", i)} className={inputClass} disabled={locked} {...form.register(partKey("to", i))}>
                  <option value="">请选择</option>
                  <option value="SELF">填写地址</option>
                  <option value="GIFT">转赠（收礼人填地址）</option>
                </select>
                {err("to", i)}
              </label>
              <label className="space-y-1"><span>收件人</span>{input("recipient", i)}{err("recipient", i)}</label>
              <label className="space-y-1"><span>手机号</span>{input("mobile", i, { inputMode: "numeric" })}{err("mobile", i)}</label>
              <AreaPicker
                options={areas[i]}
                names={{ province: partKey("province", i), city: partKey("city", i), district: partKey("district", i) }}
                values={{ province: start[partKey("province", i)], city: start[partKey("city", i)], district: start[partKey("district", i)] }}
                errors={{ province: errors[partKey("province", i)]?.message, city: errors[partKey("city", i)]?.message, district: errors[partKey("district", i)]?.message }}
                register={form.register as never}
                setValue={form.setValue as never}
                disabled={locked}
              />
              <label className="space-y-1 sm:col-span-4"><span>详细地址</span>{input("street", i)}{err("street", i)}</label>
            </fieldset>
          );
        })}
        <p className="text-xs text-stone-500">不用的行留空“公斤”即可。各份公斤数之和须正好是 {shareKg} 公斤。</p>
        <button type="submit" className={buttonClass} disabled={locked || navigation.state !== "idle"}>保存寄送安排</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "收成寄送 · 我的认养 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
