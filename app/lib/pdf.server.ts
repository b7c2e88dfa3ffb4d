// PDFs in Chinese: pdfkit with Source Han Sans SC (an npm package). pdfkit embeds only the glyphs
// used, so a page is ~50 KB. Shared by the institution papers, packing slips, statements, tree
// certificates and tour manifests.
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve("node-source-han-sans-sc/package.json")), "SourceHanSansSC-Regular.otf");

export function renderPdf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 50, info: { Producer: "陇货通", Creator: "陇货通" }, ...options });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.font(FONT);
    draw(doc);
    doc.end();
  });
}

/** "2026年12月1日" in Beijing time (the one formatter lives in china-time). */
export { formatChinaDateCn as pdfDate } from "~/lib/china-time";

/** A ruled table; the first row is the header. Starts a new page when the current one is full. */
export function pdfTable(doc: PDFKit.PDFDocument, widths: number[], rows: string[][], aligns: ("left" | "right")[]) {
  const x0 = doc.page.margins.left;
  for (const [i, row] of rows.entries()) {
    if (doc.y > doc.page.height - 100) doc.addPage();
    const y = doc.y;
    let x = x0;
    let height = 0;
    doc.fontSize(i === 0 ? 9 : 10).fillColor(i === 0 ? "#555" : "#000");
    for (const [j, cell] of row.entries()) {
      doc.text(cell, x, y, { width: widths[j] - 6, align: aligns[j] });
      height = Math.max(height, doc.y - y);
      x += widths[j];
    }
    doc.y = y + height + 4;
    doc.moveTo(x0, doc.y - 2).lineTo(x0 + widths.reduce((a, b) => a + b, 0), doc.y - 2).strokeColor("#ddd").stroke();
  }
  doc.x = x0;
  doc.fillColor("#000");
}
