// The operator's side (a co-op or a travel enterprise): departures with seats sold, the bookings of
// one departure with masked ID numbers, and the manifest — the one place full numbers appear.
import ExcelJS from "exceljs";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { NotFoundError } from "~/lib/errors";
import { pdfTable, renderPdf } from "~/lib/pdf.server";
import { unseal } from "~/lib/sealed.server";
import { STANDING_STATUSES } from "~/models/orders/status";

/** Bookings that travel: paid (not fully refunded) and not cancelled. */
const travelling = { cancelledAt: null, order: { status: { in: [...STANDING_STATUSES] } } } satisfies Prisma.TourBookingWhereInput;

export async function operatorDepartures(coopId: string) {
  const packages = await prisma.tourPackage.findMany({
    where: { coopId },
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      name: true,
      departures: { orderBy: { departOn: "asc" }, select: { id: true, departOn: true, returnOn: true, capacity: true, variant: { select: { stock: true } } } },
    },
  });
  const ids = packages.flatMap((p) => p.departures.map((d) => d.id));
  const sold = await prisma.tourBooking.groupBy({ by: ["departureId"], where: { departureId: { in: ids }, ...travelling }, _sum: { seats: true } });
  return packages.map((p) => ({
    ...p,
    departures: p.departures.map(({ variant, ...d }) => ({ ...d, seatsLeft: variant.stock, confirmed: sold.find((s) => s.departureId === d.id)?._sum.seats ?? 0 })),
  }));
}

async function operatorDepartureRow(coopId: string, departureId: string) {
  const departure = await prisma.tourDeparture.findFirst({
    where: { id: departureId, package: { coopId } },
    select: { id: true, departOn: true, returnOn: true, capacity: true, variant: { select: { stock: true } }, package: { select: { name: true, coop: { select: { name: true } } } } },
  });
  if (!departure) throw new NotFoundError("没有这个团期，或它不属于本社");
  return departure;
}

/** For the operator's page: masked numbers only. */
export async function operatorDeparture(coopId: string, departureId: string) {
  const departure = await operatorDepartureRow(coopId, departureId);
  const bookings = await prisma.tourBooking.findMany({
    where: { departureId },
    orderBy: { createdAt: "asc" },
    select: {
      seats: true,
      cancelledAt: true,
      contactName: true,
      contactMobile: true,
      order: { select: { number: true, status: true } },
      travellers: { orderBy: { position: "asc" }, select: { name: true, mobile: true, idMasked: true } },
    },
  });
  return { departure, bookings };
}

const MANIFEST_HEADER = ["序号", "订单号", "姓名", "手机号", "居民身份证号", "出生日期"];

/** Every traveller of the departure with the full ID number: the manifest, for the operator only. */
async function manifestRows(coopId: string, departureId: string) {
  const departure = await operatorDepartureRow(coopId, departureId);
  const travellers = await prisma.tourTraveller.findMany({
    where: { departureId, booking: travelling },
    orderBy: [{ booking: { createdAt: "asc" } }, { position: "asc" }],
    select: { name: true, mobile: true, idSealed: true, idMasked: true, birthDate: true, booking: { select: { order: { select: { number: true } } } } },
  });
  const rows = travellers.map((t, i) => [String(i + 1), t.booking.order.number, t.name, t.mobile, t.idSealed ? unseal(t.idSealed) : `${t.idMasked}（已删除）`, t.birthDate]);
  return { departure, rows };
}

export async function manifestXlsx(coopId: string, departureId: string) {
  const { departure, rows } = await manifestRows(coopId, departureId);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("游客名单");
  sheet.addRow([`${departure.package.name} · ${departure.departOn} 至 ${departure.returnOn} · ${rows.length} 人`]).font = { bold: true };
  sheet.addRow(MANIFEST_HEADER).font = { bold: true };
  // ID numbers go in as text: as numbers a spreadsheet would round 18 digits
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = [6, 22, 12, 14, 22, 12][i]));
  return { departure, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

export async function manifestPdf(coopId: string, departureId: string) {
  const { departure, rows } = await manifestRows(coopId, departureId);
  const bytes = await renderPdf((doc) => {
    doc.fontSize(16).text(`游客名单 · ${departure.package.name}`, { align: "center" });
    doc.fontSize(10).fillColor("#555").text(`${departure.departOn} 出发 · ${departure.returnOn} 返回 · 共 ${rows.length} 人 · ${departure.package.coop.name}`, { align: "center" });
    doc.text("本名单含游客身份信息，仅供行程保险与住宿登记使用，请勿外传。", { align: "center" }).fillColor("#000").moveDown();
    pdfTable(doc, [30, 110, 60, 80, 135, 70], [MANIFEST_HEADER, ...rows], ["left", "left", "left", "left", "left", "left"]);
  });
  return { departure, bytes };
}
