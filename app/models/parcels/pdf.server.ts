// The co-op's packing papers: a pick list (what to take off the shelf for every parcel waiting)
// and packing slips (one page per parcel, to put in the box).
import { formatChinaDateTime } from "~/lib/china-time";
import { pdfDate, pdfTable, renderPdf } from "~/lib/pdf.server";
import { maskMobile } from "~/lib/phone";
import type { ParcelToPack } from "~/models/parcels/view.server";

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

export function packingSlipsPdf(coopName: string, parcels: ParcelToPack[]) {
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
        doc.moveDown().fontSize(9).fillColor("#555").text(`发货方：${coopName}。收到货后请在陇货通“我的订单”中确认收货；商品有问题可在收货后 7 天内申请售后。`, { width: 380 });
        doc.fillColor("#000");
      });
    },
    { size: "A5", margin: 30 },
  );
}
