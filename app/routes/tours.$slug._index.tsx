import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { catalogCacheHeaders, loaderCacheHeaders } from "~/lib/http-cache.server";
import { throwAsResponse } from "~/lib/errors";
import { pageMeta } from "~/lib/meta";
import { formatFen } from "~/lib/money";
import { tourPage } from "~/models/tours/tour.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const tour = await tourPage(params.slug ?? "").catch(throwAsResponse);
  return json({ tour }, { headers: catalogCacheHeaders(request) });
}

export const headers = loaderCacheHeaders;

export default function TourRoute() {
  const { tour } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header className="grid gap-6 md:grid-cols-[1fr_22rem]">
        <div className="space-y-2">
          <p className="text-sm text-stone-500">
            <Link to="/tours" className="hover:underline">乡村旅游</Link> · {tour.product.county.prefecture.name}{tour.product.county.name}
          </p>
          <h1 className="text-2xl font-bold">{tour.name}</h1>
          <p className="text-stone-700">{tour.intro}</p>
          <p className="text-sm text-stone-600">
            {tour.days} 天 · 组织：{tour.coop.name}{tour.coop.kind === "ENTERPRISE" ? "（旅行社）" : "（合作社）"} · {tour.product.households} 户脱贫户、{tour.product.people} 人参与接待并受益
          </p>
        </div>
        {tour.product.images[0] ? <img src={tour.product.images[0].url} alt={tour.product.images[0].alt} width={400} height={300} className="w-full rounded-lg object-cover" /> : null}
      </header>

      <section aria-labelledby="departures" className="space-y-2">
        <h2 id="departures" className="text-xl font-semibold">团期</h2>
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {tour.departures.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm" data-testid="departure">
              <span>
                <strong>{d.departOn}</strong> 出发 · {d.returnOn} 返回
                <span className="ml-2 text-stone-500">余 {d.seatsLeft} / {d.capacity} 座 · {d.closesOn} 截止报名</span>
              </span>
              <span className="flex items-center gap-3">
                <span>
                  <strong className="text-brand-700">{formatFen(d.priceFen)}</strong>/人
                  <span className="ml-1 text-xs text-stone-500">单位 {d.groupMinSeats} 人以上 {formatFen(d.groupPriceFen)}/人</span>
                </span>
                {d.bookable ? (
                  <Link to={`/tours/${tour.slug}/${d.id}`} className="rounded bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">预订</Link>
                ) : (
                  <span className="text-stone-500">{d.seatsLeft === 0 ? "已满" : "已截止"}</span>
                )}
              </span>
            </li>
          ))}
          {tour.departures.length === 0 ? <li className="p-3 text-sm text-stone-500">暂无团期</li> : null}
        </ul>
      </section>

      <section aria-labelledby="itinerary" className="space-y-2">
        <h2 id="itinerary" className="text-xl font-semibold">行程</h2>
        <ol className="space-y-2">
          {tour.itinerary.map((d) => (
            <li key={d.day} className="rounded border border-stone-200 bg-white p-3 text-sm">
              <p className="font-medium">第 {d.day} 天 · {d.title}</p>
              <p className="text-stone-600">{d.detail}</p>
            </li>
          ))}
        </ol>
      </section>

      <div className="grid gap-6 md:grid-cols-3">
        <section aria-labelledby="included" className="text-sm">
          <h2 id="included" className="mb-1 text-lg font-semibold">费用包含</h2>
          <ul className="list-disc space-y-1 pl-5">{tour.inclusions.map((x) => <li key={x}>{x}</li>)}</ul>
          {tour.exclusions.length ? (
            <>
              <h3 className="mb-1 mt-3 font-semibold">不含</h3>
              <ul className="list-disc space-y-1 pl-5 text-stone-600">{tour.exclusions.map((x) => <li key={x}>{x}</li>)}</ul>
            </>
          ) : null}
        </section>
        <section aria-labelledby="earners" className="text-sm">
          <h2 id="earners" className="mb-1 text-lg font-semibold">谁从中受益</h2>
          <ul className="space-y-1">{tour.earners.map((e) => <li key={e.label}><strong>{e.label}</strong>：{e.detail}</li>)}</ul>
        </section>
        <section aria-labelledby="rules" className="text-sm">
          <h2 id="rules" className="mb-1 text-lg font-semibold">预订须知</h2>
          <ul className="list-disc space-y-1 pl-5">
            {tour.cancellation.map((c) => <li key={c}>{c}</li>)}
            <li>每位游客须填写真实姓名、手机号和居民身份证号，仅用于本团期的保险和住宿登记，行程结束后删除。</li>
            {tour.guardianRule ? <li>未满 18 周岁的游客须有成年监护人同行。</li> : null}
            <li>出发前 {tour.cutoffDays} 天截止报名。</li>
          </ul>
        </section>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.tour.name} · 乡村旅游 · 陇货通`, data.tour.intro) : [{ title: "线路不存在 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
