// Supplier onboarding as the 832 platform does it: a signed-in user applies; the county recommends
// (a county_reviewer of that county, or staff acting for it); the platform audits; approval creates
// the co-op and makes the applicant its manager. A rejection carries a reason the applicant sees,
// and the applicant corrects and resubmits the same application.
//
// Who may read an application: its applicant, its county's reviewers, staff. To anyone else it does
// not exist (404). Every status move is a conditional update, so two reviewers acting at once
// cannot both move it.
import crypto from "node:crypto";
import { prisma } from "~/db.server";
import type { CheckedDocument } from "~/lib/documents.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { removeStored, storeFile } from "~/lib/uploads.server";
import type { SessionUser } from "~/models/accounts/user.server";
import { recordAudit } from "~/models/audit/trail.server";
import { toPinyin } from "~/models/catalog/pinyin";
import { linkCoopManager } from "~/models/coops/managers.server";
import { noticeApplicationDecision } from "~/models/suppliers/notices.server";
import { parseForm } from "~/lib/forms.server";
import { decisionSchema, rejectionSchema, type ApplicationInput, type ApplicationStatus } from "~/models/suppliers/application.schema";

export class ApplicationNotFound extends NotFoundError {
  constructor() {
    super("没有这份申请，或您无权查看");
  }
}

const OPEN: ApplicationStatus[] = ["SUBMITTED", "RECOMMENDED", "REJECTED"];
const isStaff = (u: Pick<SessionUser, "roles">) => u.roles.includes("staff");
const isCountyReviewer = (u: Pick<SessionUser, "roles" | "countyId">, countyId: string) => u.roles.includes("county_reviewer") && u.countyId === countyId;

const detailSelect = {
  id: true,
  applicantId: true,
  name: true,
  kind: true,
  creditCode: true,
  countyId: true,
  county: { select: { name: true, prefecture: { select: { name: true } } } },
  intro: true,
  contactName: true,
  contactPhone: true,
  benefitWages: true,
  benefitDividends: true,
  benefitPurchase: true,
  benefitLandLease: true,
  benefitHouseholds: true,
  benefitNote: true,
  licenceType: true,
  status: true,
  rejectReason: true,
  rejectedBy: true,
  recommendedAt: true,
  decidedAt: true,
  coopId: true,
  createdAt: true,
  updatedAt: true,
  applicant: { select: { name: true, email: true } },
} as const;

/** The applicant's own latest application (one open or approved at a time), or null. */
export async function myApplication(userId: string) {
  return prisma.supplierApplication.findFirst({ where: { applicantId: userId }, orderBy: { createdAt: "desc" }, select: detailSelect });
}

/** One application, for someone allowed to see it; otherwise "not found". */
export async function applicationFor(viewer: SessionUser, id: string) {
  const app = await prisma.supplierApplication.findUnique({ where: { id }, select: { ...detailSelect, licenceKey: true } });
  if (!app) throw new ApplicationNotFound();
  if (app.applicantId !== viewer.id && !isStaff(viewer) && !isCountyReviewer(viewer, app.countyId)) throw new ApplicationNotFound();
  return app;
}

async function ensureCodeFree(creditCode: string, exceptId?: string) {
  const [coop, other] = await Promise.all([
    prisma.coop.findUnique({ where: { creditCode }, select: { id: true } }),
    prisma.supplierApplication.findFirst({
      // a rejected application of someone else does not hold the code hostage
      where: { creditCode, status: { in: ["SUBMITTED", "RECOMMENDED", "APPROVED"] }, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    }),
  ]);
  if (coop || other) throw new ConflictError("这个统一社会信用代码已入驻或正在申请，如有疑问请联系平台", "creditCode");
}

/**
 * Files a new application, or corrects the applicant's own one while it waits for the county or
 * after it was sent back (then it goes to the county again). The licence is required the first
 * time; a correction may keep the one on file. The file is written before the row and removed if
 * the row fails, so a refused application leaves nothing behind.
 */
export async function submitApplication(input: { user: SessionUser; data: ApplicationInput; licence: CheckedDocument | null }) {
  const { user, data } = input;
  if (user.coopId) throw new ConflictError("您的账号已是合作社管理员，无需再申请入驻");
  const existing = await prisma.supplierApplication.findFirst({
    where: { applicantId: user.id, status: { in: [...OPEN, "APPROVED"] } },
    select: { id: true, status: true, licenceKey: true },
  });
  if (existing && (existing.status === "RECOMMENDED" || existing.status === "APPROVED")) {
    throw new ConflictError(existing.status === "APPROVED" ? "您的申请已通过" : "申请已由区县推荐，平台审核期间不能修改");
  }
  if (!existing && !input.licence) throw new DomainError("请上传营业执照（图片或 PDF）", { field: "licence" });
  const county = await prisma.county.findUnique({ where: { id: data.countyId }, select: { id: true } });
  if (!county) throw new DomainError("请选择所在区县", { field: "countyId" });
  await ensureCodeFree(data.creditCode, existing?.id);

  const licenceKey = input.licence ? `licences/${crypto.randomBytes(12).toString("hex")}.${input.licence.extension}` : null;
  if (input.licence && licenceKey) await storeFile(licenceKey, input.licence.bytes);
  const fields = {
    name: data.name,
    kind: data.kind,
    creditCode: data.creditCode,
    countyId: data.countyId,
    intro: data.intro,
    contactName: data.contactName,
    contactPhone: data.contactPhone,
    benefitWages: data.benefitWages,
    benefitDividends: data.benefitDividends,
    benefitPurchase: data.benefitPurchase,
    benefitLandLease: data.benefitLandLease,
    benefitHouseholds: data.benefitHouseholds,
    benefitNote: data.benefitNote,
    ...(input.licence && licenceKey ? { licenceKey, licenceType: input.licence.type } : {}),
  };
  try {
    const id = await prisma.$transaction(async (tx) => {
      if (existing) {
        const { count } = await tx.supplierApplication.updateMany({
          where: { id: existing.id, status: existing.status },
          data: { ...fields, status: "SUBMITTED", rejectReason: null, rejectedBy: null },
        });
        if (count !== 1) throw new ConflictError("申请状态已变化，请刷新后再试");
        await recordAudit(tx, { kind: "APPLICATION", actorId: user.id, applicationId: existing.id, before: existing.status, after: "SUBMITTED", reason: existing.status === "REJECTED" ? "修改后重新提交" : "修改申请" });
        return existing.id;
      }
      const created = await tx.supplierApplication.create({ data: { ...fields, applicantId: user.id, licenceKey: licenceKey!, licenceType: input.licence!.type }, select: { id: true } });
      await recordAudit(tx, { kind: "APPLICATION", actorId: user.id, applicationId: created.id, before: null, after: "SUBMITTED" });
      return created.id;
    });
    if (existing && licenceKey) await removeStored(existing.licenceKey);
    return id;
  } catch (error) {
    if (licenceKey) await removeStored(licenceKey);
    throw error;
  }
}

/** Applications waiting for this county reviewer (their county) or, for staff, for any county. */
export async function countyQueue(viewer: SessionUser) {
  if (!isStaff(viewer) && !(viewer.roles.includes("county_reviewer") && viewer.countyId)) throw new ForbiddenError("您的账号未关联区县");
  return prisma.supplierApplication.findMany({
    where: { ...(isStaff(viewer) ? {} : { countyId: viewer.countyId! }), status: { in: ["SUBMITTED", "RECOMMENDED", "REJECTED"] } },
    orderBy: [{ status: "desc" }, { updatedAt: "asc" }],
    take: 100,
    select: detailSelect,
  });
}

/** Staff: every application in a status (default: those waiting for the platform). */
export async function platformQueue(status: ApplicationStatus | null) {
  return prisma.supplierApplication.findMany({
    where: status ? { status } : {},
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: 100,
    select: detailSelect,
  });
}

async function move(viewer: SessionUser, id: string, from: ApplicationStatus, to: ApplicationStatus, extra: Record<string, unknown>, reason: string | null) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.supplierApplication.updateMany({ where: { id, status: from }, data: { status: to, ...extra } });
    if (count !== 1) throw new ConflictError("申请状态已变化，请刷新后再试");
    await recordAudit(tx, { kind: "APPLICATION", actorId: viewer.id, applicationId: id, before: from, after: to, reason });
    if (to === "REJECTED") {
      const app = await tx.supplierApplication.findUniqueOrThrow({ where: { id }, select: { applicantId: true, name: true } });
      await noticeApplicationDecision(tx, { applicantId: app.applicantId, applicationName: app.name, outcome: "rejected", reason: reason ?? "" });
    }
  });
}

/** The county's recommendation: its reviewer, or staff acting for the county. */
export async function recommendApplication(viewer: SessionUser, id: string) {
  const app = await applicationFor(viewer, id);
  if (!isStaff(viewer) && !isCountyReviewer(viewer, app.countyId)) throw new ApplicationNotFound();
  await move(viewer, id, "SUBMITTED", "RECOMMENDED", { recommendedById: viewer.id, recommendedAt: new Date() }, null);
}

/**
 * Sends an application back with a reason. While it waits for the county, the county (or staff for
 * it) may send it back; once recommended, only staff may.
 */
export async function rejectApplication(viewer: SessionUser, id: string, reason: string) {
  const app = await applicationFor(viewer, id);
  const county = isStaff(viewer) || isCountyReviewer(viewer, app.countyId);
  if (!county) throw new ApplicationNotFound();
  if (app.status === "SUBMITTED") {
    await move(viewer, id, "SUBMITTED", "REJECTED", { rejectReason: reason, rejectedBy: "COUNTY" }, reason);
  } else if (app.status === "RECOMMENDED") {
    if (!isStaff(viewer)) throw new ForbiddenError("县级已推荐，审核由平台进行");
    await move(viewer, id, "RECOMMENDED", "REJECTED", { rejectReason: reason, rejectedBy: "PLATFORM", decidedById: viewer.id, decidedAt: new Date() }, reason);
  } else {
    throw new ConflictError("这份申请现在不能退回");
  }
}

function coopSlug(name: string) {
  const base = toPinyin(name).spaced.replace(/[^a-z0-9 ]/g, "").trim().split(/\s+/).slice(0, 8).join("-") || "coop";
  return `${base.slice(0, 48)}-${crypto.randomBytes(2).toString("hex")}`;
}

/**
 * The platform's approval: creates the co-op (certified, so it may list at once) and links the
 * applicant as its manager, all in one transaction with the status move.
 */
export async function approveApplication(staff: SessionUser, id: string) {
  if (!isStaff(staff)) throw new ApplicationNotFound();
  const app = await applicationFor(staff, id);
  if (app.status !== "RECOMMENDED") throw new ConflictError(app.status === "SUBMITTED" ? "须先由区县推荐" : "这份申请现在不能通过");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.supplierApplication.updateMany({ where: { id, status: "RECOMMENDED" }, data: { status: "APPROVED", decidedById: staff.id, decidedAt: new Date() } });
    if (count !== 1) throw new ConflictError("申请状态已变化，请刷新后再试");
    const taken = await tx.coop.findUnique({ where: { creditCode: app.creditCode }, select: { id: true } });
    if (taken) throw new ConflictError("这个统一社会信用代码已有合作社入驻");
    const coop = await tx.coop.create({
      data: {
        slug: coopSlug(app.name),
        name: app.name,
        kind: app.kind,
        creditCode: app.creditCode,
        countyId: app.countyId,
        status: "CERTIFIED",
        intro: app.intro,
        contactName: app.contactName,
        contactPhone: app.contactPhone,
      },
      select: { id: true, slug: true, name: true },
    });
    await tx.supplierApplication.update({ where: { id }, data: { coopId: coop.id } });
    await linkCoopManager(tx, { userId: app.applicantId, coopId: coop.id, grantedBy: staff.id });
    await recordAudit(tx, [
      { kind: "APPLICATION", actorId: staff.id, applicationId: id, coopId: coop.id, before: "RECOMMENDED", after: "APPROVED" },
      { kind: "COOP_STATUS", actorId: staff.id, coopId: coop.id, before: null, after: "CERTIFIED", reason: "入驻申请通过" },
    ]);
    await noticeApplicationDecision(tx, { applicantId: app.applicantId, applicationName: app.name, outcome: "approved" });
    return coop;
  });
}

/** The licence file, for someone allowed to see the application. */
export async function licenceOf(viewer: SessionUser, id: string) {
  const app = await applicationFor(viewer, id);
  return { key: app.licenceKey, type: app.licenceType };
}

export type ReviewResult = { ok: true; message: string } | { ok: false; applicationId: string; errors: Record<string, string>; values: Record<string, string> };

/**
 * One posted review decision (recommend, approve, reject with a reason), for the county page and
 * the staff page alike; who may do what is decided by the functions above.
 */
export async function reviewFromForm(viewer: SessionUser, form: FormData): Promise<ReviewResult> {
  const intent = form.get("intent");
  if (intent === "reject") {
    const parsed = parseForm(rejectionSchema, form);
    if (!parsed.ok) return { ok: false, applicationId: parsed.values.applicationId ?? "", errors: parsed.errors, values: parsed.values };
    await rejectApplication(viewer, parsed.data.applicationId, parsed.data.reason);
    return { ok: true, message: "已退回，申请人会看到原因" };
  }
  const parsed = parseForm(decisionSchema, form);
  if (!parsed.ok) return { ok: false, applicationId: "", errors: { form: "请求无效" }, values: {} };
  if (intent === "recommend") {
    await recommendApplication(viewer, parsed.data.applicationId);
    return { ok: true, message: "已推荐，等待平台审核" };
  }
  if (intent === "approve") {
    const coop = await approveApplication(viewer, parsed.data.applicationId);
    return { ok: true, message: `已通过，合作社「${coop.name}」已开通，申请人已成为管理员` };
  }
  return { ok: false, applicationId: parsed.data.applicationId, errors: { form: "请求无效" }, values: {} };
}
