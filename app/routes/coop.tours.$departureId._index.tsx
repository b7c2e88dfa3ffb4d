import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orderStatusLabel } from "~/models/orders/status";
import { throwAsResponse } from "~/lib/errors";
import { operatorDeparture } from "~/models/tours/operator.server";
import { requireCoopManager } from "~/session.server";

// Masked numbers only: the full ones are in the manifest downloads.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json(await operatorDeparture(user.coopId, params.departureId ?? "").catch(throwAsResponse), { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopDeparture() {
  const { departure, bookings } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div>
        <Link to="/coop/tours" className="text-sm text-brand-700 hover:underline">← 团期</Link>
        <h1 className="text-2xl font-bold">{departure.package.name} · {departure.departOn}</h1>
        <p className="text-sm text-stone-600">
          {departure.departOn} 至 {departure.returnOn} · 余 {departure.variant.stock} / {departure.capacity} 座 · 游客名单（含完整身份证号）：
          <a href={`/coop/tours/${departure.id}/manifest.pdf`} className="ml-1 text-brand-700 underline">PDF</a>
          <a href={`/coop/tours/${departure.id}/manifest.xlsx`} className="ml-2 text-brand-700 underline">XLSX</a>
        </p>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-500"><tr><th className="py-1">订单</th><th>状态</th><th>游客</th></tr></thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.order.number} className="border-b border-stone-100 align-top">
              <td className="py-1.5 font-mono">{b.order.number}</td>
              <td>{b.cancelledAt ? "已取消" : orderStatusLabel(b.order.status)}</td>
              <td>
                <ul>{b.travellers.map((t) => <li key={t.idMasked + t.name}>{t.name} · {t.mobile} · <span className="font-mono">{t.idMasked}</span></li>)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "团期 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
