import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listHalls } from "~/models/catalog/hall.server";
import { requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json({ halls: await listHalls() }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function AdminHalls() {
  const { halls } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">体验馆陈列</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {halls.map((h) => (
          <li key={h.slug}>
            <Link to={`/admin/halls/${h.slug}`} className="block rounded-lg border border-stone-200 bg-white p-4 hover:shadow">
              <p className="font-semibold text-brand-700">{h.slogan}</p>
              <p className="text-sm">{h.name}</p>
              <p className="text-xs text-stone-500">上架 {h._count.listings} 种</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "体验馆陈列 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
