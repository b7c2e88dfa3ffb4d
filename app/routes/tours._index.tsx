import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CardGrid, TourCard } from "~/components/scheme-cards";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { pageMeta } from "~/lib/meta";
import { listTours } from "~/models/tours/tour.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ tours: await listTours() }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function ToursIndex() {
  const { tours } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-brand-700">鹭岛万人游临夏 · 乡村旅游</h1>
        <p className="max-w-3xl text-sm text-stone-600">
          厦门每年组织 2000 人赴临夏旅游。住脱贫户的农家院、请村里的向导、在农家乐吃饭：每一笔团费都计入接待的脱贫户。
        </p>
      </header>
      <CardGrid>
        {tours.map((t) => (
          <li key={t.slug}>
            <TourCard tour={t} />
          </li>
        ))}
      </CardGrid>
      {tours.length === 0 ? <p className="text-stone-500">暂时没有线路。</p> : null}
    </div>
  );
}

export const meta: MetaFunction = () => pageMeta("乡村旅游 · 陇货通", "鹭岛万人游临夏：农家院、向导与农家乐，团费计入接待的脱贫户。");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
