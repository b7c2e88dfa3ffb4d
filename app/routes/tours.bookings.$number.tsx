import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orderStatusLabel } from "~/models/orders/status";
import { errorBody, isDomainError, throwAsResponse } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { buyerBooking, cancelBooking } from "~/models/tours/booking.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const booking = await buyerBooking(user.id, params.number ?? "").catch(throwAsResponse);
  return json({ booking }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  try {
    const { refundFen, percent } = await cancelBooking({ buyerId: user.id, orderNumber: number });
    return redirect(`/tours/bookings/${number}`, { headers: await flash(request, refundFen ? `已取消，按规则退还 ${percent}%：${formatFen(refundFen)}，将原路退回` : "已取消，座位已释放") });
  } catch (error) {
    if (!isDomainError(error) || error.status === 404) throwAsResponse(error);
    return redirect(`/tours/bookings/${number}`, { headers: await flash(request, errorBody(error).error) });
  }
}

export default function BookingPage() {
  const { booking } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const q = booking.quote;
  const cancelled = booking.cancelledAt || booking.order.status === "CANCELLED";
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div>
        <Link to={`/tours/${booking.departure.package.slug}`} className="text-sm text-brand-700 hover:underline">← {booking.departure.package.name}</Link>
        <h1 className="text-2xl font-bold">我的预订 · {booking.departure.departOn} 出发</h1>
        <p className="text-sm text-stone-600">
          订单 <Link to={`/orders/${booking.order.number}`} className="underline">{booking.order.number}</Link> · {orderStatusLabel(booking.order.status)}
          {cancelled ? " · 已取消" : ""} · {booking.seats} 人 · {formatFen(booking.order.totalFen)}
          {booking.order.refundedFen ? `（已退 ${formatFen(booking.order.refundedFen)}）` : ""}
        </p>
        <p className="text-sm text-stone-600">组织方：{booking.departure.package.coop.name}（{booking.departure.package.coop.contactPhone}）</p>
      </div>
      <section aria-labelledby="travellers">
        <h2 id="travellers" className="mb-2 text-lg font-semibold">游客</h2>
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500"><tr><th className="py-1">姓名</th><th>手机号</th><th>身份证号</th></tr></thead>
          <tbody>
            {booking.travellers.map((t) => (
              <tr key={t.idMasked + t.name} className="border-b border-stone-100"><td className="py-1">{t.name}</td><td>{t.mobile}</td><td className="font-mono">{t.idMasked}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      {booking.order.status === "PENDING_PAYMENT" && !cancelled ? (
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          待付款：座位保留中。<Link to={`/orders/${booking.order.number}`} className="underline">去付款</Link>
        </p>
      ) : null}
      {q.cancellable ? (
        <Form method="post" className="flex flex-wrap items-center gap-3 rounded border border-stone-200 bg-white p-3 text-sm">
          <span>
            {q.unpaid ? "取消未付款的预订，座位立即释放。" : `现在取消（出发前 ${q.days} 天）：退还 ${q.percent}%，即 ${formatFen(q.refundFen)}。`}
          </span>
          <button className="rounded border border-red-300 px-3 py-1 text-red-700 hover:bg-red-50" disabled={navigation.state !== "idle"}>取消预订</button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的预订 · 乡村旅游 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
