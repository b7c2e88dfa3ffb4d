import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { platformOverview } from "~/models/platform/overview.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ overview: await platformOverview() });
}

export default function AdminHome() {
  const { overview } = useLoaderData<typeof loader>();
  const tiles = [
    ["在售商品", overview.products],
    ["待认定商品", overview.pendingCert],
    ["合作社与企业", overview.coops],
    ["待审核合作社", overview.pendingCoops],
    ["脱贫户", overview.households],
    ["注册用户", overview.users],
    ["采购单位", overview.organizations],
    ["待审核单位", overview.pendingOrgs],
  ] as const;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">平台概览</h1>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-500">{label}</dt>
            <dd className="text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "管理后台 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
