// The recipients upload through the order page's action: a bad file answers 400 with every row's
// problem and saves nothing; a good one saves one parcel per row; the delivery list downloads.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import * as deliveryList from "~/routes/org.orders.$number.delivery-list[.csv]";
import * as orderPage from "~/routes/org.orders.$number";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, getRequest } from "../../requests";

describe("uploading recipients", () => {
  it("reports every bad row and saves nothing, then imports a good file", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ name: "精品装", priceFen: 5000, stock: 100, giftBox: true }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 0 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const order = await submitBulkOrder({
      buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity: 5 }],
      header: { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER", invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" },
    });
    const cookie = await cookieFor(buyer.id);
    const upload = async (text: string, name = "r.csv") => {
      const form = new FormData();
      form.append("file", new File([text], name, { type: "text/csv" }));
      const response = (await orderPage.action({ request: new Request(`http://x/org/orders/${order.number}`, { method: "POST", headers: { Cookie: cookie }, body: form }), params: { number: order.number }, context: {} })) as Response;
      return { status: response.status, body: await response.json() };
    };
    const header = "姓名,手机号,省份,城市,区县,详细地址,礼盒,数量";
    const bad = await upload([header, "张三,123,福建省,福州市,鼓楼区,五四路 1 号,精品装,1", "@李四,13800138000,福建省,福州市,鼓楼区,五四路 2 号,精品装,1"].join("\n"));
    expect(bad.status).toBe(400);
    expect(bad.body.rowErrors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, "B"], [3, "A"]]);
    expect(await prisma.parcel.count({ where: { orderId: order.id } })).toBe(0);

    const good = await upload([header, "张三,13800138000,福建省,福州市,鼓楼区,五四路 1 号,精品装,2", "李四,13800138001,福建省,福州市,鼓楼区,五四路 2 号,精品装,3"].join("\n"));
    expect(good.status).toBe(200);
    expect(good.body.imported).toBe(2);

    const csv = (await deliveryList.loader({ request: getRequest(`/org/orders/${order.number}/delivery-list.csv`, cookie), params: { number: order.number }, context: {} })) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
    expect(text).toContain("李四,13800138001");
  });
});
