// The register of 脱贫户 behind the co-ops, imported by staff from the county's list (CSV or
// XLSX). Pseudonymous by design: a registry code, township, village and household size, never a
// name. Every row is checked and every problem reported by row and column; only a clean file is
// saved, all rows in one transaction. Re-importing a code updates that household.
import { prisma } from "~/db.server";
import { columnLetter, looksLikeFormula } from "~/lib/csv-safe";
import { dataRows, headerColumns, lastFilledRow, readGrid, SpreadsheetError, type RowError } from "~/lib/spreadsheet.server";

export const MAX_HOUSEHOLD_ROWS = 5_000;
export const MAX_HOUSEHOLD_FILE_BYTES = 4 * 1024 * 1024;

const FIELDS = ["code", "county", "township", "village", "members", "coop"] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = { code: "农户编号", county: "区县", township: "乡镇", village: "村", members: "人口", coop: "合作社" };
const ALIASES: Record<string, Field> = {
  农户编号: "code", 编号: "code", code: "code",
  区县: "county", 县: "county", "区/县": "county", county: "county",
  乡镇: "township", 乡: "township", 镇: "township", township: "township",
  村: "village", 行政村: "village", village: "village",
  人口: "members", 家庭人口: "members", 人数: "members", members: "members",
  合作社: "coop", 合作社信用代码: "coop", coop: "coop",
};
export const HOUSEHOLD_TEMPLATE = [FIELDS.map((f) => LABELS[f]), ["GS-QA-000123", "秦安县", "刘坪乡", "下曲村", "4", "秦安县刘坪蜜桃农民专业合作社"]];

export interface HouseholdRow {
  row: number;
  code: string;
  countyId: string;
  township: string;
  village: string;
  members: number;
  coopId: string;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{3,31}$/;

/** Every problem in the file, or (only when there is none) the rows ready to save. */
export async function checkHouseholdFile(fileName: string, bytes: Uint8Array): Promise<{ errors: RowError[]; rows: HouseholdRow[] }> {
  let grid;
  try {
    grid = await readGrid(fileName, bytes, { maxBytes: MAX_HOUSEHOLD_FILE_BYTES, maxRows: MAX_HOUSEHOLD_ROWS });
  } catch (error) {
    if (error instanceof SpreadsheetError) return { errors: [{ row: 0, column: null, field: null, message: error.message }], rows: [] };
    throw error;
  }
  const last = lastFilledRow(grid);
  if (last < 1) return { errors: [{ row: last < 0 ? 1 : 2, column: null, field: null, message: last < 0 ? "文件是空的，第 1 行应为表头" : "表头下面没有农户" }], rows: [] };
  if (last > MAX_HOUSEHOLD_ROWS) return { errors: [{ row: 0, column: null, field: null, message: `超过上限 ${MAX_HOUSEHOLD_ROWS} 行，请拆分后分批导入` }], rows: [] };
  const { columnOf, errors } = headerColumns(grid.rows[0] ?? [], FIELDS, LABELS, ALIASES);
  if (errors.length) return { errors, rows: [] };

  const [counties, coops, existing] = await Promise.all([
    prisma.county.findMany({ select: { id: true, name: true, slug: true } }),
    prisma.coop.findMany({ select: { id: true, name: true, creditCode: true, countyId: true } }),
    // only the codes in this file: the register itself can hold hundreds of thousands
    prisma.household.findMany({
      where: { code: { in: grid.rows.slice(1).map((cells) => (cells[columnOf.get("code")!] ?? "").trim().toUpperCase()).filter(Boolean) } },
      select: { code: true, countyId: true },
    }),
  ]);
  const countyBy = new Map<string, (typeof counties)[number]>();
  for (const c of counties) countyBy.set(c.name, c).set(c.slug, c);
  const coopBy = new Map<string, (typeof coops)[number]>();
  for (const c of coops) coopBy.set(c.name, c).set(c.creditCode, c);
  const registeredIn = new Map(existing.map((h) => [h.code, h.countyId]));

  const rows: HouseholdRow[] = [];
  const seen = new Map<string, number>();
  for (const { r, rowNo, cells } of dataRows(grid, errors)) {
    const before = errors.length;
    const get = (f: Field) => (cells[columnOf.get(f)!] ?? "").trim();
    const err = (f: Field, message: string) => errors.push({ row: rowNo, column: columnLetter(columnOf.get(f)!), field: LABELS[f], message });
    for (const f of FIELDS) {
      if (grid.formulaCells.has(`${r}:${columnOf.get(f)}`) || looksLikeFormula(get(f))) err(f, "不能是公式，也不能以 = + - @ 开头");
    }
    if (errors.length > before) continue;

    const code = get("code").toUpperCase();
    const county = countyBy.get(get("county"));
    const coop = coopBy.get(get("coop"));
    const township = get("township");
    const village = get("village");
    const members = /^\d{1,2}$/.test(get("members")) ? Number(get("members")) : NaN;
    if (!CODE.test(code)) err("code", "编号应为 4–32 位大写字母、数字或连字符");
    else if (seen.has(code)) err("code", `编号与第 ${seen.get(code)} 行重复`);
    else if (county && registeredIn.has(code) && registeredIn.get(code) !== county.id) err("code", "该编号已登记在另一个区县");
    if (!county) err("county", `没有区县「${get("county").slice(0, 20)}」`);
    if (township.length < 2 || township.length > 30) err("township", "乡镇应为 2–30 个字");
    if (village.length < 2 || village.length > 30) err("village", "村应为 2–30 个字");
    if (!(members >= 1 && members <= 20)) err("members", "人口应为 1–20 的整数");
    if (!coop) err("coop", `没有合作社「${get("coop").slice(0, 30)}」（填名称或统一社会信用代码）`);
    else if (county && coop.countyId !== county.id) err("coop", `合作社「${coop.name}」不在${county.name}`);
    if (CODE.test(code) && !seen.has(code)) seen.set(code, rowNo);
    if (errors.length > before) continue;
    rows.push({ row: rowNo, code, countyId: county!.id, township, village, members, coopId: coop!.id });
  }
  return errors.length ? { errors, rows: [] } : { errors, rows };
}

/** Saves checked rows, all or none: new households are added, known codes updated, and each linked to its co-op. */
export async function importHouseholds(rows: HouseholdRow[]) {
  return prisma.$transaction(
    async (tx) => {
      let added = 0;
      const known = new Map(
        (await tx.household.findMany({ where: { code: { in: rows.map((r) => r.code) } }, select: { id: true, code: true, countyId: true } })).map((h) => [h.code, h]),
      );
      for (const r of rows) {
        const existing = known.get(r.code);
        // checked again here: another import may have registered the code since the file was checked
        if (existing && existing.countyId !== r.countyId) throw new SpreadsheetError(`第 ${r.row} 行：编号 ${r.code} 已登记在另一个区县`);
        const fields = { township: r.township, village: r.village, members: r.members };
        const household = existing
          ? await tx.household.update({ where: { id: existing.id }, data: fields, select: { id: true } })
          : await tx.household.create({ data: { code: r.code, countyId: r.countyId, ...fields }, select: { id: true } });
        if (!existing) added += 1;
        await tx.coopHousehold.upsert({
          where: { coopId_householdId: { coopId: r.coopId, householdId: household.id } },
          create: { coopId: r.coopId, householdId: household.id },
          update: {},
        });
      }
      return { added, updated: rows.length - added };
    },
    { timeout: 60_000 },
  );
}

export async function registerSummary() {
  const [households, people, byCounty] = await Promise.all([
    prisma.household.count(),
    prisma.household.aggregate({ _sum: { members: true } }),
    prisma.county.findMany({
      where: { households: { some: {} } },
      orderBy: { pinyin: "asc" },
      select: { name: true, _count: { select: { households: true } } },
    }),
  ]);
  return { households, people: people._sum.members ?? 0, byCounty: byCounty.map((c) => ({ county: c.name, households: c._count.households })) };
}
