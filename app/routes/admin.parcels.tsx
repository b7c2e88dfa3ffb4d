import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { ActionMessage } from "~/components/action-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatChinaDateTime } from "~/lib/china-time";
import { CourierSelect, ParcelCard } from "~/components/parcel-parts";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { shipParcelSchema } from "~/models/parcels/parcel.schema";
import { shipParcel } from "~/models/parcels/shipping.server";
import { SHIP_WITHIN_HOURS } from "~/models/parcels/status";
import { overdueParcels } from "~/models/parcels/view.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json(await overdueParcels());
}

type ActionData = { parcelId: string | null; error?: string; errors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUser(request, "staff");
  const parsed = parseForm(shipParcelSchema, await request.formData());
  if (!parsed.ok) return json<ActionData>({ parcelId: parsed.values.parcelId ?? null, errors: parsed.errors }, { status: 400 });
  try {
    await shipParcel({ coopId: null, actorId: staff.id, ...parsed.data });
  } catch (error) {
    return errorResponse(error, { parcelId: parsed.data.parcelId });
  }
  return json<ActionData>({ parcelId: parsed.data.parcelId }, { headers: await flash(request, "已代合作社发货，已通知买家") });
}

export default function AdminParcels() {
  const { parcels, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const busy = useNavigation().state !== "idle";
  const small = "rounded border border-stone-300 px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">超时未发货</h1>
      <p className="text-sm text-stone-600">
        付款后超过 {SHIP_WITHIN_HOURS} 小时仍未发货的包裹（{total} 个），最早付款的在前。请联系合作社，或在核实后代为发货。
      </p>
      {parcels.length === 0 ? <p className="text-stone-500">没有超时未发货的包裹。</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {parcels.map((p) => {
          return (
            <ParcelCard key={p.id} parcel={p} showMobile>
              <p className="text-xs text-stone-500">
                <Link to={`/admin/orders/${p.orderNumber}`} className="text-brand-700 underline">
                  订单 {p.orderNumber}
                </Link>
                {p.paidAt ? ` · 付款 ${formatChinaDateTime(p.paidAt)}` : ""}
              </p>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="parcelId" value={p.id} />
                <CourierSelect className={small} />
                <input name="trackingNumber" aria-label="运单号" placeholder="运单号" className={small} />
                <button disabled={busy} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white">
                  代合作社发货
                </button>
              </Form>
              <ActionMessage result={actionData} of={actionData?.parcelId} id={p.id} />
            </ParcelCard>
          );
        })}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "超时未发货 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
