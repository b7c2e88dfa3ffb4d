import { PassThrough, Readable } from "node:stream";
import { neutraliseFormula } from "~/lib/csv-safe";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { prisma } from "~/db.server";
import { businessDay, startOfBusinessDay } from "~/lib/china-time";
import { fenToYuan } from "~/lib/money";
import { ORG_TYPE_LABELS } from "~/models/institutions/organization.schema";
import { CONSUMER_LABEL, type ReportFilters } from "~/models/impact/report.server";

// Ledger exports for staff: one row per attributed sale or refund (the COUNTY-level entries, so each
// paid line appears once), read in keyset pages and streamed, so a year of entries never sits in
// memory. Cells are formula-safe: text that a spreadsheet would run as a formula is prefixed with '.

const PAGE = 2000;

export const EXPORT_HEADER = [
  "日期", "订单号", "类型", "金额（元）", "东部城市", "体验馆", "市州", "县区", "合作社", "品类", "买家类型", "采购单位", "买家城市",
];

const BUYER_TYPES: Record<string, string> = { CONSUMER: CONSUMER_LABEL, ...ORG_TYPE_LABELS };


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
  at: Date | string;
  kind: string;
  amountFen: number | bigint;
  partnerCityId: string;
  hallId: string | null;
  prefectureId: string;
  countyId: string;
  coopId: string;
  categoryId: string;
  buyerType: string;
  organizationId: string | null;
  buyerCity: string | null;
  number: string;
}

/** The export rows for the filters, page by page (keyset on occurredAt, id), already formula-safe. */
export async function* ledgerExportRows(filters: ReportFilters, options: ExportOptions = {}): AsyncGenerator<string[]> {
  const pageSize = options.pageSize ?? PAGE;
  const names = await nameMaps();
  const end = startOfBusinessDay(filters.to);
  end.setUTCDate(end.getUTCDate() + 1);
  const clauses = [`e."level" = 'COUNTY'`, `e."occurredAt" < ?`];
  const params: (string | number)[] = [stored(end)];
  if (filters.hallId) (clauses.push(`e."hallId" = ?`), params.push(filters.hallId));
  if (filters.cityId) (clauses.push(`e."partnerCityId" = ?`), params.push(filters.cityId));
  if (filters.countyId) (clauses.push(`e."countyId" = ?`), params.push(filters.countyId));
  // Keyset paging on (occurredAt, id): each page starts at the cursor in the (level, occurredAt)
  // index, so a page costs the same at the end of a year as at its start.
  let cursor: { at: string; id: string } = { at: stored(startOfBusinessDay(filters.from)), id: "" };
  let sent = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  while (sent < limit) {
    const take = Math.min(pageSize, limit - sent);
    const page = await prisma.$queryRawUnsafe<ExportEntry[]>(
      `SELECT e."id", e."occurredAt" AS "at", e."kind", e."amountFen", e."partnerCityId", e."hallId", e."prefectureId", e."countyId",
              e."coopId", e."categoryId", e."buyerType", e."organizationId", e."buyerCity", o."number"
       FROM "AttributionEntry" e
       JOIN "OrderLine" l ON l."id" = e."orderLineId"
       JOIN "Order" o ON o."id" = l."orderId"
       WHERE ${clauses.join(" AND ")} AND e."occurredAt" >= ? AND (e."occurredAt" > ? OR e."id" > ?)
       ORDER BY e."occurredAt", e."id"
       LIMIT ?`,
      ...params,
      cursor.at,
      cursor.at,
      cursor.id,
      take,
    );
    for (const e of page) {
      yield [
        businessDay(new Date(e.at)),
        e.number,
        e.kind === "REFUND" ? "退款冲销" : "销售",
        fenToYuan(Number(e.amountFen)),
        names.cities.get(e.partnerCityId) ?? "",
        e.hallId ? names.halls.get(e.hallId) ?? "" : "",
        names.prefectures.get(e.prefectureId) ?? "",
        names.counties.get(e.countyId) ?? "",
        names.coops.get(e.coopId) ?? "",
        names.categories.get(e.categoryId) ?? "",
        BUYER_TYPES[e.buyerType] ?? e.buyerType,
        e.organizationId ? names.orgs.get(e.organizationId) ?? "" : "",
        e.buyerCity ?? "",
      ].map((cell, i) => (i === 3 ? cell : neutraliseFormula(cell)));
    }
    sent += page.length;
    if (page.length < take) break;
    const last = page[page.length - 1];
    cursor = { at: stored(new Date(last.at)), id: last.id };
  }
}

/** A DateTime as the libSQL adapter stores it (ISO-8601 text with +00:00), for comparisons in SQL. */
function stored(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
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
