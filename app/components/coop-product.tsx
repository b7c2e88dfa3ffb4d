// Parts of the co-op's product page (/coop/products/<slug>) that are more than a form field:
// the status bar with its moves, the stock adjustments with their history, and the hall offers.
import { Form } from "@remix-run/react";
import type { AuditRowData } from "~/components/audit-trail";
import { fieldError, inputClass, ValidatedForm } from "~/components/form";
import { formatChinaDateTime } from "~/lib/china-time";
import { STOCK_REASON_LABELS, STOCK_REASONS, auditReason } from "~/models/audit/trail";
import { PRODUCT_MOVE_LABELS, PRODUCT_MOVES, PRODUCT_STATUS_LABELS, type ProductMove } from "~/models/coops/product-status";
import { STOCK_REASON_HINTS, stockAdjustmentSchema } from "~/models/coops/stock.schema";

export function ProductMoves({ status, error }: { status: string; error?: string }) {
  const moves = (Object.keys(PRODUCT_MOVES) as ProductMove[]).filter((m) => (PRODUCT_MOVES[m] as readonly string[]).includes(status));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className={`rounded px-2 py-0.5 text-sm ${status === "ACTIVE" ? "bg-emerald-50 text-emerald-700" : "bg-stone-100 text-stone-700"}`}>{PRODUCT_STATUS_LABELS[status] ?? status}</span>
      {moves.map((m) => (
        <Form key={m} method="post">
          <input type="hidden" name="intent" value="move" />
          <button name="move" value={m} className="rounded border border-stone-300 px-3 py-1 text-sm hover:bg-stone-50">{PRODUCT_MOVE_LABELS[m]}</button>
        </Form>
      ))}
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

interface StockVariant {
  id: string;
  name: string;
  sku: string;
  stock: number;
  lowStockThreshold: number;
}

type StockRow = AuditRowData & { variantId: string | null };

export function StockSection({
  variants,
  history,
  result,
}: {
  variants: StockVariant[];
  history: StockRow[];
  result?: { variantId?: string; errors?: Record<string, string>; values?: Record<string, string> };
}) {
  const nameOf = new Map(variants.map((v) => [v.id, v.name]));
  return (
    <section aria-labelledby="stock-heading" className="space-y-3">
      <h2 id="stock-heading" className="text-lg font-semibold">库存</h2>
      <p className="text-sm text-stone-600">每次调整都要选原因并留下记录。入库、退货入库增加件数，损耗减少件数，盘点填写清点后的实际件数；若提交时有新订单占用了库存，盘点会提示您核对。</p>
      <ul className="space-y-3">
        {variants.map((v) => {
          const mine = result?.variantId === v.id ? result : undefined;
          const low = v.lowStockThreshold > 0 && v.stock <= v.lowStockThreshold;
          const id = (name: string) => `${name}-${v.id}`;
          return (
            <li key={v.id} className="rounded-lg border border-stone-200 bg-white p-3">
              <p className="font-medium">
                {v.name} <span className="font-mono text-xs text-stone-500">{v.sku}</span>
                <span className={`ml-2 tabular-nums ${low ? "font-semibold text-red-700" : ""}`}>现有 {v.stock}</span>
                {low ? <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-700">低于提醒线 {v.lowStockThreshold}</span> : null}
              </p>
              {/* keyed by the figure it counts against: a new stock (after a save, or a 409 naming it) is a fresh form */}
              <ValidatedForm
                key={`${v.stock}-${mine?.values?.stockWas ?? ""}`}
                schema={stockAdjustmentSchema}
                server={mine}
                defaults={{ variantId: v.id, stockWas: String(v.stock), reason: "RECEIVED", quantity: "", note: "" }}
                className="mt-2 grid grid-cols-2 items-end gap-2 sm:grid-cols-[8rem_7rem_1fr_auto]"
              >
                {(form) => (
                  <>
                    <input type="hidden" name="intent" value="stock" />
                    <input type="hidden" {...form.register("variantId")} />
                    <input type="hidden" {...form.register("stockWas")} />
                    <label htmlFor={id("reason")} className="text-xs">原因
                      <select id={id("reason")} className={inputClass} {...form.register("reason")}>
                        {STOCK_REASONS.map((r) => <option key={r} value={r} title={STOCK_REASON_HINTS[r]}>{STOCK_REASON_LABELS[r]}</option>)}
                      </select>
                    </label>
                    <label htmlFor={id("quantity")} className="text-xs">数量
                      <input id={id("quantity")} inputMode="numeric" aria-invalid={Boolean(fieldError(form, "quantity"))} className={inputClass} {...form.register("quantity")} />
                    </label>
                    <label htmlFor={id("note")} className="col-span-2 text-xs sm:col-span-1">备注（选填）
                      <input id={id("note")} aria-invalid={Boolean(fieldError(form, "note"))} className={inputClass} {...form.register("note")} />
                    </label>
                    <button className="rounded bg-stone-800 px-3 py-2 text-sm text-white">调整库存</button>
                    {["quantity", "reason", "note", "stockWas", "form"].map((name) => {
                      const message = fieldError(form, name);
                      return message ? <p key={name} role="alert" className="col-span-full text-sm text-red-700">{message}</p> : null;
                    })}
                  </>
                )}
              </ValidatedForm>
            </li>
          );
        })}
      </ul>
      {history.length ? (
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">库存记录（最近 {history.length} 条）</summary>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <thead className="border-b border-stone-300 text-stone-500"><tr><th className="py-2">时间</th><th>规格</th><th>原因</th><th className="text-right">变动</th><th className="text-right">结存</th><th>操作人</th></tr></thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id} className="border-b border-stone-100">
                    <td className="whitespace-nowrap py-1.5 tabular-nums">{formatChinaDateTime(new Date(h.createdAt))}</td>
                    <td>{h.variantId ? nameOf.get(h.variantId) : ""}</td>
                    <td>{auditReason("STOCK", h.reason)}</td>
                    <td className="text-right tabular-nums">{h.delta !== null && h.delta > 0 ? `+${h.delta}` : h.delta}</td>
                    <td className="text-right tabular-nums">{h.before ?? "—"} → {h.after}</td>
                    <td>{h.actor?.name ?? "系统"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}

export function HallOffers({ halls, listed, offered, error }: { halls: { id: string; slogan: string; name: string }[]; listed: string[]; offered: string[]; error?: string }) {
  return (
    <section aria-labelledby="halls-heading" className="space-y-2">
      <h2 id="halls-heading" className="text-lg font-semibold">体验馆陈列</h2>
      <p className="text-sm text-stone-600">申请在东部体验馆陈列，平台工作人员确认后出现在该馆页面；在售商品任何时候都能被搜索到。</p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {halls.map((h) => (
          <li key={h.id} className="flex items-center justify-between gap-2 rounded border border-stone-200 bg-white px-3 py-2 text-sm">
            <span>{h.slogan}<span className="block text-xs text-stone-500">{h.name}</span></span>
            {listed.includes(h.id) ? (
              <span className="text-emerald-700">已陈列</span>
            ) : offered.includes(h.id) ? (
              <span className="text-amber-700">待平台确认</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="offer" />
                <button name="hallId" value={h.id} className="rounded border border-brand-600 px-2 py-1 text-brand-700">申请陈列</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </section>
  );
}
