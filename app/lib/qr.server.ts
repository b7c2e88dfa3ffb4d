import QRCode from "qrcode";

/** A QR code for a URL as an SVG document (scales without blur on screens and in print). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#1c1917", light: "#ffffff" } });
}

/** The same QR code as a PNG, for PDFs (pdfkit draws raster images). */
export function qrPng(url: string, width = 240): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", margin: 1, width, errorCorrectionLevel: "M" });
}
