// PDFs for institutions: the proforma invoice for a bank transfer, the pledge statement and gift cards.
import { formatFen } from "~/lib/money";
import { qrPng } from "~/lib/qr.server";
import { pdfDate as dateCn, pdfTable as table, renderPdf as render } from "~/lib/pdf.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";
import type { PledgeProgress } from "~/models/institutions/pledge.server";

export interface ProformaOrder {
  number: string;
  paymentRef: string | null;
  createdAt: Date;
  reservedUntil: Date | null;
  totalFen: number;
  poNumber: string | null;
  costCentre: string | null;
  invoiceRequest: { type: string; title: string; taxNumber: string | null } | null;
  organization: { name: string; taxNumber: string } | null;
  lines: { productName: string; variantName: string; quantity: number; unitPriceFen: number; lineTotalFen: number }[];
}

export function proformaInvoicePdf(order: ProformaOrder): Promise<Buffer> {
  const reference = order.paymentRef ?? order.number;
  return render((doc) => {
    doc.fontSize(20).text("形式发票（付款通知书）", { align: "center" });
    doc.fontSize(10).fillColor("#555").text("PROFORMA INVOICE · 本单据不作为增值税发票", { align: "center" }).fillColor("#000").moveDown();
    doc.fontSize(11);
    doc.text(`订单号：${order.number}        开具日期：${dateCn(order.createdAt)}`);
    doc.text(`采购单位：${order.organization?.name ?? ""}（税号 ${order.organization?.taxNumber ?? ""}）`);
    if (order.poNumber || order.costCentre) doc.text(`采购单号（PO）：${order.poNumber ?? "—"}        成本中心：${order.costCentre ?? "—"}`);
    doc.moveDown(0.5);
    table(
      doc,
      [215, 70, 100, 110],
      [["商品 / 规格", "数量", "单价", "金额"], ...order.lines.map((l) => [`${l.productName} ${l.variantName}`, String(l.quantity), formatFen(l.unitPriceFen), formatFen(l.lineTotalFen)])],
      ["left", "right", "right", "right"],
    );
    doc.moveDown(0.5).fontSize(13).text(`应付总额：${formatFen(order.totalFen)}`, { align: "right" });
    doc.moveDown();
    doc.fontSize(12).text("请通过对公转账支付至：");
    doc.fontSize(11).text(`收款单位：${PLATFORM_BANK.payee}`).text(`开户银行：${PLATFORM_BANK.bank}`).text(`银行账号：${PLATFORM_BANK.account}`);
    doc.moveDown(0.5).fontSize(13).fillColor("#b45309").text(`付款用途/附言请务必填写：${reference}`).fillColor("#000");
    if (order.reservedUntil) doc.fontSize(10).text(`库存保留至 ${dateCn(order.reservedUntil)}，逾期未到账订单将自动取消。`);
    doc.moveDown();
    if (order.invoiceRequest) {
      const r = order.invoiceRequest;
      doc.fontSize(10).text(`发票申请：${r.type === "SPECIAL" ? "增值税专用发票" : "增值税普通发票"}；抬头 ${r.title}；税号 ${r.taxNumber ?? "—"}。款项到账后开具。`);
    }
    doc.fontSize(9).fillColor("#555").text("陇货通 · 甘肃消费帮扶电商平台。每一笔采购都按产地县、合作社和脱贫户记账。");
  });
}

export function pledgeStatementPdf(org: { name: string; creditCode: string }, progress: PledgeProgress, issuedAt = new Date()): Promise<Buffer> {
  return render((doc) => {
    doc.fontSize(22).text("消费帮扶采购证明", { align: "center" }).moveDown(0.3);
    doc.fontSize(11).fillColor("#555").text(`${progress.year} 年度`, { align: "center" }).fillColor("#000").moveDown();
    doc.fontSize(12).text(
      `兹证明 ${org.name}（统一社会信用代码 ${org.creditCode}）于 ${progress.year} 年通过陇货通平台采购甘肃脱贫地区特色产品，` +
        `已付款金额合计 ${formatFen(progress.purchasedFen)}（已扣除退款）` +
        (progress.targetFen ? `，年度认购目标 ${formatFen(progress.targetFen)}，完成 ${progress.percent}%。` : "。"),
      { lineGap: 4 },
    );
    doc.moveDown();
    doc.fontSize(12).text("按产地县统计");
    table(doc, [200, 150, 145], [["县（区）", "所属市州", "金额"], ...progress.byCounty.map((c) => [c.county, c.prefecture, formatFen(c.fen)])], ["left", "left", "right"]);
    doc.moveDown().fontSize(12).text("按月份统计");
    table(doc, [200, 295], [["月份", "金额"], ...progress.byMonth.filter((m) => m.fen !== 0).map((m) => [`${m.month} 月`, formatFen(m.fen)])], ["left", "right"]);
    doc.moveDown(2).fontSize(11).text("陇货通 · 甘肃消费帮扶电商平台", { align: "right" }).text(`出具日期：${dateCn(issuedAt)}`, { align: "right" });
    doc.moveDown().fontSize(9).fillColor("#555").text("数据来自平台订单与收款记录，可凭订单号在平台核验。");
  });
}

/** One printable card per code (8 to an A4 page, to cut): the gift, the code, its link and QR. */
export async function giftCardsPdf(input: { from: string; until: string; cards: { code: string; gift: string; url: string }[] }): Promise<Buffer> {
  // pdfkit draws synchronously, so every QR image is made first
  const images = await Promise.all(input.cards.map((c) => qrPng(c.url, 300)));
  const cols = 2;
  const rows = 4;
  return render(
    (doc) => {
      const { left, top } = doc.page.margins;
      const w = (doc.page.width - left * 2) / cols;
      const h = (doc.page.height - top * 2) / rows;
      input.cards.forEach((card, i) => {
        if (i > 0 && i % (cols * rows) === 0) doc.addPage();
        const x = left + (i % cols) * w;
        const y = top + (Math.floor(i / cols) % rows) * h;
        doc.save().dash(3, { space: 3 }).rect(x, y, w, h).strokeColor("#aaa").stroke().restore();
        const pad = 10;
        const qr = 90;
        doc.image(images[i], x + w - qr - pad, y + pad, { width: qr, height: qr });
        const textWidth = w - qr - pad * 3;
        doc.fillColor("#000").fontSize(13).text("消费帮扶 · 节日慰问品", x + pad, y + pad, { width: textWidth });
        doc.fontSize(9).fillColor("#555").text(input.from, { width: textWidth }).fillColor("#000").moveDown(0.3);
        doc.fontSize(10).text(card.gift, { width: textWidth });
        doc.moveDown(0.3).fontSize(12).text(card.code, { width: textWidth, characterSpacing: 0.5 });
        doc.fontSize(8).fillColor("#555").text(`有效期至 ${input.until}`, { width: textWidth });
        doc.fontSize(8).text("扫码或打开下面的链接，填写收货地址，合作社直接寄出：", x + pad, y + qr + pad * 2, { width: w - pad * 2 });
        doc.fontSize(7).fillColor("#000").text(card.url, { width: w - pad * 2 });
      });
      doc.x = left;
    },
    { margin: 30 },
  );
}
