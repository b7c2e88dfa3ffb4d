import { describe, expect, it } from "vitest";
import { findCourier, trackingNumberProblem, trackingUrl } from "./couriers";

describe("couriers", () => {
  it("accepts each courier's own format and refuses another's", () => {
    expect(trackingNumberProblem("顺丰", "SF1234567890123")).toBeNull();
    expect(trackingNumberProblem("顺丰", "sf 1234 5678 90123")).toBeNull();
    expect(trackingNumberProblem("京东", "JDVA01234567890")).toBeNull();
    expect(trackingNumberProblem("中通", "75123456789012")).toBeNull();
    expect(trackingNumberProblem("圆通", "YT1234567890123")).toBeNull();
    expect(trackingNumberProblem("韵达", "4312345678901")).toBeNull();
    expect(trackingNumberProblem("EMS", "EA123456789CN")).toBeNull();
    expect(trackingNumberProblem("邮政", "9812345678901")).toBeNull();
    expect(trackingNumberProblem("顺丰", "YT1234567890123")).toMatch(/不是顺丰的运单号格式（例如 SF1234567890123）/);
    expect(trackingNumberProblem("京东", "SF1234567890123")).toMatch(/不是京东/);
    expect(trackingNumberProblem("圆通", "")).toBe("请填写运单号");
    expect(trackingNumberProblem("申通", "1234567890123")).toMatch(/请从列表中选择快递公司/);
  });

  it("knows the names people type and links to the courier's page", () => {
    expect(findCourier("顺丰速运")?.name).toBe("顺丰");
    expect(findCourier("sf")?.name).toBe("顺丰");
    expect(findCourier("中国邮政 EMS")?.name).toBe("EMS");
    expect(trackingUrl("顺丰", "SF1234567890123")).toBe("https://www.sf-express.com/chn/sc/waybill/waybill-detail/SF1234567890123");
    expect(trackingUrl("未知", "X")).toBeNull();
  });
});
