import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CardGrid, OrchardCard } from "~/components/scheme-cards";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { listOrchards } from "~/models/trees/orchard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ orchards: await listOrchards() }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function TreesIndex() {
  const { orchards } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-700">我有一棵树 · 果树认养</h1>
        <p className="max-w-3xl text-sm text-stone-600">
          认养秦安、麦积的一棵果树，由合作社和脱贫户管护一年：您得到一份收成和一张写着您名字的认养证书，合作社按季发布开花、坐果、采收的生长日志。
          津南区与秦安县的“我有一棵树，足以来扶贫”曾认养 14.2 万棵果树、带动销售 2812.5 万元。
        </p>
        <p className="text-sm">
          <Link to="/trees/mine" className="text-brand-700 underline">我的认养</Link>
        </p>
      </header>
      <CardGrid>
        {orchards.map((o) => (
          <li key={o.slug}>
            <OrchardCard orchard={o} />
          </li>
        ))}
      </CardGrid>
      {orchards.length === 0 ? <p className="text-stone-500">暂时没有可认养的果园。</p> : null}
    </div>
  );
}

export const meta: MetaFunction = () => pageMeta("果树认养 · 陇货通", "认养甘肃脱贫县的一棵果树：一年的收成、认养证书和生长日志，每一元计入管护果树的脱贫户。");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
