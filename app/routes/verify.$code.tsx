import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatChinaDateCn } from "~/lib/china-time";
import { formatFen } from "~/lib/money";
import { verifyPledgeCertificate } from "~/models/institutions/pledge.server";

// Public: whoever holds a pledge certificate (an assessment reviewer) confirms its figures here. Only
// what the paper says: the organisation, the year and the amounts — never a household.
export async function loader({ params }: LoaderFunctionArgs) {
  const certificate = await verifyPledgeCertificate(params.code ?? "");
  const headers = { "Cache-Control": "private, no-store" };
  if (!certificate) return json({ certificate: null, code: (params.code ?? "").slice(0, 40) }, { status: 404, headers });
  return json({ certificate: { ...certificate, asOf: formatChinaDateCn(certificate.asOf) }, code: certificate.code }, { headers });
}

export default function VerifyCertificate() {
  const { certificate, code } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-bold">消费帮扶采购证明核验</h1>
      {certificate ? (
        <section className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="verified">
          <p className="font-semibold text-emerald-900">✓ 核验通过：这份证明由陇货通出具，内容如下。</p>
          <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-sm">
            <dt className="text-stone-500">采购单位</dt><dd>{certificate.organization.name}</dd>
            <dt className="text-stone-500">统一社会信用代码</dt><dd className="break-all font-mono">{certificate.organization.creditCode}</dd>
            <dt className="text-stone-500">年度</dt><dd>{certificate.year} 年</dd>
            <dt className="text-stone-500">统计截至</dt><dd>{certificate.asOf}</dd>
            <dt className="text-stone-500">已付款采购金额</dt><dd className="font-semibold">{formatFen(certificate.purchasedFen)}（已扣除退款）</dd>
            <dt className="text-stone-500">年度认购目标</dt><dd>{certificate.targetFen ? `${formatFen(certificate.targetFen)}，完成 ${certificate.percent}%` : "未设定"}</dd>
            <dt className="text-stone-500">核验码</dt><dd className="break-all font-mono">{certificate.code}</dd>
          </dl>
          <p className="text-xs text-stone-600">金额以证明出具当日的平台记录为准；此后的新采购或退款不改变这份证明。</p>
        </section>
      ) : (
        <section role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4">
          <p className="font-semibold text-red-800">没有找到核验码「{code}」对应的证明。</p>
          <p className="text-sm">请核对证明上印的 16 位核验码（字母不区分大小写，可省略短横线）；仍查不到的证明不是本平台出具的。</p>
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "采购证明核验 · 陇货通" }, { name: "robots", content: "noindex" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
