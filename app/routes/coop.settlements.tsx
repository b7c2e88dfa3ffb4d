import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StatementCard } from "~/components/statement-table";
import { coopStatementHistory } from "~/models/settlements/statement.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ statements: await coopStatementHistory(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopSettlements() {
  const { statements } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-5 px-4 py-6">
      <h1 className="text-2xl font-bold">结算</h1>
      <p className="text-sm text-stone-600">每个自然月（北京时间）一张结算单：商品销售与退款取自平台帮扶账本，运费按订单中各合作社的商品金额分摊。平台在月底后按应付净额转账。</p>
      {statements.length === 0 ? <p className="py-6 text-center text-stone-500">最近 12 个月没有销售。</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {statements.map((s) => (
          <StatementCard key={s.month} title={s.month} s={s}>
            <p className="flex gap-4 text-sm">
              <a href={`/coop/settlements/statement.csv?month=${s.month}`} className="text-brand-700 underline">
                CSV 明细
              </a>
              <a href={`/coop/settlements/statement.pdf?month=${s.month}`} className="text-brand-700 underline">
                PDF
              </a>
            </p>
          </StatementCard>
        ))}
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "结算 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
