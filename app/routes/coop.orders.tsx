import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { ActionMessage } from "~/components/action-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { Pagination } from "~/components/pagination";
import { CourierSelect, ParcelCard } from "~/components/parcel-parts";
import { RowErrors } from "~/components/row-errors";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import type { RowError } from "~/lib/spreadsheet.server";
import { AFTER_SALES_KIND_LABELS, type AfterSalesKind } from "~/models/after-sales/status";
import { ratingSummaries } from "~/models/coops/rating.server";
import { shipParcelSchema } from "~/models/parcels/parcel.schema";
import { importShippingFile } from "~/models/parcels/shipping-import.server";
import { shipParcel } from "~/models/parcels/shipping.server";
import { COOP_PARCEL_TABS, MAX_SHIPPING_FILE_BYTES, MAX_SHIPPING_ROWS, SHIP_WITHIN_HOURS, type CoopParcelTab } from "~/models/parcels/status";
import { coopParcels } from "~/models/parcels/view.server";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  const url = new URL(request.url);
  const raw = url.searchParams.get("tab");
  const tab: CoopParcelTab = COOP_PARCEL_TABS.includes(raw as CoopParcelTab) ? (raw as CoopParcelTab) : "pending";
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get("page")) || 1));
  const [list, ratings] = await Promise.all([coopParcels(user.coopId, tab, page), ratingSummaries([user.coopId])]);
  return json({ tab, list, rating: ratings[user.coopId] ?? null }, { headers: { "Cache-Control": "private, no-store" } });
}

type ActionData = { parcelId?: string; errors?: Record<string, string>; error?: string; rowErrors?: RowError[]; shipped?: number };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_SHIPPING_FILE_BYTES }));
    } catch {
      return json<ActionData>({ error: `文件超过 ${MAX_SHIPPING_FILE_BYTES / 1024 / 1024} MB` }, { status: 400 });
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return json<ActionData>({ error: "请选择 CSV 或 XLSX 文件" }, { status: 400 });
    try {
      const result = await importShippingFile({ coopId: user.coopId, actorId: user.id, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      if (result.errors.length) return json<ActionData>({ rowErrors: result.errors }, { status: 400 });
      return json<ActionData>({ shipped: result.shipped }, { headers: await flash(request, `已发货 ${result.shipped} 个包裹，已通知买家`) });
    } catch (error) {
      return errorResponse(error);
    }
  }
  const form = await request.formData();
  const parsed = parseForm(shipParcelSchema, form);
  if (!parsed.ok) return json<ActionData>({ parcelId: parsed.values.parcelId, errors: parsed.errors }, { status: 400 });
  try {
    await shipParcel({ coopId: user.coopId, actorId: user.id, ...parsed.data });
  } catch (error) {
    return errorResponse(error, { parcelId: parsed.data.parcelId });
  }
  return json<ActionData>({ parcelId: parsed.data.parcelId }, { headers: await flash(request, "已发货，已通知买家") });
}

const TAB_LABELS: Record<CoopParcelTab, string> = { pending: "待发货", shipped: "已发货", delivered: "已收货" };

export default function CoopOrders() {
  const { tab, list, rating } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const small = "rounded border border-stone-300 px-2 py-2 text-sm";
  return (
    <div className="mx-auto max-w-5xl space-y-5 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">订单发货</h1>
        {rating ? (
          <p className="text-sm text-stone-600">
            买家评分 <strong>{rating.average.toFixed(1)}</strong> / 5（{rating.count} 条）
          </p>
        ) : null}
      </div>
      <nav aria-label="包裹状态" className="flex gap-2 text-sm">
        {COOP_PARCEL_TABS.map((t) => (
          <Link key={t} to={`?tab=${t}`} aria-current={t === tab ? "page" : undefined} className={`rounded-full px-3 py-2 ${t === tab ? "bg-stone-800 text-white" : "bg-stone-100"}`}>
            {TAB_LABELS[t]}（{list.counts[t]}）
          </Link>
        ))}
      </nav>

      {tab === "pending" ? (
        <section aria-labelledby="batch-h" className="space-y-3 rounded-lg border border-stone-200 bg-white p-3 text-sm">
          <h2 id="batch-h" className="font-semibold">
            打印与批量发货
          </h2>
          <p className="flex flex-wrap gap-4">
            <a href="/coop/orders/pick-list.pdf" className="text-brand-700 underline">
              拣货单（PDF）
            </a>
            <a href="/coop/orders/packing-slips.pdf" className="text-brand-700 underline">
              装箱单（PDF，每包裹一页）
            </a>
            <a href="/coop/orders/shipping-template.csv" className="text-brand-700 underline">
              发货表模板（含全部待发货包裹）
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2">
            <Field label={`上传发货表（CSV 或 XLSX：包裹号、快递公司、运单号，最多 ${MAX_SHIPPING_ROWS} 行）`} name="file">
              <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" />
            </Field>
            <button disabled={busy} className={buttonClass}>
              校验并发货
            </button>
          </Form>
          {actionData?.rowErrors ? <RowErrors errors={actionData.rowErrors} nothingOf="包裹（没有包裹被标记发货）" /> : null}
          {actionData?.error && !actionData.parcelId ? (
            <p role="alert" className="text-red-700">
              {actionData.error}
            </p>
          ) : null}
        </section>
      ) : null}

      {list.parcels.length === 0 ? <p className="py-6 text-center text-stone-500">没有{TAB_LABELS[tab]}的包裹。</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {list.parcels.map((p) => {
          const mine = actionData?.parcelId === p.id;
          return (
            <ParcelCard key={p.id} parcel={p} showMobile>
              <p className="text-xs text-stone-500">
                订单 {p.orderNumber}
                {p.paidAt ? ` · 付款 ${formatChinaDateTime(p.paidAt)}` : ""}
                {p.overdue ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 font-medium text-red-800">已超 {SHIP_WITHIN_HOURS} 小时未发货</span> : null}
              </p>
              {p.afterSales.length ? (
                <p className="rounded bg-amber-50 px-2 py-1 text-amber-900">
                  买家有 {p.afterSales.length} 个售后申请待处理（{p.afterSales.map((r) => `${AFTER_SALES_KIND_LABELS[r.kind as AfterSalesKind] ?? r.kind} ${r.quantity} 件`).join("、")}），请先到
                  <Link to="/coop/after-sales" className="mx-1 underline">
                    售后
                  </Link>
                  处理
                </p>
              ) : null}
              {p.status === "PENDING" ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="parcelId" value={p.id} />
                  <label className="flex flex-col">
                    快递公司
                    <CourierSelect className={small} />
                  </label>
                  <label className="flex min-w-40 flex-1 flex-col">
                    运单号
                    <input name="trackingNumber" autoComplete="off" aria-invalid={mine && !!actionData?.errors?.trackingNumber} className={small} />
                  </label>
                  <button disabled={busy} className="rounded bg-brand-600 px-4 py-2 text-white">
                    发货
                  </button>
                  <ActionMessage result={actionData} of={actionData?.parcelId} id={p.id} />
                </Form>
              ) : null}
            </ParcelCard>
          );
        })}
      </div>
      <Pagination page={list.page} pageCount={list.pages} href={(n) => `?tab=${tab}&page=${n}`} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "订单发货 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
