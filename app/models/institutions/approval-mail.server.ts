import type { Tx } from "~/db.server";
// The e-mails of the institution approval flow. Each is queued in the transaction that changes the
// order's status (the outbox), so a notice exists exactly when the change does.
import { formatChinaDateTime } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { notify } from "~/models/messages/outbox.server";
import { PLATFORM_BANK } from "~/models/institutions/platform-bank.server";

async function orderFacts(tx: Tx, orderId: string) {
  return tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      number: true, totalFen: true, paymentMethod: true, paymentRef: true, reservedUntil: true, buyerId: true,
      buyer: { select: { name: true } },
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
    select: { id: true, name: true },
  });
  for (const a of approvers) {
    await notify(tx, {
      userId: a.id,
      kind: "approval",
      email: {
        subject: `采购订单 ${o.number} 待您审批`,
        content: {
          greeting: `${a.name}，您好：`,
          paragraphs: [`${o.organization.name}的采购员 ${o.buyer.name} 提交了采购订单 ${o.number}，金额超过单位审批额度，需要您审批。`],
          facts: [["订单号", o.number], ["金额", formatFen(o.totalFen)], ["审批额度", formatFen(o.organization.approvalLimitFen)]],
          action: { label: "审批或退回", url: `${origin}/org/orders/${o.number}` },
        },
      },
    });
  }
}

/** An approver sent the order back with a comment. */
export async function mailReturned(tx: Tx, orderId: string, comment: string, origin: string) {
  const o = await orderFacts(tx, orderId);
  await notify(tx, {
    userId: o.buyerId,
    kind: "approval",
    email: {
      subject: `采购订单 ${o.number} 被退回`,
      content: {
        greeting: `${o.buyer.name}，您好：`,
        paragraphs: [`您的采购订单 ${o.number}（${formatFen(o.totalFen)}）被退回，请修改后重新提交。`],
        facts: [["审批意见", comment]],
        action: { label: "修改订单", url: `${origin}/org/orders/${o.number}` },
      },
    },
  });
}

/** The order is approved (or, `withinLimit`, needed no approval) and its stock is held: how and by when to pay. */
export async function mailPaymentDue(tx: Tx, orderId: string, origin: string, withinLimit = false) {
  const o = await orderFacts(tx, orderId);
  const url = `${origin}/org/orders/${o.number}`;
  const deadline = o.reservedUntil ? `请在 ${formatChinaDateTime(o.reservedUntil)}（北京时间）前付款，逾期库存将释放。` : "";
  const bank = o.paymentMethod === "BANK_TRANSFER";
  await notify(tx, {
    userId: o.buyerId,
    kind: "payment",
    email: {
      subject: withinLimit ? `采购订单 ${o.number} 待付款` : `采购订单 ${o.number} 已通过审批，请付款`,
      content: {
        greeting: `${o.buyer.name}，您好：`,
        paragraphs: [
          `采购订单 ${o.number} ${withinLimit ? "金额在单位审批额度内，无需审批" : "已通过审批"}，商品库存已为您保留。`,
          bank ? `请以对公转账支付 ${formatFen(o.totalFen)}，付款备注务必填写下面的备注，形式发票可在订单页下载。` : `请登录后在线付款 ${formatFen(o.totalFen)}。`,
          ...(deadline ? [deadline] : []),
        ],
        facts: bank
          ? [["收款单位", PLATFORM_BANK.payee], ["开户银行", PLATFORM_BANK.bank], ["银行账号", PLATFORM_BANK.account], ["付款备注（务必填写）", o.paymentRef ?? o.number]]
          : [["金额", formatFen(o.totalFen)]],
        action: { label: bank ? "查看订单与形式发票" : "在线付款", url },
      },
    },
  });
}
