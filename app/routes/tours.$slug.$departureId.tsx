import crypto from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { FilterForm } from "~/components/filter-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { paymentStep } from "~/models/orders/payment.server";
import { bookingSchema, MAX_TRAVELLERS, travellerCount, travellerKey } from "~/models/tours/booking.schema";
import { bookDeparture } from "~/models/tours/booking.server";
import { departureForBooking } from "~/models/tours/tour.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { tour, departure } = await departureForBooking(params.slug ?? "", params.departureId ?? "").catch(throwAsResponse);
  const count = Math.min(travellerCount(new URL(request.url).searchParams.get("n")), Math.max(1, departure.seatsLeft));
  return json(
    { tour: { slug: tour.slug, name: tour.name, guardianRule: tour.guardianRule, cancellation: tour.cancellation }, departure, count, clientRequestId: crypto.randomUUID(), isOrgMember: Boolean(user.organizationId) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { tour, departure } = await departureForBooking(params.slug ?? "", params.departureId ?? "").catch(throwAsResponse);
  const formData = await request.formData();
  const count = travellerCount(String(formData.get("count")));
  const parsed = parseForm(bookingSchema(count, { departOn: departure.departOn, guardianRule: tour.guardianRule }), formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let order;
  try {
    order = await bookDeparture({ buyer: { id: user.id, organizationId: user.organizationId }, departureId: departure.id, travellers: parsed.data, clientRequestId: String(formData.get("clientRequestId")) });
  } catch (error) {
    return errorResponse(error, { values: Object.fromEntries(formData) });
  }
  const next = await paymentStep(order.id, request, `/tours/bookings/${order.number}`);
  return redirect(next.to, next.message ? { headers: await flash(request, next.message) } : undefined);
}

export default function BookDeparture() {
  const { tour, departure, count, clientRequestId, isOrgMember } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; error?: string } | undefined;
  const navigation = useNavigation();
  const schema = bookingSchema(count, { departOn: departure.departOn, guardianRule: tour.guardianRule });
  const defaults: Record<string, string> = { count: String(count), clientRequestId };
  const form = useValidatedForm(schema, data?.errors ? { errors: data.errors, values: data.values } : undefined, defaults);
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const formError = data?.error && !data.errors ? data.error : data?.errors?.count ?? null;
  const unit = departure.priceFen;
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <div>
        <Link to={`/tours/${tour.slug}`} className="text-sm text-brand-700 hover:underline">← {tour.name}</Link>
        <h1 className="text-2xl font-bold">预订 · {departure.departOn} 出发</h1>
        <p className="text-sm text-stone-600">
          余 {departure.seatsLeft} 座 · {formatFen(unit)}/人{isOrgMember ? `（单位 ${departure.groupMinSeats} 人以上 ${formatFen(departure.groupPriceFen)}/人）` : ""} · {departure.closesOn} 截止报名。
          付款前座位为您保留 30 分钟。
        </p>
      </div>
      <FilterForm className="flex items-end gap-2 text-sm">
        <label className="flex flex-col">
          游客人数
          <select name="n" defaultValue={String(count)} className="rounded border border-stone-300 px-2 py-1">
            {Array.from({ length: Math.min(MAX_TRAVELLERS, departure.seatsLeft) }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n} 人</option>)}
          </select>
        </label>
        <button className="rounded bg-stone-800 px-3 py-1 text-white">更改人数</button>
      </FilterForm>
      {formError ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{formError}</p> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-3">
        <input type="hidden" {...form.register("count")} />
        <input type="hidden" {...form.register("clientRequestId")} />
        {Array.from({ length: count }, (_, i) => (
          <fieldset key={i} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm sm:grid-cols-3">
            <legend className="px-1 font-medium">游客 {i + 1}</legend>
            {(["name", "mobile", "idNumber"] as const).map((f) => {
              const key = travellerKey(f, i);
              const label = { name: "真实姓名", mobile: "手机号", idNumber: "居民身份证号" }[f];
              return (
                <label key={key} className="space-y-1">
                  <span>{label}</span>
                  <input id={key} className={inputClass} autoComplete="off" inputMode={f === "name" ? undefined : "numeric"} aria-invalid={Boolean(errors[key])} {...form.register(key)} />
                  {errors[key]?.message ? <span role="alert" className="block text-xs text-red-700">{errors[key]!.message}</span> : null}
                </label>
              );
            })}
          </fieldset>
        ))}
        <p className="text-xs text-stone-500">
          身份证号只用于本团期的保险和住宿登记：页面上只显示为 6201********1234 的样式，完整号码仅出现在组织方的游客名单中，行程结束 10 天后删除。
          {tour.guardianRule ? "未满 18 周岁的游客须有成年监护人同行。" : ""}
        </p>
        <ul className="list-disc pl-5 text-xs text-stone-500">{tour.cancellation.map((c) => <li key={c}>{c}</li>)}</ul>
        <div className="flex items-center justify-between border-t border-stone-200 pt-3">
          <p className="text-sm">{count} 人 × {formatFen(unit)} = <strong>{formatFen(unit * count)}</strong></p>
          <button type="submit" className={buttonClass} disabled={navigation.state !== "idle"}>提交并付款</button>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `预订 ${data.tour.name} · 陇货通` : "预订 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
