// An institution order paid by card goes through the same payment path as a consumer order.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import * as orderPage from "~/routes/org.orders.$number";
import * as testPay from "~/routes/pay.test.$number";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, postRequest, responseOf } from "../../requests";

const HEADER = { poNumber: "PO-1", costCentre: "", paymentMethod: "CARD" as const, invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" };

describe("card payment of a bulk order", () => {
  it("the buyer is sent to pay, the payment marks the order paid, and another org member cannot start it", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 2000, stock: 100 }] });
    const org = await makeOrganization(prisma, { approvalLimitFen: 1_000_000 });
    const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
    const admin = await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id });
    const order = await submitBulkOrder({ buyer, organization: org, lines: [{ variantId: product.variants[0].id, quantity: 10 }], header: HEADER });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");

    const payAs = async (userId: string) =>
      responseOf(async () =>
        orderPage.action({ request: postRequest(`/org/orders/${order.number}`, await cookieFor(userId), { intent: "pay-card" }), params: { number: order.number }, context: {} }),
      );
    expect((await payAs(admin.id)).status).toBe(403);
    const started = await payAs(buyer.id);
    expect(started.status).toBe(302);
    // No Stripe keys in tests: the local test-payment page stands in for Stripe Checkout.
    expect(started.headers.get("Location")).toBe(`/pay/test/${order.number}`);

    const paid = await responseOf(async () =>
      testPay.action({ request: postRequest(`/pay/test/${order.number}`, await cookieFor(buyer.id), { outcome: "succeed" }), params: { number: order.number }, context: {} }),
    );
    expect(paid.headers.get("Location")).toBe(`/org/orders/${order.number}`);
    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.status).toBe("PAID");
    expect(await prisma.attributionEntry.count({ where: { orderLine: { orderId: order.id }, level: "COUNTY" } })).toBe(1);
    expect((await payAs(buyer.id)).status).toBe(400);
  });
});
