// The isolation matrix through the real loaders and actions: every org role of organisation A,
// against organisation B's order, gets the same 404 as for an order that does not exist.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { submitBulkOrder } from "~/models/institutions/bulk-order.server";
import * as deliveryList from "~/routes/org.orders.$number.delivery-list[.csv]";
import * as proforma from "~/routes/org.orders.$number.proforma[.pdf]";
import * as orderPage from "~/routes/org.orders.$number";
import * as bankTransfers from "~/routes/admin.bank-transfers";
import { makeOrganization, makeProduct, makeUser, makeWorld } from "../../factories";
import { cookieFor, getRequest, postRequest, responseOf } from "../../requests";

async function status(run: () => Promise<unknown>) {
  return (await responseOf(run)).status;
}

const HEADER = { poNumber: "", costCentre: "", paymentMethod: "BANK_TRANSFER" as const, invoiceType: "NONE", invoiceTitle: "", invoiceTaxNo: "" };

async function orgWithMembers(limitFen: number) {
  const org = await makeOrganization(prisma, { approvalLimitFen: limitFen });
  const buyer = await makeUser(prisma, { roles: ["org_buyer"], organizationId: org.id });
  const approver = await makeUser(prisma, { roles: ["org_approver"], organizationId: org.id });
  const admin = await makeUser(prisma, { roles: ["org_admin"], organizationId: org.id });
  return { org, buyer, approver, admin };
}

describe("organisation isolation through the routes", () => {
  it("buyer, approver and admin of A get 404 for B's order on every page, download and action", async () => {
    const w = await makeWorld(prisma);
    const product = await makeProduct(prisma, { countyId: w.county.id, coopId: w.coop.id, categoryId: w.category.id, variants: [{ priceFen: 1000, stock: 100 }] });
    const a = await orgWithMembers(0);
    const b = await orgWithMembers(1_000_000);
    const orderA = await submitBulkOrder({ buyer: a.buyer, organization: a.org, lines: [{ variantId: product.variants[0].id, quantity: 1 }], header: HEADER });
    const orderB = await submitBulkOrder({ buyer: b.buyer, organization: b.org, lines: [{ variantId: product.variants[0].id, quantity: 1 }], header: HEADER });

    for (const user of [a.buyer, a.approver, a.admin]) {
      const cookie = await cookieFor(user.id);
      const get = (path: string) => getRequest(path, cookie);
      const post = (path: string, body: Record<string, string>) => postRequest(path, cookie, body);
      const ctx = (request: Request, number: string) => ({ request, params: { number }, context: {} });
      for (const number of [orderB.number, "LH-0000-NONE-XXXX"]) {
        expect(await status(() => orderPage.loader(ctx(get(`/org/orders/${number}`), number)))).toBe(404);
        expect(await status(() => proforma.loader(ctx(get(`/org/orders/${number}/proforma.pdf`), number)))).toBe(404);
        expect(await status(() => deliveryList.loader(ctx(get(`/org/orders/${number}/delivery-list.csv`), number)))).toBe(404);
        for (const intent of ["approve", "return", "cancel", "resubmit"]) {
          expect(await status(() => orderPage.action(ctx(post(`/org/orders/${number}`, { intent, comment: "x" }), number)))).toBe(404);
        }
      }
      expect(await status(() => orderPage.loader(ctx(get(`/org/orders/${orderA.number}`), orderA.number)))).toBe(200);
    }
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderB.id } })).status).toBe("PENDING_PAYMENT");

    // Within A: the buyer's approve is refused (400), the approver's goes through.
    const buyerCookie = await cookieFor(a.buyer.id);
    const approve = (cookie: string) =>
      orderPage.action({
        request: postRequest(`/org/orders/${orderA.number}`, cookie, { intent: "approve" }),
        params: { number: orderA.number },
        context: {},
      });
    expect(await status(() => approve(buyerCookie))).toBe(400);
    const approverCookie = await cookieFor(a.approver.id);
    expect(await status(() => approve(approverCookie))).toBe(200);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderA.id } })).status).toBe("PENDING_PAYMENT");
  });

  it("only staff reach the bank-transfer desk", async () => {
    const a = await orgWithMembers(0);
    for (const user of [a.buyer, a.approver, a.admin]) {
      const request = getRequest("/admin/bank-transfers", await cookieFor(user.id));
      expect(await status(() => bankTransfers.loader({ request, params: {}, context: {} }))).toBe(403);
    }
  });
});
