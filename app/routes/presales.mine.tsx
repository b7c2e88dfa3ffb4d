import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import * as z from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orderStatusLabel } from "~/models/orders/status";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorBody, isDomainError, throwAsResponse } from "~/lib/errors";
import { formatFen } from "~/lib/money";
import { paymentStep } from "~/models/orders/payment.server";
import { cancelAfterSlip, myPreorders, payBalance } from "~/models/presales/preorder.server";
import { PREORDER_STAGES, type PreorderStage } from "~/models/presales/stages";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preorders: await myPreorders({ id: user.id, organizationId: user.organizationId }), isOrgMember: Boolean(user.organizationId) }, { headers: { "Cache-Control": "private, no-store" } });
}

const intentSchema = z.object({ intent: z.enum(["balance", "cancel"]), preorderId: z.string().min(1), method: z.enum(["CARD", "BANK_TRANSFER"]).default("CARD") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = intentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return redirect("/presales/mine", { headers: await flash(request, "请求无效") });
  const buyer = { id: user.id, organizationId: user.organizationId };
  try {
    if (parsed.data.intent === "cancel") {
      const { refundedFen } = await cancelAfterSlip({ buyer, preorderId: parsed.data.preorderId });
      return redirect("/presales/mine", { headers: await flash(request, refundedFen ? `已取消，${formatFen(refundedFen)} 将原路退回` : "已取消，退款处理中") });
    }
    const order = await payBalance({ buyer, preorderId: parsed.data.preorderId, method: parsed.data.method });
    if (parsed.data.method === "BANK_TRANSFER") return redirect(`/orders/${order.number}`, { headers: await flash(request, "请在截止日前按订单页的账户信息对公转账") });
    const next = await paymentStep(order.id, request, "/presales/mine");
    return redirect(next.to, next.message ? { headers: await flash(request, next.message) } : undefined);
  } catch (error) {
    if (isDomainError(error) && error.status !== 404) return redirect("/presales/mine", { headers: await flash(request, errorBody(error).error) });
    throwAsResponse(error);
  }
}

export default function MyPreorders() {
  const { preorders, isOrgMember } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">我的预订 · 订单农业</h1>
      {preorders.length === 0 ? <p className="text-stone-600">还没有预订。<Link to="/presales" className="text-brand-700 underline">看看预售</Link></p> : null}
      <ul className="space-y-3">
        {preorders.map((p) => {
          const unit = p.mode === "FULL" ? p.presale.priceFen : (p.presale.depositFen ?? 0);
          return (
            <li key={p.id} className="space-y-1 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="preorder">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold"><Link to={`/presales/${p.presale.slug}`} className="hover:underline">{p.presale.name}</Link></h2>
                <span data-testid="preorder-stage">{p.balancePaid && !p.parcel ? "尾款已付，待发货" : PREORDER_STAGES[p.stage as PreorderStage]}</span>
              </div>
              <p className="text-stone-600">
                预订 {p.quantity} × {p.presale.unit} · {p.mode === "FULL" ? "全款" : "定金"} {formatFen(p.quantity * unit)} · 订单
                <Link to={`/orders/${p.firstOrder.number}`} className="ml-1 underline">{p.firstOrder.number}</Link>（{orderStatusLabel(p.firstOrder.status)}）
              </p>
              {p.filledQty !== null ? (
                <p data-testid="preorder-fill">
                  配到 {p.filledQty} 份{p.firstOrder.refundedFen ? `，已退款 ${formatFen(p.firstOrder.refundedFen)}` : ""}
                  {p.balanceOrder ? ` · 尾款订单 ${p.balanceOrder.number}（${orderStatusLabel(p.balanceOrder.status)}）` : ""}
                </p>
              ) : (
                <p className="text-stone-600">预计 {p.presale.harvestFrom} 至 {p.presale.harvestTo} 采收</p>
              )}
              {p.parcel ? <p className="text-emerald-800">已发货：{p.parcel.courier} {p.parcel.trackingNumber}</p> : null}
              {p.canPayBalance ? (
                <Form method="post" className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="intent" value="balance" />
                  <input type="hidden" name="preorderId" value={p.id} />
                  <span>尾款 {formatFen((p.filledQty ?? 0) * (p.presale.priceFen - (p.presale.depositFen ?? 0)))}，请在 {p.balanceDueAt ? formatChinaDateTime(new Date(p.balanceDueAt)) : ""} 前支付</span>
                  {isOrgMember ? (
                    <select name="method" aria-label="尾款付款方式" className="rounded border border-stone-300 px-1 py-0.5">
                      <option value="CARD">在线支付</option>
                      <option value="BANK_TRANSFER">对公转账</option>
                    </select>
                  ) : null}
                  <button className="rounded bg-brand-600 px-3 py-1 text-white" disabled={navigation.state !== "idle"}>支付尾款</button>
                </Form>
              ) : null}
              {p.canCancel ? (
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="preorderId" value={p.id} />
                  <span className="text-amber-800">采收期已推迟，您可以取消并获全额退款。</span>
                  <button className="rounded border border-red-300 px-3 py-1 text-red-700" disabled={navigation.state !== "idle"}>取消并退款</button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "我的预订 · 订单农业 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
