import { formatChinaDateTime } from "~/lib/china-time";
import { APPLICATION_STATUS_LABELS, BENEFITS, SUPPLIER_KIND_LABELS, type ApplicationStatus } from "~/models/suppliers/application.schema";

export interface ApplicationView {
  id: string;
  name: string;
  kind: string;
  creditCode: string;
  county: { name: string; prefecture: { name: string } };
  intro: string;
  contactName: string;
  contactPhone: string;
  benefitWages: boolean;
  benefitDividends: boolean;
  benefitPurchase: boolean;
  benefitLandLease: boolean;
  benefitHouseholds: number;
  benefitNote: string;
  licenceType: string;
  status: string;
  rejectReason: string | null;
  rejectedBy: string | null;
  updatedAt: string;
  applicant: { name: string; email: string };
}

export function ApplicationStatusBadge({ status }: { status: string }) {
  const tone = status === "APPROVED" ? "bg-emerald-50 text-emerald-700" : status === "REJECTED" ? "bg-red-50 text-red-700" : "bg-amber-50 text-amber-800";
  return <span className={`rounded px-2 py-0.5 text-sm ${tone}`}>{APPLICATION_STATUS_LABELS[status as ApplicationStatus] ?? status}</span>;
}

/** An application's facts as reviewers (and the applicant) read them. */
export function ApplicationDetails({ app }: { app: ApplicationView }) {
  const benefits = BENEFITS.filter((b) => app[b.name]).map((b) => b.label);
  return (
    <dl className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-2 gap-y-1 break-words text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
      <dt className="text-stone-500">主体</dt>
      <dd>{app.name}（{SUPPLIER_KIND_LABELS[app.kind as "COOP"] ?? app.kind}）</dd>
      <dt className="text-stone-500">信用代码</dt>
      <dd className="font-mono">{app.creditCode}</dd>
      <dt className="text-stone-500">所在区县</dt>
      <dd>{app.county.prefecture.name} {app.county.name}</dd>
      <dt className="text-stone-500">联系人</dt>
      <dd>{app.contactName} {app.contactPhone}</dd>
      <dt className="text-stone-500">利益联结</dt>
      <dd>{benefits.join("、")}；带动脱贫户 {app.benefitHouseholds} 户<span className="block text-stone-600">{app.benefitNote}</span></dd>
      {app.intro ? (<><dt className="text-stone-500">简介</dt><dd>{app.intro}</dd></>) : null}
      <dt className="text-stone-500">营业执照</dt>
      <dd><a href={`/suppliers/${app.id}/licence`} target="_blank" rel="noreferrer" className="text-brand-700 underline">查看{app.licenceType === "application/pdf" ? " PDF" : "图片"}</a></dd>
      <dt className="text-stone-500">申请人</dt>
      <dd>{app.applicant.name}（{app.applicant.email}），{formatChinaDateTime(new Date(app.updatedAt))} 更新</dd>
      {app.status === "REJECTED" && app.rejectReason ? (
        <>
          <dt className="text-stone-500">退回原因</dt>
          <dd className="text-red-700">{app.rejectedBy === "PLATFORM" ? "平台" : "区县"}：{app.rejectReason}</dd>
        </>
      ) : null}
    </dl>
  );
}
