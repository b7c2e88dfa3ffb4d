import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { pageMeta } from "~/lib/meta";
import { formatFen } from "~/lib/money";
import { AddressFields, errorMessages } from "~/components/address-fields";
import { areaOptions } from "~/models/addresses/divisions.server";
import { paymentStep } from "~/models/orders/payment.server";
import { preorderSchema, type PreorderInput } from "~/models/presales/preorder.schema";
import { placePreorder } from "~/models/presales/preorder.server";
import { presalePage } from "~/models/presales/presale.server";
import { PRESALE_STATUSES, type PresaleStatus } from "~/models/presales/stages";
import { flash, getUser, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const presale = await presalePage(params.slug ?? "").catch(throwAsResponse);
  return json({ presale, loggedIn: Boolean(user), areas: areaOptions(), clientRequestId: crypto.randomUUID() }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(preorderSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let order;
  try {
    order = await placePreorder({ buyer: { id: user.id, organizationId: user.organizationId }, slug: params.slug ?? "", form: parsed.data });
  } catch (error) {
    return errorResponse(error, { values: Object.fromEntries(formData) });
  }
  const next = await paymentStep(order.id, request, `/orders/${order.number}`);
  return redirect(next.to, next.message ? { headers: await flash(request, next.message) } : undefined);
}

const NOTICE_LABELS: Record<string, string> = { SLIP: "采收期推迟", GO: "已成团", FAILED: "未成团", HARVEST: "采收" };

export default function PresaleRoute() {
  const { presale, loggedIn, areas, clientRequestId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; error?: string } | undefined;
  const navigation = useNavigation();
  const form = useValidatedForm(preorderSchema, data?.errors ? { errors: data.errors, values: data.values } : undefined, {
    quantity: "1", mode: presale.depositFen !== null ? "DEPOSIT" : "FULL", recipient: "", mobile: "", province: "", city: "", district: "", street: "", clientRequestId,
  });
  const errors = form.formState.errors;
  const quantity = Number(form.watch("quantity")) || 0;
  const mode = form.watch("mode");
  const perUnit = mode === "DEPOSIT" && presale.depositFen !== null ? presale.depositFen : presale.priceFen;
  const formError = data?.error && !data.errors ? data.error : null;
  const open = presale.status === "OPEN" && new Date(presale.closesAt) > new Date();
  const text = (name: keyof PreorderInput, label: string, extra: Record<string, string> = {}) => (
    <Field label={label} name={name} error={errors[name]?.message}>
      <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...extra} {...form.register(name)} />
    </Field>
  );
  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header className="grid gap-6 md:grid-cols-[1fr_22rem]">
        <div className="space-y-2">
          <p className="text-sm text-stone-500">
            <Link to="/presales" className="hover:underline">订单农业</Link> · {presale.product.county.prefecture.name}{presale.product.county.name}
          </p>
          <h1 className="text-2xl font-bold">{presale.name}</h1>
          <p className="text-stone-700">{presale.intro}</p>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
            <div><dt className="text-stone-500">预计采收</dt><dd>{presale.harvestFrom} 至 {presale.harvestTo}</dd></div>
            <div><dt className="text-stone-500">价格（包邮）</dt><dd>{formatFen(presale.priceFen)}/{presale.unit}</dd></div>
            <div><dt className="text-stone-500">定金</dt><dd>{presale.depositFen !== null ? `${formatFen(presale.depositFen)}/${presale.unit}，采收确认后 ${presale.balanceDays} 天内付尾款` : "仅全款"}</dd></div>
            <div><dt className="text-stone-500">计划量 / 已订 / 余量</dt><dd>{presale.committedQty} / {presale.sold} / {presale.left} 份</dd></div>
            <div><dt className="text-stone-500">起订量</dt><dd>{presale.minimumQty} 份，截止 {formatChinaDateTime(new Date(presale.closesAt))}</dd></div>
            <div><dt className="text-stone-500">状态</dt><dd>{PRESALE_STATUSES[presale.status as PresaleStatus]}</dd></div>
          </dl>
          <p className="text-xs text-stone-500">
            截止时未达起订量则全额退款。实际收成不足时按付款先后配货，未配到的部分（含定金）自动原路退款。
            {presale.depositFen !== null ? (presale.unpaidBalance === "FORFEIT" ? "尾款逾期未付，定金不退。" : "尾款逾期未付，定金原路退回。") : ""}
            采收期推迟时会通知您，您可在采收前取消并获全额退款。{presale.product.households} 户脱贫户按订单种植。
          </p>
        </div>
        {presale.product.images[0] ? <img src={presale.product.images[0].url} alt={presale.product.images[0].alt} width={400} height={300} className="w-full rounded-lg object-cover" /> : null}
      </header>

      {presale.notices.length ? (
        <section aria-labelledby="notices" className="space-y-2">
          <h2 id="notices" className="text-lg font-semibold">通知</h2>
          <ul className="space-y-2 text-sm">
            {presale.notices.map((n) => (
              <li key={n.id} className={`rounded p-2 ${n.kind === "SLIP" ? "bg-amber-50 text-amber-900" : "bg-stone-100"}`}>
                <strong>{NOTICE_LABELS[n.kind] ?? n.kind}</strong> · {formatChinaDateTime(new Date(n.createdAt))}：{n.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {open ? (
        <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
          <h2 className="text-lg font-semibold">预订</h2>
          {formError ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{formError}</p> : null}
          <input type="hidden" {...form.register("clientRequestId")} />
          <div className="grid gap-3 sm:grid-cols-3">
            {text("quantity", `数量（份，每份 ${presale.unit}）`, { inputMode: "numeric" })}
            <fieldset className="space-y-1 text-sm sm:col-span-2">
              <legend className="font-medium text-stone-700">付款方式</legend>
              <label className="flex items-center gap-1"><input type="radio" value="FULL" {...form.register("mode")} /> 全款 {formatFen(presale.priceFen)}/份</label>
              {presale.depositFen !== null ? (
                <label className="flex items-center gap-1"><input type="radio" value="DEPOSIT" {...form.register("mode")} /> 先付定金 {formatFen(presale.depositFen)}/份，采收后付尾款 {formatFen(presale.priceFen - presale.depositFen)}/份</label>
              ) : null}
              {errors.mode?.message ? <p role="alert" className="text-red-700">{errors.mode.message}</p> : null}
            </fieldset>
          </div>
          <AddressFields options={areas} values={data?.values ?? {}} errors={errorMessages(errors)} register={form.register as never} setValue={form.setValue as never} />
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 pt-3">
            <p className="text-sm">现在支付：{quantity} × {formatFen(perUnit)} = <strong data-testid="preorder-total">{formatFen(perUnit * quantity)}</strong></p>
            {loggedIn ? (
              <button type="submit" className={buttonClass} disabled={navigation.state !== "idle"}>提交预订并付款</button>
            ) : (
              <Link to={`/login?redirectTo=${encodeURIComponent(`/presales/${presale.slug}`)}`} className={buttonClass}>登录后预订</Link>
            )}
          </div>
        </Form>
      ) : (
        <p className="rounded bg-stone-100 p-3 text-sm text-stone-600">本预售已截止接受预订。</p>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.presale.name} · 订单农业 · 陇货通`, data.presale.intro) : [{ title: "预售不存在 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
