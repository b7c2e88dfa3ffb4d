// PDFs for institutions: the proforma invoice for a bank transfer, the acceptance form (验收单) of a
// delivered order and the pledge certificate. What a 机关 accountant or an assessment reviewer checks
// on them: the amount in capitals, who the payee is (tax ID, address, phone), where the seal goes,
// and — on the certificate — a code that confirms its figures online.
import { formatFen } from "~/lib/money";
import { formatFenCapital } from "~/lib/money.server";
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
    doc.fontSize(11).text(`大写金额：人民币${formatFenCapital(order.totalFen)}`, { align: "right" });
    doc.moveDown();
    doc.fontSize(12).text("请通过对公转账支付至：");
    payee(doc);
    doc.text(`开户银行：${PLATFORM_BANK.bank}`).text(`银行账号：${PLATFORM_BANK.account}`);
    doc.moveDown(0.5).fontSize(13).fillColor("#b45309").text(`付款用途/附言请务必填写：${reference}`).fillColor("#000");
    if (order.reservedUntil) doc.fontSize(10).text(`库存保留至 ${dateCn(order.reservedUntil)}，逾期未到账订单将自动取消。`);
    doc.moveDown();
    if (order.invoiceRequest) {
      const r = order.invoiceRequest;
      doc.fontSize(10).text(`发票申请：${r.type === "SPECIAL" ? "增值税专用发票" : "增值税普通发票"}；抬头 ${r.title}；税号 ${r.taxNumber ?? "—"}。款项到账后开具。`);
    }
    sealArea(doc, "收款单位（盖章）");
    doc.fontSize(9).fillColor("#555").text("陇货通 · 甘肃消费帮扶电商平台。每一笔采购都按产地县、合作社和脱贫户记账。");
  });
}

/** The payee as the accountant checks it: name, 纳税人识别号, address and phone (configuration). */
function payee(doc: PDFKit.PDFDocument) {
  doc.fontSize(11).text(`收款单位：${PLATFORM_BANK.payee}`).text(`纳税人识别号：${PLATFORM_BANK.taxId}`).text(`地址、电话：${PLATFORM_BANK.address}  ${PLATFORM_BANK.phone}`);
}

/** A ruled box where the seal (公章) and a signature go, at the right; on a new page when it would not fit. */
function sealArea(doc: PDFKit.PDFDocument, label: string, left?: string) {
  if (doc.y > doc.page.height - 190) doc.addPage();
  const top = doc.y + 10;
  const width = 200;
  const right = doc.page.width - doc.page.margins.right;
  doc.rect(right - width, top, width, 110).strokeColor("#999").dash(3, { space: 3 }).stroke().undash();
  doc.fontSize(10).fillColor("#555").text(label, right - width + 8, top + 8, { width: width - 16 });
  doc.text("日期：      年    月    日", right - width + 8, top + 88, { width: width - 16 });
  if (left) {
    const lx = doc.page.margins.left;
    doc.rect(lx, top, width, 110).strokeColor("#999").dash(3, { space: 3 }).stroke().undash();
    doc.text(left, lx + 8, top + 8, { width: width - 16 });
    doc.text("日期：      年    月    日", lx + 8, top + 88, { width: width - 16 });
  }
  doc.fillColor("#000");
  doc.x = doc.page.margins.left;
  doc.y = top + 125;
}

export interface AcceptanceOrder {
  number: string;
  poNumber: string | null;
  costCentre: string | null;
  paidAt: Date | null;
  totalFen: number;
  refundedFen: number;
  organization: { name: string; taxNumber: string } | null;
  lines: { productName: string; variantName: string; quantity: number; unitPriceFen: number; lineTotalFen: number; coopName: string; county: string }[];
  parcels: { total: number; delivered: number; lastDeliveredAt: Date | null };
}

/**
 * 验收单: the buyer's record that the goods arrived as ordered (832 practice: 验收 then 验票), for the
 * accountant's voucher beside the 发票. The figures are the store's; the checking is the buyer's, so
 * the form leaves 验收结论 and the signatures to be filled in by hand.
 */
export function acceptanceFormPdf(order: AcceptanceOrder, issuedAt = new Date()): Promise<Buffer> {
  return render((doc) => {
    doc.fontSize(20).text("消费帮扶采购验收单", { align: "center" }).moveDown(0.5);
    doc.fontSize(11);
    doc.text(`订单号：${order.number}        采购单号：${order.poNumber ?? "—"}        成本中心：${order.costCentre ?? "—"}`);
    doc.text(`采购单位：${order.organization?.name ?? ""}（税号 ${order.organization?.taxNumber ?? ""}）`);
    doc.text(`付款日期：${order.paidAt ? dateCn(order.paidAt) : "—"}        签收：${order.parcels.delivered}/${order.parcels.total} 个包裹${order.parcels.lastDeliveredAt ? `，最后一件 ${dateCn(order.parcels.lastDeliveredAt)}` : ""}`);
    doc.moveDown(0.5);
    table(
      doc,
      [150, 120, 50, 80, 95],
      [["商品 / 规格", "供货合作社（产地）", "数量", "单价", "金额"], ...order.lines.map((l) => [`${l.productName} ${l.variantName}`, `${l.coopName}（${l.county}）`, String(l.quantity), formatFen(l.unitPriceFen), formatFen(l.lineTotalFen)])],
      ["left", "left", "right", "right", "right"],
    );
    const net = order.totalFen - order.refundedFen;
    doc.moveDown(0.5).fontSize(12).text(`合计：${formatFen(net)}${order.refundedFen ? `（已扣除退款 ${formatFen(order.refundedFen)}）` : ""}`, { align: "right" });
    doc.fontSize(11).text(`大写金额：人民币${formatFenCapital(net)}`, { align: "right" });
    doc.moveDown();
    doc.fontSize(11).text("供货方（平台）：");
    payee(doc);
    doc.moveDown();
    doc.text("验收结论：□ 数量、规格与订单一致，质量合格        □ 有差异（请注明）：________________________");
    doc.moveDown(0.5);
    sealArea(doc, "采购单位验收人签字 / 盖章", "供货方（盖章）");
    doc.fontSize(9).fillColor("#555").text(`陇货通出具于 ${dateCn(issuedAt)}。数据来自平台订单与签收记录。`);
  });
}

/** "2026年3月": the one month format of the certificate, its table and its verification page. */
export const monthCn = (year: number, month: number) => `${year}年${month}月`;

export function pledgeStatementPdf(
  org: { name: string; creditCode: string },
  progress: PledgeProgress,
  verification: { code: string; url: string; qr: Buffer; asOf: Date },
): Promise<Buffer> {
  const issuedAt = verification.asOf;
  return render((doc) => {
    doc.fontSize(22).text("消费帮扶采购证明", { align: "center" }).moveDown(0.3);
    doc.fontSize(11).fillColor("#555").text(`${progress.year} 年度 · 截至 ${dateCn(issuedAt)}`, { align: "center" }).fillColor("#000").moveDown();
    doc.fontSize(12).text(
      `兹证明 ${org.name}（统一社会信用代码 ${org.creditCode}）于 ${progress.year} 年通过陇货通平台采购甘肃脱贫地区特色产品，` +
        `截至 ${dateCn(issuedAt)}，已付款金额合计 ${formatFen(progress.purchasedFen)}（大写：人民币${formatFenCapital(Math.max(0, progress.purchasedFen))}，已扣除退款）` +
        (progress.targetFen ? `，年度认购目标 ${formatFen(progress.targetFen)}，完成 ${progress.percent}%。` : "。"),
      { lineGap: 4 },
    );
    doc.moveDown();
    doc.fontSize(12).text("按产地县统计");
    table(doc, [200, 150, 145], [["县（区）", "所属市州", "金额"], ...progress.byCounty.map((c) => [c.county, c.prefecture, formatFen(c.fen)])], ["left", "left", "right"]);
    doc.moveDown().fontSize(12).text("按月份统计");
    table(doc, [200, 295], [["月份", "金额"], ...progress.byMonth.filter((m) => m.fen !== 0).map((m) => [monthCn(progress.year, m.month), formatFen(m.fen)])], ["left", "right"]);
    doc.moveDown(2).fontSize(11).text("陇货通 · 甘肃消费帮扶电商平台", { align: "right" }).text(`出具日期：${dateCn(issuedAt)}`, { align: "right" });
    if (doc.y > doc.page.height - 180) doc.addPage();
    const top = doc.y + 12;
    const x = doc.page.margins.left;
    doc.image(verification.qr, x, top, { width: 90, height: 90 });
    doc.fontSize(10).fillColor("#000").text(`核验码：${verification.code}`, x + 105, top + 10);
    doc.fontSize(9).fillColor("#555").text(`扫描二维码或访问 ${verification.url} 核验本证明的金额。核验页只显示单位、年度和金额，不含任何农户信息。`, x + 105, top + 30, { width: 380 });
    doc.x = x;
    doc.y = top + 100;
    doc.fontSize(9).fillColor("#555").text("数据来自平台订单与收款记录。");
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
