import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductGrid } from "~/components/product-card";
import { getHall } from "~/models/hall.server";
import { hallProducts } from "~/models/product.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const hall = await getHall(params.slug ?? "");
  if (!hall) throw new Response("没有这个体验馆", { status: 404 });
  const { total, products } = await hallProducts(hall.id);
  return json({ hall, total, products });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.hall.slogan} · ${data.hall.name} · 陇货通` }] : [{ title: "页面不存在 · 陇货通" }];

export default function HallPage() {
  const { hall, total, products } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header>
        <p className="text-sm text-stone-500">{hall.name}</p>
        <h1 className="text-2xl font-bold text-brand-700">{hall.slogan}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {hall.city.name}自 {hall.city.since} 年起结对帮扶：{hall.city.prefectures.map((p) => p.name).join("、")}
        </p>
      </header>
      <p className="text-sm text-stone-500">共 {total} 种特产</p>
      <ProductGrid products={products} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
