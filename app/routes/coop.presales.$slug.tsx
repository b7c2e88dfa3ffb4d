import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { ShipForm } from "~/components/scheme-cards";
import { formatChinaDateTime } from "~/lib/china-time";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { presaleHarvestSchema, shipPreorderSchema, slipSchema } from "~/models/presales/preorder.schema";
import { announceSlip, coopPresaleView, closeAndDecide, recordPresaleHarvest, shipPreorder } from "~/models/presales/harvest.server";
import { orderStatusLabel, STANDING_STATUSES, type OrderStatus } from "~/models/orders/status";
import { PREORDER_STAGES, PRESALE_STATUSES, type PreorderStage, type PresaleStatus } from "~/models/presales/stages";
import { flash, requireCoopManager } from "~/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ presale: await coopPresaleView(user.coopId, params.slug ?? "").catch(throwAsResponse), now: new Date().toISOString() }, { headers: { "Cache-Control": "private, no-store" } });
}

type Result = { intent: string; errors?: Record<string, string>; error?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoopManager(request);
  const slug = params.slug ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const values = Object.fromEntries(form) as Record<string, string>;
  try {
    if (intent === "decide") {
      const status = await closeAndDecide(user.coopId, slug);
      return json<Result>({ intent }, { headers: await flash(request, status === "GOING_AHEAD" ? "已成团，已通知全部买家" : "未达起订量，已全额退款并通知买家") });
    }
    if (intent === "slip") {
      const parsed = parseForm(slipSchema, form);
      if (!parsed.ok) return json<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await announceSlip({ coopId: user.coopId, slug, ...parsed.data });
      return json<Result>({ intent }, { headers: await flash(request, "已通知全部买家新的采收期，买家可选择取消并全额退款") });
    }
    if (intent === "harvest") {
      const parsed = parseForm(presaleHarvestSchema, form);
      if (!parsed.ok) return json<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      const result = await recordPresaleHarvest({ coopId: user.coopId, slug, quantity: parsed.data.quantity, actorId: user.id });
      const failed = result.refunds.failed.length ? `；${result.refunds.failed.length} 笔退款暂未成功，系统会自动重试` : "";
      return json<Result>({ intent }, { headers: await flash(request, `已按付款先后配货 ${result.filled} 份，自动退款 ${formatFen(result.refunds.refundedFen)}${failed}`) });
    }
    if (intent === "ship") {
      const parsed = parseForm(shipPreorderSchema, form);
      if (!parsed.ok) return json<Result>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await shipPreorder({ coopId: user.coopId, actorId: user.id, ...parsed.data });
      return json<Result>({ intent }, { headers: await flash(request, "已登记发货，买家会收到通知") });
    }
  } catch (error) {
    return errorResponse(error, { intent, values });
  }
  return json<Result>({ intent, error: "请求无效" }, { status: 400 });
}

export default function CoopPresale() {
  const { presale, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const closed = new Date(presale.closesAt) <= new Date(now);
  const before = presale.status === "OPEN" || presale.status === "GOING_AHEAD";
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <div>
        <Link to="/coop/presales" className="text-sm text-brand-700 hover:underline">← 订单农业</Link>
        <h1 className="text-2xl font-bold">{presale.name}</h1>
        <p className="text-sm text-stone-600">
          {PRESALE_STATUSES[presale.status as PresaleStatus]} · 计划 {presale.committedQty} 份、余 {presale.variant.stock} 份、起订 {presale.minimumQty} 份 ·
          截止 {formatChinaDateTime(new Date(presale.closesAt))} · 预计采收 {presale.harvestFrom} 至 {presale.harvestTo}
          {presale.harvestQty !== null ? ` · 实际采收 ${presale.harvestQty} 份` : ""}
        </p>
      </div>
      {result?.error && !result.errors ? <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">{result.error}</p> : null}

      {presale.status === "OPEN" ? (
        <Form method="post" className="rounded border border-stone-200 bg-white p-3 text-sm">
          <input type="hidden" name="intent" value="decide" />
          {closed ? "预售已截止：" : "提前截止预订："}确认是否成团（已订 {presale.committedQty - presale.variant.stock} 份，起订 {presale.minimumQty} 份；未达起订量将全额退款）。
          <button className="ml-2 rounded bg-stone-800 px-3 py-1 text-white" disabled={busy}>{closed ? "确认成团" : "截止并确认成团"}</button>
        </Form>
      ) : null}

      {before ? (
        <div className="grid gap-4 md:grid-cols-2">
          <SlipForm presale={presale} result={result?.intent === "slip" ? result : undefined} busy={busy} />
          {presale.status === "GOING_AHEAD" ? (
            <HarvestForm balanceDays={presale.balanceDays} result={result?.intent === "harvest" ? result : undefined} busy={busy} />
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="orders" className="space-y-2">
        <h2 id="orders" className="text-lg font-semibold">预订（按付款先后）</h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left text-sm [&_td]:px-2 [&_th]:px-2">
            <thead className="border-b border-stone-300 text-stone-500">
              <tr><th className="py-1">订单</th><th>付款</th><th className="text-right">预订 / 配到</th><th>阶段</th><th>收件</th><th>发货</th></tr>
            </thead>
            <tbody>
              {presale.orders.map((o) => {
                const balancePaid = o.balanceOrder && STANDING_STATUSES.includes(o.balanceOrder.status as OrderStatus);
                const shippable = !o.parcelId && (o.stage === "FILLED" || (o.stage === "AWAITING_BALANCE" && balancePaid));
                return (
                  <tr key={o.id} className="border-b border-stone-100 align-top">
                    <td className="whitespace-nowrap py-1.5 font-mono">{o.firstOrder.number}</td>
                    <td>{o.mode === "FULL" ? "全款" : "定金"} {formatFen(o.firstOrder.totalFen)} · {orderStatusLabel(o.firstOrder.status)}{o.firstOrder.refundedFen ? `（退 ${formatFen(o.firstOrder.refundedFen)}）` : ""}</td>
                    <td className="text-right tabular-nums">{o.quantity} / {o.filledQty ?? "—"}</td>
                    <td>{balancePaid ? "尾款已付" : PREORDER_STAGES[o.stage as PreorderStage]}</td>
                    <td>{o.recipient}（{o.city}{o.district}）</td>
                    <td>
                      {o.parcelId ? "已发货" : shippable ? (
                        <ShipForm hidden={{ intent: "ship", preorderId: o.id }} busy={busy} label="发货" />
                      ) : "—"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {result?.intent === "ship" && result.errors ? <p role="alert" className="text-sm text-red-700">{Object.values(result.errors).join("；")}</p> : null}
      </section>

      {presale.notices.length ? (
        <section aria-labelledby="notices" className="space-y-1 text-sm">
          <h2 id="notices" className="text-lg font-semibold">已发出的通知</h2>
          <ul className="space-y-1">{presale.notices.map((n) => <li key={n.id}>{formatChinaDateTime(new Date(n.createdAt))}：{n.text}</li>)}</ul>
        </section>
      ) : null}
    </div>
  );
}

function SlipForm({ presale, result, busy }: { presale: { harvestFrom: string; harvestTo: string }; result?: Result; busy: boolean }) {
  const form = useValidatedForm(slipSchema, result, { harvestFrom: presale.harvestFrom, harvestTo: presale.harvestTo, note: "" });
  const errors = form.formState.errors;
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 className="font-semibold">采收期推迟</h2>
      <input type="hidden" name="intent" value="slip" />
      <div className="grid grid-cols-2 gap-2">
        <Field label="新的开始日期" name="harvestFrom" error={errors.harvestFrom?.message}>
          <input id="harvestFrom" type="date" className={inputClass} {...form.register("harvestFrom")} />
        </Field>
        <Field label="新的结束日期" name="harvestTo" error={errors.harvestTo?.message}>
          <input id="harvestTo" type="date" className={inputClass} {...form.register("harvestTo")} />
        </Field>
      </div>
      <Field label="原因（会发给全部买家）" name="note" error={errors.note?.message}>
        <input id="note" className={inputClass} aria-invalid={Boolean(errors.note)} {...form.register("note")} />
      </Field>
      <button className={buttonClass} disabled={busy}>通知买家</button>
    </Form>
  );
}

function HarvestForm({ balanceDays, result, busy }: { balanceDays: number; result?: Result; busy: boolean }) {
  const form = useValidatedForm(presaleHarvestSchema, result, { quantity: "" });
  const errors = form.formState.errors;
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 className="font-semibold">登记实际采收</h2>
      <p className="text-stone-600">按付款先后配货；未配到的部分（全款或定金）自动原路退款，定金买家按配到的份数付尾款（{balanceDays} 天内）。</p>
      <input type="hidden" name="intent" value="harvest" />
      <Field label="实际采收（份）" name="quantity" error={errors.quantity?.message}>
        <input id="quantity" inputMode="numeric" className={inputClass} aria-invalid={Boolean(errors.quantity)} {...form.register("quantity")} />
      </Field>
      <button className={buttonClass} disabled={busy}>登记并配货</button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "预售管理 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
