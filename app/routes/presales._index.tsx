import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CardGrid, PresaleCard } from "~/components/scheme-cards";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { listPresales } from "~/models/presales/presale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ presales: await listPresales() }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function PresalesIndex() {
  const { presales } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-700">订单农业 · 采收前预订</h1>
        <p className="max-w-3xl text-sm text-stone-600">
          在种下之前先订下收成：农户按订单种植，心里有底。付全款，或先付定金、采收确认后付尾款。实际收成不足时，按付款先后配货，未配到的部分自动原路退款。
          <Link to="/presales/mine" className="ml-2 text-brand-700 underline">我的预订</Link>
        </p>
      </header>
      <CardGrid>
        {presales.map((p) => (
          <li key={p.slug}>
            <PresaleCard presale={p} />
          </li>
        ))}
      </CardGrid>
      {presales.length === 0 ? <p className="text-stone-500">暂时没有预售。</p> : null}
    </div>
  );
}

export const meta: MetaFunction = () => pageMeta("订单农业 · 陇货通", "采收前预订陇南辣椒、武都花椒：付全款或定金，收成不足按付款先后配货并自动退款。");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
