import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { coopOrchards } from "~/models/trees/coop-orchards.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ orchards: await coopOrchards(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopTrees() {
  const { orchards } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">果树认养</h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr><th className="py-2">果园</th><th>认养季</th><th className="text-right">已认养 / 总数</th><th>收成</th><th className="text-right">待寄出</th></tr>
          </thead>
          <tbody>
            {orchards.flatMap((o) =>
              o.seasons.map((s, i) => (
                <tr key={s.id} className="border-b border-stone-100">
                  <td className="py-1.5">{i === 0 ? <Link to={`/coop/trees/${o.slug}`} className="text-brand-700 hover:underline">{o.name}</Link> : null}</td>
                  <td>{s.year} 年</td>
                  <td className="text-right tabular-nums">{s.adopted} / {o._count.trees}</td>
                  <td>{s.harvestedAt ? "已登记" : "未登记"}</td>
                  <td className="text-right tabular-nums">{s.toShip}</td>
                </tr>
              )),
            )}
            {orchards.length === 0 ? <EmptyRow colSpan={5}>本社还没有认养果园。</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "果树认养 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
