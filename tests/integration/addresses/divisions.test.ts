import { describe, expect, it } from "vitest";
import { areaOptions, checkDivision, citiesOf, districtsOf, withOfficialDivisions } from "~/models/addresses/divisions.server";
import { loader as areas } from "~/routes/areas";

describe("administrative divisions", () => {
  it("accepts a real address and returns the official names and code", () => {
    expect(checkDivision({ province: "甘肃省", city: "天水市", district: "麦积区" })).toEqual({
      ok: true,
      division: { province: "甘肃省", city: "天水市", district: "麦积区", code: "620503" },
    });
  });

  it("accepts the short names people type and spreadsheets carry", () => {
    const check = checkDivision({ province: "广西", city: "南宁", district: "青秀区" });
    expect(check.ok && check.division.province).toBe("广西壮族自治区");
    expect(check.ok && check.division.city).toBe("南宁市");
  });

  it("takes a municipality itself, or 市辖区, as its city", () => {
    for (const city of ["北京市", "北京", "市辖区"]) {
      const check = checkDivision({ province: "北京", city, district: "朝阳区" });
      expect(check).toMatchObject({ ok: true, division: { province: "北京市", city: "北京市", district: "朝阳区" } });
    }
  });

  it("names the wrong field: no such province, a city of another province, a district of another city", () => {
    expect(checkDivision({ province: "火星省", city: "天水市", district: "麦积区" })).toMatchObject({ ok: false, field: "province" });
    expect(checkDivision({ province: "火星", city: "天水市", district: "麦积区" })).toMatchObject({ ok: false, field: "province" });
    expect(checkDivision({ province: "甘肃省", city: "南宁市", district: "青秀区" })).toMatchObject({ ok: false, field: "city", message: "甘肃省没有“南宁市”" });
    expect(checkDivision({ province: "甘肃省", city: "天水市", district: "七里河区" })).toMatchObject({ ok: false, field: "district" });
    expect(checkDivision({ province: "甘肃省", city: "天水市", district: "" })).toMatchObject({ ok: false, field: "district", message: "请选择区县" });
  });

  it("refuses Taiwan, Hong Kong and Macao, which we do not ship to", () => {
    for (const province of ["台湾省", "台湾", "香港特别行政区", "澳门"]) {
      expect(checkDivision({ province, city: "台北市", district: "中正区" })).toMatchObject({ ok: false, field: "province", message: "暂不支持寄往港澳台地区" });
    }
    expect(areaOptions().provinces).not.toContain("台湾省");
    expect(areaOptions().provinces).toHaveLength(31);
  });

  it("gives an action the official names or the wrong field's message", () => {
    const ok = withOfficialDivisions({ recipient: "王芳", province: "甘肃", city: "陇南", district: "礼县", street: "城关镇 1 号" });
    expect(ok).toMatchObject({ ok: true, address: { recipient: "王芳", province: "甘肃省", city: "陇南市", district: "礼县" }, code: "621226" });
    expect(withOfficialDivisions({ province: "甘肃省", city: "火星", district: "礼县" })).toEqual({ ok: false, errors: { city: "甘肃省没有“火星”" } });
  });

  it("lists the next level for the picker, and nothing for names it does not know", async () => {
    expect(citiesOf("甘肃省").map((c) => c.name)).toContain("临夏回族自治州");
    expect(districtsOf("甘肃省", "陇南市").map((d) => d.name)).toContain("礼县");
    expect(areaOptions({ province: "甘肃省", city: "陇南市" }).districts).toContain("宕昌县");
    const cities = await areas({ request: new Request("http://x/areas?province=甘肃省"), params: {}, context: {} });
    expect(await cities.json()).toMatchObject({ cities: expect.arrayContaining(["天水市", "兰州市"]) });
    const districts = await areas({ request: new Request("http://x/areas?province=甘肃省&city=天水市"), params: {}, context: {} });
    expect((await districts.json()).districts).toContain("麦积区");
    const nonsense = await areas({ request: new Request(`http://x/areas?province=${"火".repeat(100000)}`), params: {}, context: {} });
    expect(await nonsense.json()).toEqual({ cities: [] });
  });
});
