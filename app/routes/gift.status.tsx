import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { clientAddressOf } from "~/lib/load-context";
import { giftStatusSchema } from "~/models/institutions/gift-code.schema";
import { giftStatus, recordRedeemFailure, redeemThrottle } from "~/models/institutions/gift-code.server";

// An employee follows a redeemed gift by its code and the mobile they gave. A wrong pair counts as
// a failed attempt, like a wrong code on the redemption page (the same throttle per client).
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(giftStatusSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, found: null }, { status: 400 });
  const client = clientAddressOf(context);
  const throttled = await redeemThrottle(client);
  if (throttled) return json({ errors: { code: throttled.message } as Record<string, string>, values: parsed.values, found: null }, { status: 429, headers: throttled.headers });
  try {
    return json({ errors: null, values: parsed.values, found: await giftStatus(parsed.data) });
  } catch (error) {
    await recordRedeemFailure(client);
    return errorResponse(error, { values: parsed.values, found: null }, { field: "code" });
  }
}

export default function GiftStatus() {
  const data = useActionData<typeof action>();
  const found = data?.found;
  return (
    <div className="mx-auto max-w-md px-4 py-10">
      <h1 className="mb-2 text-2xl font-bold">查询礼品物流</h1>
      <p className="mb-6 text-sm text-stone-600">输入兑换码和兑换时填写的手机号。</p>
      <ValidatedForm schema={giftStatusSchema} server={data?.errors ? { errors: data.errors, values: data.values } : undefined} defaults={{ code: "", mobile: "" }} className="space-y-4">
        {(form) => (
          <>
            <Field label="兑换码" name="code" error={fieldError(form, "code")}><input id="code" autoComplete="off" className={inputClass} aria-invalid={Boolean(fieldError(form, "code"))} {...form.register("code")} /></Field>
            <Field label="手机号" name="mobile" error={fieldError(form, "mobile")}><input id="mobile" type="tel" inputMode="numeric" autoComplete="tel" className={inputClass} aria-invalid={Boolean(fieldError(form, "mobile"))} {...form.register("mobile")} /></Field>
            <button className={`${buttonClass} w-full`}>查询</button>
          </>
        )}
      </ValidatedForm>
      {found ? (
        <section aria-label="物流进度" className="mt-6 space-y-1 rounded border bg-white p-4 text-sm" data-testid="gift-status">
          <p className="text-base font-semibold">{found.giftName}</p>
          <p>收件人：{found.recipient}（{found.place}）</p>
          <p>发货方：{found.coop}</p>
          <p>状态：<strong>{found.status}</strong>{found.shippedOn ? `（${found.shippedOn} 发出）` : ""}</p>
          {found.trackingNumber ? (
            <p>
              {found.courier}：{found.trackingUrl ? <a href={found.trackingUrl} target="_blank" rel="noreferrer" className="text-brand-700 underline">{found.trackingNumber}</a> : found.trackingNumber}
            </p>
          ) : null}
        </section>
      ) : null}
      <p className="mt-6 text-center text-sm"><Link to="/gift/redeem" className="text-brand-700 underline">还没兑换？去兑换</Link></p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "查询礼品物流 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
