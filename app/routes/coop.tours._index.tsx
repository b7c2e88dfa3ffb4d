import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { EmptyRow } from "~/components/empty-row";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { operatorDepartures } from "~/models/tours/operator.server";
import { requireCoopManager } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoopManager(request);
  return json({ packages: await operatorDepartures(user.coopId) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CoopTours() {
  const { packages } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">乡村旅游 · 团期</h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-stone-300 text-stone-500">
            <tr><th className="py-2">线路</th><th>出发</th><th className="text-right">已确认</th><th className="text-right">余座 / 总座</th><th>游客名单</th></tr>
          </thead>
          <tbody>
            {packages.flatMap((p) =>
              p.departures.map((d, i) => (
                <tr key={d.id} className="border-b border-stone-100">
                  <td className="py-1.5">{i === 0 ? p.name : ""}</td>
                  <td><Link to={`/coop/tours/${d.id}`} className="text-brand-700 hover:underline">{d.departOn}</Link></td>
                  <td className="text-right tabular-nums">{d.confirmed}</td>
                  <td className="text-right tabular-nums">{d.seatsLeft} / {d.capacity}</td>
                  <td className="space-x-2">
                    <a href={`/coop/tours/${d.id}/manifest.pdf`} className="text-brand-700 underline">PDF</a>
                    <a href={`/coop/tours/${d.id}/manifest.xlsx`} className="text-brand-700 underline">XLSX</a>
                  </td>
                </tr>
              )),
            )}
            {packages.length === 0 ? <EmptyRow colSpan={5}>本社还没有旅游线路。</EmptyRow> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "乡村旅游 · 合作社" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
