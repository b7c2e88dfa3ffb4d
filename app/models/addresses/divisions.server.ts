import { areaList } from "@vant/area-data";
import { DomainError } from "~/lib/errors";
import type { AreaOptions } from "./areas";

/**
 * China's administrative divisions (GB/T 2260, from @vant/area-data): the one list every address the
 * store accepts is checked against — checkout, the address book, gift redemption, recipients imports.
 * Codes nest by prefix: 62 甘肃省, 6205 天水市, 620503 麦积区.
 */
export interface Division {
  code: string;
  name: string;
}

export type DivisionField = "province" | "city" | "district";

export interface ResolvedDivision {
  province: string;
  city: string;
  district: string;
  /** the district's six-digit code */
  code: string;
}

export type DivisionCheck = { ok: true; division: ResolvedDivision } | { ok: false; field: DivisionField; message: string };

// Parcels go to the mainland only: Hong Kong, Macao and Taiwan need customs paperwork we do not do.
const NOT_SHIPPED = new Set(["71", "81", "82"]);

const provinces: Division[] = [];
const cities = new Map<string, Division[]>();
const districts = new Map<string, Division[]>();

for (const [code, name] of Object.entries(areaList.province_list)) {
  if (!NOT_SHIPPED.has(code.slice(0, 2))) provinces.push({ code, name });
}
for (const [code, name] of Object.entries(areaList.city_list)) {
  const key = code.slice(0, 2);
  if (!cities.has(key)) cities.set(key, []);
  cities.get(key)!.push({ code, name });
}
for (const [code, name] of Object.entries(areaList.county_list)) {
  const key = code.slice(0, 4);
  if (!districts.has(key)) districts.set(key, []);
  districts.get(key)!.push({ code, name });
}

// People write 甘肃 for 甘肃省, 广西 for 广西壮族自治区, 天水 for 天水市; a spreadsheet from HR does too.
const SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|自治州|地区|盟|自治县|自治旗|区|县|旗)$/;

function short(name: string): string {
  const stripped = name.replace(SUFFIX, "");
  return stripped.length >= 2 ? stripped : name;
}

function find(list: Division[] | undefined, name: string): Division | undefined {
  if (!list) return undefined;
  const typed = name.trim().replace(/\s+/g, "");
  if (!typed) return undefined;
  return list.find((d) => d.name === typed) ?? list.find((d) => short(d.name) === short(typed));
}

const MAINLAND_ONLY = "暂不支持寄往港澳台地区";

/**
 * Checks a province / city / district triple against the divisions and returns their official names,
 * or the first field that is wrong and why. A municipality's city may be given as the municipality
 * itself or as 市辖区; it resolves to the name in the data.
 */
export function checkDivision(input: { province?: string | null; city?: string | null; district?: string | null }): DivisionCheck {
  const provinceText = (input.province ?? "").trim();
  if (!provinceText) return { ok: false, field: "province", message: "请选择省份" };
  if (/台湾|香港|澳门/.test(provinceText)) return { ok: false, field: "province", message: MAINLAND_ONLY };
  const province = find(provinces, provinceText);
  if (!province) return { ok: false, field: "province", message: `没有名为“${provinceText.slice(0, 20)}”的省份` };

  const cityText = (input.city ?? "").trim();
  if (!cityText) return { ok: false, field: "city", message: "请选择城市" };
  const cityList = cities.get(province.code.slice(0, 2));
  const city = find(cityList, cityText) ?? (cityList?.length === 1 && (cityText === "市辖区" || find([province], cityText)) ? cityList[0] : undefined);
  if (!city) return { ok: false, field: "city", message: `${province.name}没有“${cityText.slice(0, 20)}”` };

  const districtText = (input.district ?? "").trim();
  if (!districtText) return { ok: false, field: "district", message: "请选择区县" };
  const district = find(districts.get(city.code.slice(0, 4)), districtText);
  if (!district) return { ok: false, field: "district", message: `${city.name}没有“${districtText.slice(0, 20)}”` };

  return { ok: true, division: { province: province.name, city: city.name, district: district.name, code: district.code } };
}

/** The provinces a parcel can go to, in the data's order (by code). */
export function shippableProvinces(): Division[] {
  return provinces;
}

/** The cities of a province, by its name; none for a name that is not a shippable province. */
export function citiesOf(provinceName: string): Division[] {
  const province = find(provinces, provinceName);
  return province ? (cities.get(province.code.slice(0, 2)) ?? []) : [];
}

/** The districts of a city, by the names of its province and itself. */
export function districtsOf(provinceName: string, cityName: string): Division[] {
  const city = find(citiesOf(provinceName), cityName);
  return city ? (districts.get(city.code.slice(0, 4)) ?? []) : [];
}

/**
 * What an address picker shows for the values it starts with: every province, the chosen
 * province's cities and the chosen city's districts. Server-rendered, so the picker is complete
 * before any JavaScript runs, and the browser never downloads the whole list.
 */
export function areaOptions(start: { province?: string | null; city?: string | null } = {}): AreaOptions {
  return {
    provinces: provinces.map((p) => p.name),
    cities: start.province ? citiesOf(start.province).map((c) => c.name) : [],
    districts: start.province && start.city ? districtsOf(start.province, start.city).map((d) => d.name) : [],
  };
}

/**
 * An address's province, city and district checked against the divisions, for an action: the
 * address with the official names (甘肃 → 甘肃省), or the wrong field's message keyed by its name.
 */
export function withOfficialDivisions<T extends { province: string; city: string; district: string }>(
  address: T,
): { ok: true; address: T; code: string } | { ok: false; errors: Partial<Record<DivisionField, string>> } {
  const check = checkDivision(address);
  if (!check.ok) return { ok: false, errors: { [check.field]: check.message } };
  const { code, ...names } = check.division;
  return { ok: true, address: { ...address, ...names }, code };
}

/** A province, city or district that is not in the divisions; `field` is the form field to show it beside. */
export class DivisionError extends DomainError {
  constructor(message: string, field: string) {
    super(message, { status: 400, field });
  }
}

/**
 * For a model about to store an address: the address with the official names, or a DivisionError
 * beside the wrong field. `fieldName` maps province/city/district to the form's own names when they
 * differ (a harvest plan's `province_2`).
 */
export function officialAddress<T extends { province: string; city: string; district: string }>(
  address: T,
  fieldName: (field: DivisionField) => string = (field) => field,
): T {
  const check = checkDivision(address);
  if (!check.ok) throw new DivisionError(check.message, fieldName(check.field));
  const { code: _code, ...names } = check.division;
  return { ...address, ...names };
}
