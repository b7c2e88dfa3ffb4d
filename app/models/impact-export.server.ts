import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { startOfBusinessDay } from "~/models/impact-rollup.server";
import type { ReportFilters } from "~/models/impact-report.server";

// Ledger exports for staff: one row per attributed sale or refund (the COUNTY-level entries, so each
// paid line appears once), read in keyset pages and streamed, so a year of entries never sits in
// memory. Cells are formula-safe: text that a spreadsheet would run as a formula is prefixed with '.

const PAGE = 2000;

export const EXPORT_HEADER = [
  "日期", "订单号", "类型", "金额（元）", "东部城市", "体验馆", "市州", "县区", "合作社", "品类", "买家类型", "采购单位", "买家城市",
];

const BUYER_TYPES: Record<string, string> = {
  CONSUMER: "个人消费者", AGENCY: "机关单位", ENTERPRISE: "企业", UNION: "工会", SCHOOL: "学校", HOSPITAL: "医院",
};

/** Makes a cell safe to open in a spreadsheet: text starting with = + - @ tab or CR gets a leading '. */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function yuan(fen: number) {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

async function nameMaps() {
  const sel = { id: true, name: true } as const;
  const [cities, halls, prefectures, counties, coops, categories, orgs] = await Promise.all([
    prisma.easternCity.findMany({ select: sel }),
    prisma.hall.findMany({ select: sel }),
    prisma.prefecture.findMany({ select: sel }),
    prisma.county.findMany({ select: sel }),
    prisma.coop.findMany({ select: sel }),
    prisma.category.findMany({ select: sel }),
    prisma.organization.findMany({ select: sel }),
  ]);
  const m = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { cities: m(cities), halls: m(halls), prefectures: m(prefectures), counties: m(counties), coops: m(coops), categories: m(categories), orgs: m(orgs) };
}

export interface ExportOptions {
  limit?: number;
  pageSize?: number;
}

interface ExportEntry {
  id: string;
  occurredAt: Date;
  kind: string;
  amountFen: number;
  partnerCityId: string;
  hallId: string | null;
  prefectureId: string;
  countyId: string;
  coopId: string;
  categoryId: string;
  buyerType: string;
  organizationId: string | null;
  buyerCity: string | null;
  orderLine: { order: { number: string } };
}

/** The export rows for the filters, page by page (keyset on occurredAt, id), already formula-safe. */
export async function* ledgerExportRows(filters: ReportFilters, options: ExportOptions = {}): AsyncGenerator<string[]> {
  const pageSize = options.pageSize ?? PAGE;
  const names = await nameMaps();
  const end = startOfBusinessDay(filters.to);
  end.setUTCDate(end.getUTCDate() + 1);
  const base = {
    level: "COUNTY",
    occurredAt: { gte: startOfBusinessDay(filters.from), lt: end },
    ...(filters.hallId ? { hallId: filters.hallId } : {}),
    ...(filters.cityId ? { partnerCityId: filters.cityId } : {}),
    ...(filters.countyId ? { countyId: filters.countyId } : {}),
  };
  let after: { occurredAt: Date; id: string } | null = null;
  let sent = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  while (sent < limit) {
    const cursor: { occurredAt: Date; id: string } | null = after;
    // The cursor is also a lower bound on occurredAt, so each page starts at the cursor in the
    // (level, occurredAt) index instead of scanning again from the start of the range.
    const where: Prisma.AttributionEntryWhereInput = cursor
      ? {
          ...base,
          occurredAt: { gte: cursor.occurredAt, lt: end },
          OR: [{ occurredAt: { gt: cursor.occurredAt } }, { id: { gt: cursor.id } }],
        }
      : base;
    const page: ExportEntry[] = await prisma.attributionEntry.findMany({
      where,
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: Math.min(pageSize, limit - sent),
      select: {
        id: true, occurredAt: true, kind: true, amountFen: true, partnerCityId: true, hallId: true, prefectureId: true, countyId: true,
        coopId: true, categoryId: true, buyerType: true, organizationId: true, buyerCity: true,
        orderLine: { select: { order: { select: { number: true } } } },
      },
    });
    for (const e of page) {
      yield [
        new Date(e.occurredAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
        e.orderLine.order.number,
        e.kind === "REFUND" ? "退款冲销" : "销售",
        yuan(e.amountFen),
        names.cities.get(e.partnerCityId) ?? "",
        e.hallId ? names.halls.get(e.hallId) ?? "" : "",
        names.prefectures.get(e.prefectureId) ?? "",
        names.counties.get(e.countyId) ?? "",
        names.coops.get(e.coopId) ?? "",
        names.categories.get(e.categoryId) ?? "",
        BUYER_TYPES[e.buyerType] ?? e.buyerType,
        e.organizationId ? names.orgs.get(e.organizationId) ?? "" : "",
        e.buyerCity ?? "",
      ].map((cell, i) => (i === 3 ? cell : formulaSafe(cell)));
    }
    sent += page.length;
    if (page.length < pageSize) break;
    const last: { occurredAt: Date; id: string } = page[page.length - 1];
    after = { occurredAt: last.occurredAt, id: last.id };
  }
}

/** CSV (UTF-8 with BOM so Excel reads the Chinese) as a Node stream. */
export function ledgerCsvStream(filters: ReportFilters, options: ExportOptions = {}): Readable {
  const csv = stringify({ bom: true });
  const source = Readable.from(
    (async function* () {
      yield EXPORT_HEADER;
      yield* ledgerExportRows(filters, options);
    })(),
  );
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

/** XLSX through exceljs' streaming writer: rows are committed as they come. */
export function ledgerXlsxStream(filters: ReportFilters, options: ExportOptions = {}): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet("扶贫账本");
  (async () => {
    sheet.addRow(EXPORT_HEADER).commit();
    for await (const row of ledgerExportRows(filters, options)) {
      // Amounts go in as numbers; text stays text (exceljs never turns a string into a formula).
      sheet.addRow(row.map((cell, i) => (i === 3 ? Number(cell) : cell))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error));
  return out;
}
