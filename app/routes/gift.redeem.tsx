import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse, isDomainError } from "~/lib/errors";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { giftRedeemSchema } from "~/models/institutions/gift-code.schema";
import { GiftCodeError, isRedeemBlocked, recordRedeemFailure, redeemGiftCode } from "~/models/institutions/gift-code.server";
import { clientAddress } from "~/models/accounts/login-throttle.server";
import { redeemHarvestGift } from "~/models/trees/harvest.server";

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(giftRedeemSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
  const client = clientAddress(request);
  if (await isRedeemBlocked(client)) {
    return json({ errors: { code: "尝试次数过多，请 15 分钟后再试" } as Record<string, string>, values: parsed.values, done: null }, { status: 429 });
  }
  const { code, ...address } = parsed.data;
  try {
    const result = await redeemGiftCode({ code, address });
    return json({ errors: null, values: null, done: { packageName: result.packageName, recipient: address.recipient } });
  } catch (error) {
    if (!(error instanceof GiftCodeError)) return errorResponse(error, { values: parsed.values, done: null }, { field: "code" });
  }
  // Not an organisation's gift code: perhaps part of an adopted tree's harvest, given as a gift.
  try {
    const result = await redeemHarvestGift({ code, address });
    return json({ errors: null, values: null, done: { packageName: `${result.packageName}（${result.from}赠，${result.deliverOn} 起寄）`, recipient: address.recipient } });
  } catch (error) {
    if (isDomainError(error)) await recordRedeemFailure(client);
    return errorResponse(error, { values: parsed.values, done: null }, { field: "code" });
  }
}

type Values = z.input<typeof giftRedeemSchema>;

export default function GiftRedeem() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(giftRedeemSchema, data && data.errors ? { errors: data.errors, values: data.values ?? undefined } : undefined, {
    code: "", recipient: "", mobile: "", province: "", city: "", district: "", street: "",
  });
  const errors = form.formState.errors;
  if (data?.done) {
    return (
      <div className="mx-auto max-w-md px-4 py-12 text-center">
        <h1 className="text-2xl font-bold">兑换成功</h1>
        <p className="mt-4">{data.done.recipient}，您的「{data.done.packageName}」将由合作社直接发出，请留意快递短信。</p>
        <p className="mt-2 text-sm text-stone-600">感谢您参与甘肃消费帮扶。</p>
      </div>
    );
  }
  const text = (name: keyof Values, extra: Record<string, string> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...extra} {...form.register(name)} />
  );
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-2 text-2xl font-bold">礼品兑换</h1>
      <p className="mb-6 text-sm text-stone-600">输入单位发放的兑换码并填写收货地址。每个兑换码只能使用一次，提交后不能修改地址。</p>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4">
        <Field label="兑换码" name="code" error={errors.code?.message} hint="如 ABCD-EFGH-JKMN-PQRS，不区分大小写">{text("code", { autoComplete: "off" })}</Field>
        <Field label="收件人" name="recipient" error={errors.recipient?.message}>{text("recipient", { autoComplete: "name" })}</Field>
        <Field label="手机号" name="mobile" error={errors.mobile?.message}>{text("mobile", { autoComplete: "tel", inputMode: "numeric" })}</Field>
        <div className="grid grid-cols-3 gap-2">
          <Field label="省份" name="province" error={errors.province?.message}>{text("province")}</Field>
          <Field label="城市" name="city" error={errors.city?.message}>{text("city")}</Field>
          <Field label="区县" name="district" error={errors.district?.message}>{text("district")}</Field>
        </div>
        <Field label="详细地址" name="street" error={errors.street?.message}>{text("street", { autoComplete: "street-address" })}</Field>
        <button className={`${buttonClass} w-full`} disabled={navigation.state === "submitting"}>确认兑换</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "礼品兑换 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
