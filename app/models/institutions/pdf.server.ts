// PDFs for institutions: the proforma invoice for a bank transfer and the pledge statement.
import { formatFen } from "~/lib/money";
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
  invoiceType: string | null;
  invoiceTitle: string | null;
  invoiceTaxNo: string | null;
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
    if (order.invoiceType) {
      doc.fontSize(10).text(`发票申请：${order.invoiceType === "SPECIAL" ? "增值税专用发票" : "增值税普通发票"}；抬头 ${order.invoiceTitle ?? ""}；税号 ${order.invoiceTaxNo ?? ""}。款项到账后开具。`);
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
