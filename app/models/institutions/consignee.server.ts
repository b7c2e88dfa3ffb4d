// One consignee for a whole institution order (the canteen, the union office), entered on the
// order instead of a recipients file. It is the order's own address, so payment splits it into a
// parcel per co-op exactly as a retail order (splitPaidOrder); set after payment, the parcels are
// made at once. Units already given to recipients or codes stay theirs.
import { prisma } from "~/db.server";
import { DomainError } from "~/lib/errors";
import type { AddressInput } from "~/models/addresses/address.schema";
import { withOfficialDivisions } from "~/models/addresses/divisions.server";
import { BULK_OPEN_STATUSES, SHIPPABLE_STATUSES, type OrderStatus } from "~/models/orders/status";
import { splitPaidOrder } from "~/models/parcels/split.server";

export class ConsigneeError extends DomainError {}

export async function setConsignee(input: { organizationId: string; orderId: string; address: AddressInput }) {
  const checked = withOfficialDivisions(input.address);
  if (!checked.ok) {
    const [field, message] = Object.entries(checked.errors)[0];
    throw new ConsigneeError(message!, { field });
  }
  const address = checked.address;
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { id: input.orderId, organizationId: input.organizationId, kind: "BULK" }, select: { status: true } });
    if (!order || !BULK_OPEN_STATUSES.includes(order.status as OrderStatus)) throw new ConsigneeError("订单已发货或已取消，不能再修改收货人");
    if (await tx.parcel.count({ where: { orderId: input.orderId, source: "ORDER", status: { not: "PENDING" } } })) throw new ConsigneeError("包裹已发出，不能再修改收货人");
    await tx.order.update({ where: { id: input.orderId }, data: address });
    // A changed consignee: the boxes not yet packed go to the new address.
    await tx.parcel.updateMany({ where: { orderId: input.orderId, source: "ORDER", status: "PENDING" }, data: address });
    const created = SHIPPABLE_STATUSES.includes(order.status as OrderStatus) ? await splitPaidOrder(tx, input.orderId) : [];
    return { parcels: created.length };
  });
}
