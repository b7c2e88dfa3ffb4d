import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import type { z } from "zod";
import { AreaPicker } from "~/components/area-picker";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { ProductPhoto } from "~/components/product-photo";
import { errorResponse, isDomainError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { clientAddressOf } from "~/lib/load-context";
import { areaOptions, withOfficialDivisions } from "~/models/addresses/divisions.server";
import { giftRedeemSchema } from "~/models/institutions/gift-code.schema";
import { GiftCodeError, giftForCode, recordRedeemFailure, REDEEM_REFUSED, redeemGiftCode, redeemThrottle } from "~/models/institutions/gift-code.server";
import { harvestGiftFor, redeemHarvestGift } from "~/models/trees/harvest.server";
import { gramsToKg } from "~/models/trees/season";

// Two steps: the code first (typed, or in the link and QR on the card), which shows the gift it is
// for; then the address. A code that cannot be redeemed counts as a failed attempt either way.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const code = (new URL(request.url).searchParams.get("code") ?? "").trim().slice(0, 40);
  const areas = areaOptions();
  if (!code) return json({ code: "", gift: null, harvest: null, refused: null, areas });
  const client = clientAddressOf(context);
  const throttled = await redeemThrottle(client);
  if (throttled) return json({ code, gift: null, harvest: null, refused: throttled.message, areas }, { status: 429, headers: throttled.headers });
  const gift = await giftForCode(code);
  const harvest = gift ? null : await harvestGiftFor(code);
  if (!gift && !harvest) {
    await recordRedeemFailure(client);
    return json({ code, gift: null, harvest: null, refused: REDEEM_REFUSED, areas }, { status: 404 });
  }
  return json({ code: gift?.code ?? code, gift, harvest, refused: null, areas });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(giftRedeemSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
  const client = clientAddressOf(context);
  const throttled = await redeemThrottle(client);
  if (throttled) return json({ errors: { code: throttled.message } as Record<string, string>, values: parsed.values, done: null }, { status: 429, headers: throttled.headers });
  const { code, ...typed } = parsed.data;
  // The same divisions as checkout: a province, city and district that exist, on the mainland.
  const official = withOfficialDivisions(typed);
  if (!official.ok) return json({ errors: official.errors as Record<string, string>, values: parsed.values, done: null }, { status: 400 });
  const address = official.address;
  try {
    const result = await redeemGiftCode({ code, address });
    return json({ errors: null, values: null, done: { packageName: result.packageName, recipient: address.recipient, awaitingPayment: result.awaitingPayment } });
  } catch (error) {
    if (!(error instanceof GiftCodeError)) return errorResponse(error, { values: parsed.values, done: null }, { field: "code" });
  }
  // Not an organisation's gift code: perhaps part of an adopted tree's harvest, given as a gift.
  try {
    const result = await redeemHarvestGift({ code, address });
    return json({ errors: null, values: null, done: { packageName: `${result.packageName}（${result.from}赠，${result.deliverOn} 起寄）`, recipient: address.recipient, awaitingPayment: false } });
  } catch (error) {
    if (isDomainError(error)) await recordRedeemFailure(client);
    return errorResponse(error, { values: parsed.values, done: null }, { field: "code" });
  }
}

type Values = z.input<typeof giftRedeemSchema>;

export default function GiftRedeem() {
  const { code, gift, harvest, refused, areas } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  if (data?.done) {
    return (
      <div className="mx-auto max-w-md px-4 py-12 text-center">
        <h1 className="text-2xl font-bold">兑换成功</h1>
        <p className="mt-4">{data.done.recipient}，您的「{data.done.packageName}」将由合作社直接发出，请留意快递短信。</p>
        {data.done.awaitingPayment ? <p className="mt-2 text-sm text-amber-800">发放单位的货款到账后发货。</p> : null}
        <p className="mt-2 text-sm text-stone-600">感谢您参与甘肃消费帮扶。</p>
        <p className="mt-6 text-sm"><Link to="/gift/status" className="text-brand-700 underline">查询物流进度</Link></p>
      </div>
    );
  }
  const known = Boolean(gift || harvest) || Boolean(data?.errors);
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-2 text-2xl font-bold">礼品兑换</h1>
      {!known ? (
        <>
          <p className="mb-6 text-sm text-stone-600">输入单位发放的兑换码（或扫描卡片上的二维码），先看礼品，再填写收货地址。</p>
          <Form method="get" className="space-y-4">
            <Field label="兑换码" name="code" error={refused ?? undefined} hint="如 ABCD-EFGH-JKMN-PQRS，不区分大小写">
              <input id="code" name="code" defaultValue={code} autoComplete="off" className={inputClass} aria-invalid={Boolean(refused)} />
            </Field>
            <button className={`${buttonClass} w-full`}>查看礼品</button>
          </Form>
          <p className="mt-6 text-center text-sm"><Link to="/gift/status" className="text-brand-700 underline">已兑换？查询物流进度</Link></p>
        </>
      ) : (
        <>
          {gift ? (
            <section aria-label="礼品" className="mb-6 flex gap-4 rounded border bg-white p-3" data-testid="gift-preview">
              {gift.photo ? <ProductPhoto image={gift.photo} sizes="112px" className="h-28 w-28 shrink-0 rounded object-cover" loading="eager" /> : null}
              <div className="text-sm">
                <p className="text-base font-semibold">{gift.productName}</p>
                <p>{gift.variantName} · 净重 {gramsToKg(gift.weightGrams)}</p>
                {gift.from ? <p className="mt-1 text-stone-600">{gift.from} 赠</p> : null}
                <p className="text-stone-600">兑换截止 {gift.expiresOn}</p>
                {gift.awaitingPayment ? <p className="mt-1 text-amber-800">单位货款到账后发货</p> : null}
              </div>
            </section>
          ) : harvest ? (
            <p className="mb-6 rounded border bg-white p-3 text-sm" data-testid="gift-preview">{harvest.packageName}（{harvest.from}赠，{harvest.deliverOn} 起寄）</p>
          ) : null}
          <AddressForm code={code} areas={areas} server={data?.errors ? { errors: data.errors, values: data.values ?? undefined } : undefined} />
        </>
      )}
    </div>
  );
}

function AddressForm({ code, areas, server }: { code: string; areas: ReturnType<typeof areaOptions>; server: { errors: Record<string, string>; values?: Record<string, string> } | undefined }) {
  const navigation = useNavigation();
  const form = useValidatedForm(giftRedeemSchema, server, { code, recipient: "", mobile: "", province: "", city: "", district: "", street: "" });
  const errors = form.formState.errors;
  const text = (name: keyof Values, extra: Record<string, string> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...extra} {...form.register(name)} />
  );
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
      <p className="text-sm text-stone-600">每个兑换码只能使用一次，提交后不能修改地址。</p>
      <Field label="兑换码" name="code" error={errors.code?.message}>{text("code", { autoComplete: "off" })}</Field>
      <Field label="收件人" name="recipient" error={errors.recipient?.message}>{text("recipient", { autoComplete: "name" })}</Field>
      <Field label="手机号" name="mobile" error={errors.mobile?.message}>{text("mobile", { type: "tel", autoComplete: "tel", inputMode: "numeric" })}</Field>
      <AreaPicker
        options={areas}
        values={server?.values}
        errors={{ province: errors.province?.message, city: errors.city?.message, district: errors.district?.message }}
        register={(name, rules) => form.register(name as "province", rules)}
        setValue={(name, value) => form.setValue(name as "province", value)}
      />
      <Field label="详细地址" name="street" error={errors.street?.message}>{text("street", { autoComplete: "street-address" })}</Field>
      <button className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>确认兑换</button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "礼品兑换 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
