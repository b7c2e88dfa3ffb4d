// What applicants and co-op managers are told when the county or the platform decides: written to
// the outbox in the transaction of the decision (so a notice exists exactly when its decision does).
import type { Tx } from "~/db.server";
import { notify } from "~/models/messages/outbox.server";

export async function noticeApplicationDecision(tx: Tx, input: { applicantId: string; applicationName: string; outcome: "approved" | "rejected"; reason?: string }) {
  const approved = input.outcome === "approved";
  await notify(tx, {
    userId: input.applicantId,
    kind: "supplier",
    email: {
      subject: approved ? `入驻申请已通过：${input.applicationName}` : `入驻申请被退回：${input.applicationName}`,
      content: {
        paragraphs: approved
          ? ["您的供货入驻申请已通过平台审核，合作社已开通，您的账号已是它的管理员。现在可以新建商品并提交扶贫产品认定。"]
          : ["您的供货入驻申请被退回。请按下面的原因修改后重新提交。"],
        facts: approved ? undefined : [["退回原因", input.reason ?? ""]],
        action: approved ? { label: "进入合作社工作台", url: "/coop" } : { label: "修改申请", url: "/coop/apply" },
      },
    },
  });
}

/** Every manager of the product's co-op hears how its certificate was decided. */
export async function noticeCertificateDecision(tx: Tx, input: { coopId: string; productName: string; productSlug: string; outcome: "certified" | "rejected"; reason?: string }) {
  const managers = await tx.user.findMany({ where: { coopId: input.coopId, roles: { some: { role: "coop_manager" } } }, select: { id: true } });
  const certified = input.outcome === "certified";
  for (const m of managers) {
    await notify(tx, {
      userId: m.id,
      kind: "supplier",
      email: {
        subject: certified ? `扶贫产品认定通过：${input.productName}` : `扶贫产品认定被退回：${input.productName}`,
        content: {
          paragraphs: certified ? ["平台已核对证书，商品通过扶贫产品认定。"] : ["平台退回了这件商品的认定申请，请按原因修改后重新提交。"],
          facts: certified ? undefined : [["退回原因", input.reason ?? ""]],
          action: { label: "查看商品", url: `/coop/products/${input.productSlug}` },
        },
      },
    });
  }
}
