// The co-op's packing papers: a pick list (what to take off the shelf for every parcel waiting)
// and packing slips (one page per parcel, to put in the box, with the trace QR code of each batch
// the parcel's goods came from, so the buyer can scan where they were grown).
import { formatChinaDateTime } from "~/lib/china-time";
import { pdfDate, pdfTable, renderPdf } from "~/lib/pdf.server";
import { maskMobile } from "~/lib/phone";
import { qrPng } from "~/lib/qr.server";
import type { LineBatches } from "~/models/batches/allocation.server";
import type { ParcelToPack } from "~/models/parcels/view.server";

/** QR codes per slip; more batches than this are listed by code only. */
const QR_PER_SLIP = 3;
const QR_SIZE = 72;

export function pickListPdf(coopName: string, parcels: ParcelToPack[], now = new Date()) {
  const bySku = new Map<string, { label: string; quantity: number; parcels: number }>();
  for (const p of parcels) {
    for (const i of p.items) {
      const sku = i.orderLine.variant.sku;
      const row = bySku.get(sku) ?? { label: `${i.orderLine.productName} · ${i.orderLine.variantName}`, quantity: 0, parcels: 0 };
      row.quantity += i.quantity;
      row.parcels += 1;
      bySku.set(sku, row);
    }
  }
  return renderPdf((doc) => {
    doc.fontSize(18).text(`拣货单 · ${coopName}`, { align: "center" });
    doc.fontSize(10).fillColor("#555").text(`${formatChinaDateTime(now)} 生成 · 待发货包裹 ${parcels.length} 个`, { align: "center" }).fillColor("#000").moveDown();
    pdfTable(
      doc,
      [150, 235, 55, 55],
      [["SKU", "商品 / 规格", "数量", "包裹数"], ...[...bySku].sort(([a], [b]) => a.localeCompare(b)).map(([sku, r]) => [sku, r.label, String(r.quantity), String(r.parcels)])],
      ["left", "left", "right", "right"],
    );
    doc.moveDown().fontSize(12).text("包裹明细");
    pdfTable(
      doc,
      [150, 90, 255],
      [["包裹号", "收件人", "商品"], ...parcels.map((p) => [p.code, p.recipient, p.items.map((i) => `${i.orderLine.productName}·${i.orderLine.variantName} ×${i.quantity}`).join("；")])],
      ["left", "left", "left"],
    );
  });
}

export async function packingSlipsPdf(coopName: string, parcels: ParcelToPack[], trace: { batches: LineBatches; origin: string } = { batches: {}, origin: "" }) {
  const codesOf = (p: ParcelToPack) => [...new Set(p.items.flatMap((i) => (trace.batches[i.orderLine.id] ?? []).map((b) => b.code)))];
  const urlOf = (code: string) => `${trace.origin}/trace/${code}`;
  // pdfkit draws synchronously, so every QR image is made first (once per batch)
  const codes = [...new Set(parcels.flatMap((p) => codesOf(p).slice(0, QR_PER_SLIP)))];
  const images = new Map(await Promise.all(codes.map(async (code) => [code, await qrPng(urlOf(code), QR_SIZE * 3)] as const)));
  return renderPdf(
    (doc) => {
      if (parcels.length === 0) doc.fontSize(12).text(`${coopName}：没有待发货的包裹。`);
      parcels.forEach((p, index) => {
        if (index > 0) doc.addPage();
        doc.fontSize(16).text("装箱单", { align: "center" });
        doc.fontSize(10).fillColor("#555").text(`陇货通 · 甘肃消费帮扶`, { align: "center" }).fillColor("#000").moveDown(0.5);
        doc.fontSize(12).text(`包裹号：${p.code}`);
        doc.fontSize(10).text(`订单号：${p.orderNumber}${p.paidAt ? `    付款日期：${pdfDate(p.paidAt)}` : ""}`);
        doc.text(`收件人：${p.recipient}  ${maskMobile(p.mobile)}`);
        doc.text(`地址：${p.province}${p.city}${p.district}${p.street}`).moveDown(0.5);
        pdfTable(
          doc,
          [130, 180, 50],
          [["SKU", "商品 / 规格", "数量"], ...p.items.map((i) => [i.orderLine.variant.sku, `${i.orderLine.productName} · ${i.orderLine.variantName}`, String(i.quantity)])],
          ["left", "left", "right"],
        );
        const batchCodes = codesOf(p);
        if (batchCodes.length) {
          doc.moveDown(0.5).fontSize(10).text("批次溯源：扫码查看产地、合作社、合格证和带动的脱贫户");
          const top = doc.y + 4;
          batchCodes.slice(0, QR_PER_SLIP).forEach((code, k) => {
            const x = doc.page.margins.left + k * (QR_SIZE + 40);
            doc.image(images.get(code)!, x, top, { width: QR_SIZE, height: QR_SIZE });
            doc.fontSize(8).text(code, x, top + QR_SIZE + 2, { width: QR_SIZE + 30 });
          });
          doc.x = doc.page.margins.left;
          doc.y = top + QR_SIZE + 14;
          if (batchCodes.length > QR_PER_SLIP) doc.fontSize(8).text(`其他批次：${batchCodes.slice(QR_PER_SLIP).join("、")}（${trace.origin}/trace/追溯码）`);
        }
        doc.moveDown().fontSize(9).fillColor("#555").text(`发货方：${coopName}。收到货后请在陇货通“我的订单”中确认收货；商品有问题可在收货后 7 天内申请售后。`, { width: 380 });
        doc.fillColor("#000");
      });
    },
    { size: "A5", margin: 30 },
  );
}
