import {
  json,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, fieldError, inputClass, useValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { afterSalesRequestSchema, type AfterSalesRequestInput } from "~/models/after-sales/request.schema";
import { createAfterSalesRequest, requestableItems } from "~/models/after-sales/request.server";
import { AFTER_SALES_DAYS, AFTER_SALES_KIND_LABELS, AFTER_SALES_KINDS, MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/models/after-sales/status";
import { getBuyerOrder } from "~/models/orders/order-view.server";
import { flash, requireUser } from "~/session.server";

async function load(request: Request, number: string | undefined, parcelId: string | null) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(number ?? "", user.id);
  const parcel = order && parcelId ? await requestableItems({ parcelId, buyerId: user.id }) : null;
  // Another buyer's order or parcel: the same 404 as a missing one.
  if (!order || !parcel) throw new Response("包裹不存在", { status: 404 });
  return { user, order, parcel };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order, parcel } = await load(request, params.number, new URL(request.url).searchParams.get("parcel"));
  return json({ number: order.number, parcel }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData = { error?: string; errors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  let form: FormData;
  try {
    // Twice the photo limit per part, so a slightly large photo is reported beside its field
    // (with what was typed kept) rather than failing the whole form.
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES * 2 }));
  } catch {
    return json<ActionData>({ errors: { photos: `每张照片不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB` } }, { status: 400 });
  }
  const { order } = await load(request, params.number, String(form.get("parcelId") ?? ""));
  const parsed = parseForm(afterSalesRequestSchema, form);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const files = form.getAll("photos").filter((f): f is File => f instanceof File && f.size > 0);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  try {
    const photos = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const created = await createAfterSalesRequest({ buyerId: user.id, ...parsed.data, photos });
    return redirect(`/orders/${order.number}`, { headers: await flash(request, `售后申请已提交（${formatFen(created.amountFen)}），等待合作社处理`) });
  } catch (error) {
    return errorResponse(error, { values });
  }
}

export default function NewAfterSalesRequest() {
  const { number, parcel } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const first = parcel.items.find((i) => i.canAsk > 0);
  const form = useValidatedForm(
    afterSalesRequestSchema,
    { errors: actionData?.errors, values: actionData?.values },
    { parcelId: parcel.id, orderLineId: first?.id ?? "", kind: "REFUND_ONLY", quantity: "1", reason: "" },
  );
  const { register, onSubmit } = form;
  const err = (name: keyof AfterSalesRequestInput | "photos") => fieldError(form, name) ?? actionData?.errors?.[name];
  return (
    <div className="mx-auto max-w-xl space-y-4 px-4 py-8">
      <Link to={`/orders/${number}`} className="text-sm text-brand-700 hover:underline">
        ← 返回订单
      </Link>
      <h1 className="text-2xl font-bold">申请售后</h1>
      <p className="text-sm text-stone-600">
        包裹 <span className="font-mono">{parcel.code}</span> · {parcel.coop}。合作社先处理；如被拒绝，可申请平台介入。确认收货后 {AFTER_SALES_DAYS} 天内可申请。
      </p>
      {actionData?.error && !actionData.errors ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
          {actionData.error}
        </p>
      ) : null}
      {!parcel.open || !first ? (
        <p className="rounded bg-stone-100 p-3 text-sm">{!parcel.open ? "这个包裹已不在售后期内。" : "这个包裹里的商品都已申请过售后。"}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="space-y-4">
          <input type="hidden" {...register("parcelId")} />
          <Field label="商品" name="orderLineId" error={err("orderLineId")}>
            <select id="orderLineId" {...register("orderLineId")} className={inputClass}>
              {parcel.items.map((i) => (
                <option key={i.id} value={i.id} disabled={i.canAsk <= 0}>
                  {i.productName}（{i.variantName}）· {formatFen(i.unitPriceFen)} · 可申请 {i.canAsk} 件
                </option>
              ))}
            </select>
          </Field>
          <Field label="售后类型" name="kind" error={err("kind")}>
            <select id="kind" {...register("kind")} className={inputClass}>
              {AFTER_SALES_KINDS.filter((k) => parcel.status !== "PENDING" || k === "REFUND_ONLY").map((k) => (
                <option key={k} value={k}>
                  {AFTER_SALES_KIND_LABELS[k]}
                  {k === "RETURN_AND_REFUND" ? "（寄回商品，合作社收到后退款）" : parcel.status === "PENDING" ? "（包裹未发货：同意后这几件不再发出）" : "（不退货）"}
                </option>
              ))}
            </select>
          </Field>
          <Field label="件数" name="quantity" error={err("quantity")}>
            <input id="quantity" inputMode="numeric" {...register("quantity")} aria-invalid={!!err("quantity")} className={inputClass} />
          </Field>
          <Field label="原因" name="reason" error={err("reason")} hint="例如：运输中压坏 2 个、与描述不符">
            <textarea id="reason" rows={3} {...register("reason")} aria-invalid={!!err("reason")} className={inputClass} />
          </Field>
          <Field label={`照片（选填，最多 ${MAX_PHOTOS} 张，JPEG / PNG / WebP，每张不超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB）`} name="photos" error={err("photos")}>
            <input id="photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" className="text-sm" />
          </Field>
          <button type="submit" disabled={busy} className={buttonClass}>
            提交申请
          </button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "申请售后 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
