// The printable adoption certificate: one A4 landscape page with the adopter's chosen name.
import { formatChinaDateCn } from "~/lib/china-time";
import { renderPdf } from "~/lib/pdf.server";
import type { Certificate } from "~/models/trees/orchard.server";
import { gramsToKg } from "~/models/trees/season";

export function certificatePdf(c: Certificate): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      const { width, height } = doc.page;
      doc.rect(24, 24, width - 48, height - 48).lineWidth(3).strokeColor("#15803d").stroke();
      doc.rect(32, 32, width - 64, height - 64).lineWidth(0.8).strokeColor("#86efac").stroke();
      doc.moveDown(2);
      doc.fillColor("#14532d").fontSize(30).text("果树认养证书", { align: "center" });
      doc.fillColor("#555").fontSize(11).text("我有一棵树，足以来帮扶 · 陇货通", { align: "center" }).moveDown(1.5);
      doc.fillColor("#000").fontSize(22).text(c.displayName, { align: "center" }).moveDown(0.8);
      doc.fontSize(13).text(
        `认养 ${c.prefecture}${c.county}${c.orchard.name}（${c.orchard.variety}）${c.treeCode} 号果树一棵，认养期为 ${c.year} 年一季，` +
          `可得收成 ${gramsToKg(c.shareGrams)}。果树由${c.coop}管护，${c.households} 户脱贫户从中受益。`,
        80,
        doc.y,
        { align: "center", width: width - 160, lineGap: 6 },
      );
      doc.moveDown(1.5);
      doc.fontSize(11).fillColor("#333").text(`预计采收：${c.harvestFrom} 至 ${c.harvestTo}`, { align: "center" });
      doc.text(`认养日期：${formatChinaDateCn(c.adoptedAt)}    证书编号：${c.code}`, { align: "center" });
      doc.fillColor("#666").fontSize(9).text(`查看生长日志：/trees/${c.code}`, 50, height - 80, { align: "center", width: width - 100 });
    },
    { layout: "landscape" },
  );
}
