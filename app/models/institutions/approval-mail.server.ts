import type { Tx } from "~/db.server";
// The e-mails of the institution approval flow. Each is queued in the transaction that changes the
// order's status (the outbox), so a notice exists exactly when the change does.
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { queueEmail } from "~/lib/outbox.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";

async function orderFacts(tx: Tx, orderId: string) {
  return tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      number: true, totalFen: true, paymentMethod: true, paymentRef: true, reservedUntil: true, buyerId: true,
      buyer: { select: { name: true, email: true } },
      organization: { select: { id: true, name: true, approvalLimitFen: true } },
    },
  });
}

/** An order waits for approval: every approver and admin of the organisation but its buyer hears of it. */
export async function mailApprovers(tx: Tx, orderId: string, origin: string) {
  const o = await orderFacts(tx, orderId);
  if (!o.organization) return;
  const approvers = await tx.user.findMany({
    where: { organizationId: o.organization.id, id: { not: o.buyerId }, roles: { some: { role: { in: ["org_approver", "org_admin"] } } } },
    select: { email: true, name: true },
  });
  for (const a of approvers) {
    await queueEmail(tx, {
      to: a.email,
      subject: `采购订单 ${o.number} 待您审批`,
      body: `${a.name}，您好：\n${o.organization.name}的采购员 ${o.buyer.name} 提交了采购订单 ${o.number}，金额 ${formatFen(o.totalFen)}，超过单位审批额度 ${formatFen(o.organization.approvalLimitFen)}。\n请登录后审批或退回：${origin}/org/orders/${o.number}`,
    });
  }
}

/** An approver sent the order back with a comment. */
export async function mailReturned(tx: Tx, orderId: string, comment: string, origin: string) {
  const o = await orderFacts(tx, orderId);
  await queueEmail(tx, {
    to: o.buyer.email,
    subject: `采购订单 ${o.number} 被退回`,
    body: `${o.buyer.name}，您好：\n您的采购订单 ${o.number}（${formatFen(o.totalFen)}）被退回，审批意见：${comment}\n请修改后重新提交：${origin}/org/orders/${o.number}`,
  });
}

/** The order is approved (or, `withinLimit`, needed no approval) and its stock is held: how and by when to pay. */
export async function mailPaymentDue(tx: Tx, orderId: string, origin: string, withinLimit = false) {
  const o = await orderFacts(tx, orderId);
  const deadline = o.reservedUntil ? `请在 ${formatChinaDateTime(o.reservedUntil)}（北京时间）前付款，逾期库存将释放。` : "";
  const how =
    o.paymentMethod === "BANK_TRANSFER"
      ? `请以对公转账支付 ${formatFen(o.totalFen)}：\n收款单位：${PLATFORM_BANK.payee}\n开户银行：${PLATFORM_BANK.bank}\n银行账号：${PLATFORM_BANK.account}\n付款备注（务必填写）：${o.paymentRef ?? o.number}\n形式发票可在订单页下载：${origin}/org/orders/${o.number}`
      : `请登录后在线付款 ${formatFen(o.totalFen)}：${origin}/org/orders/${o.number}`;
  await queueEmail(tx, {
    to: o.buyer.email,
    subject: withinLimit ? `采购订单 ${o.number} 待付款` : `采购订单 ${o.number} 已通过审批，请付款`,
    body: `${o.buyer.name}，您好：\n采购订单 ${o.number} ${withinLimit ? "金额在单位审批额度内，无需审批" : "已通过审批"}，商品库存已为您保留。\n${how}\n${deadline}`,
  });
}
