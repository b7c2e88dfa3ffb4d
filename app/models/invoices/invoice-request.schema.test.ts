import { describe, expect, it } from "vitest";
import { invoiceRequestSchema, taxNumberProblem, toInvoiceRequest } from "~/models/invoices/invoice-request.schema";

const errorsOf = (values: Record<string, string>) => {
  const r = invoiceRequestSchema.safeParse(values);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("纳税人识别号", () => {
  it("takes 15, 17, 18 or 20 characters; an 18-character one needs its check character", () => {
    expect(taxNumberProblem("110108123456789")).toBeNull(); // 15
    expect(taxNumberProblem("11010819800101123")).toBeNull(); // 17
    expect(taxNumberProblem("91350100M000100Y43")).toBeNull(); // 18, valid
    expect(taxNumberProblem("11010819800101123X01")).toBeNull(); // 20
    expect(taxNumberProblem("91350100M000100Y44")).toContain("校验位");
    for (const bad of ["1101081234567", "1101081234567890", "110108198001011234X", "91350100m000100y43"]) expect(taxNumberProblem(bad)).not.toBeNull();
  });
});

describe("the invoice request form", () => {
  const special = {
    invoiceType: "SPECIAL",
    invoiceTitleKind: "ORGANIZATION",
    invoiceTitle: "青岛海川电子科技有限公司",
    invoiceTaxNo: "91350100 M000100Y43",
    invoiceAddress: "青岛市市北区辽宁路 1 号",
    invoicePhone: "0532-88886666",
    invoiceBank: "中国银行青岛市北支行",
    invoiceAccount: "6217 0000 1234 5678",
  };

  it("accepts a complete 专票 request, with spaces in long numbers removed", () => {
    const parsed = invoiceRequestSchema.parse(special);
    expect(toInvoiceRequest(parsed)).toMatchObject({ type: "SPECIAL", taxNumber: "91350100M000100Y43", bankAccount: "6217000012345678" });
  });

  it("names every missing 专票 field, and refuses 专票 to a person", () => {
    const errors = errorsOf({ invoiceType: "SPECIAL", invoiceTitleKind: "PERSONAL", invoiceTitle: "张三" });
    expect(Object.keys(errors).sort()).toEqual(["invoiceAccount", "invoiceAddress", "invoiceBank", "invoicePhone", "invoiceTitleKind"]);
  });

  it("needs a tax number for an organisation title but not for a person", () => {
    expect(errorsOf({ invoiceType: "PLAIN", invoiceTitleKind: "ORGANIZATION", invoiceTitle: "某单位" }).invoiceTaxNo).toContain("纳税人识别号");
    expect(errorsOf({ invoiceType: "PLAIN", invoiceTitleKind: "PERSONAL", invoiceTitle: "张三" })).toEqual({});
    expect(errorsOf({ ...special, invoiceTaxNo: "91350100M000100Y44" }).invoiceTaxNo).toContain("校验位");
  });

  it("NONE asks for nothing and stores nothing", () => {
    const parsed = invoiceRequestSchema.parse({ invoiceType: "NONE" });
    expect(toInvoiceRequest(parsed)).toBeNull();
  });
});
