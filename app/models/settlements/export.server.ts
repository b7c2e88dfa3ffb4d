// Statements as files: a CSV and a PDF per co-op and month (with every ledger entry behind the
// goods figures), and the month's summary of all co-ops for staff.
import { businessDay } from "~/lib/china-time";
import { toCsv } from "~/lib/csv-safe";
import { fenToYuan, formatFen } from "~/lib/money";
import { pdfDate, pdfTable, renderPdf } from "~/lib/pdf.server";
import { coopLedgerEntries } from "~/models/impact/ledger.server";
import { monthRange, type Statement } from "~/models/settlements/statement.server";

function feeRate(bps: number) {
  return `${(bps / 100).toFixed(2)}%`;
}

function summaryRows(s: Statement): [string, number][] {
  return [
    ["商品销售", s.goodsFen],
    ["退款", -s.refundsFen],
    ["运费", s.shippingFen],
    [`平台服务费（${feeRate(s.feeRateBps)}）`, -s.feeFen],
    ["应付净额", s.netFen],
  ];
}

async function detail(s: Statement) {
  const entries = await coopLedgerEntries(s.coopId, monthRange(s.month));
  return entries.map((e) => ({
    day: businessDay(e.occurredAt),
    order: e.orderLine.order.number,
    kind: e.kind === "SALE" ? "销售" : "退款",
    product: `${e.orderLine.productName}·${e.orderLine.variantName}`,
    amountFen: e.amountFen,
  }));
}

export async function statementCsv(s: Statement) {
  const rows: (string | number)[][] = (await detail(s)).map((d) => [d.day, d.order, d.kind, d.product, fenToYuan(d.amountFen)]);
  rows.push([], ...summaryRows(s).map(([label, fen]) => ["", "", "合计", label, fenToYuan(fen)]));
  if (s.paid) rows.push(["", "", "已付款", businessDay(s.paid.paidAt), s.paid.bankReference]);
  return toCsv(["日期", "订单号", "类型", "商品", "金额（元）"], rows);
}

export function monthStatementsCsv(month: string, statements: Statement[]) {
  return toCsv(
    ["合作社", "月份", "商品销售（元）", "退款（元）", "运费（元）", "平台服务费率", "平台服务费（元）", "应付净额（元）", "状态", "付款日期", "银行流水号"],
    statements.map((s) => [
      s.coopName, month, fenToYuan(s.goodsFen), fenToYuan(s.refundsFen), fenToYuan(s.shippingFen), feeRate(s.feeRateBps), fenToYuan(s.feeFen), fenToYuan(s.netFen),
      s.paid ? "已付款" : s.closed ? "待付款" : "本月未结束", s.paid ? businessDay(s.paid.paidAt) : "", s.paid?.bankReference ?? "",
    ]),
  );
}

export async function statementPdf(s: Statement, now = new Date()) {
  const lines = await detail(s);
  return renderPdf((doc) => {
    doc.fontSize(18).text("合作社结算单", { align: "center" });
    doc.fontSize(11).fillColor("#555").text(`${s.coopName} · ${s.month}（北京时间）`, { align: "center" }).fillColor("#000").moveDown();
    pdfTable(doc, [300, 195], [["项目", "金额"], ...summaryRows(s).map(([label, fen]) => [label, formatFen(fen)])], ["left", "right"]);
    doc.moveDown(0.5).fontSize(11).text(s.paid ? `已于 ${pdfDate(s.paid.paidAt)} 付款，银行流水号 ${s.paid.bankReference}` : s.closed ? "状态：待付款" : "状态：本月尚未结束，金额可能变化");
    doc.moveDown().fontSize(12).text(`明细（${lines.length} 笔，来自平台帮扶账本的合作社层级记录）`);
    pdfTable(doc, [70, 130, 45, 170, 80], [["日期", "订单号", "类型", "商品", "金额"], ...lines.map((d) => [d.day, d.order, d.kind, d.product, formatFen(d.amountFen)])], ["left", "left", "left", "left", "right"]);
    doc.moveDown().fontSize(9).fillColor("#555").text(`运费为买家支付的运费按各合作社商品金额分摊。出具日期：${pdfDate(now)}。陇货通 · 甘肃消费帮扶电商平台`);
  });
}
