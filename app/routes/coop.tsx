import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { NavLink } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireCoopManager } from "~/session.server";

// Child loaders run in parallel with this one, so each of them checks the manager too. The
// application form (/coop/apply) is for people who are not managers yet: it sits outside (coop_.apply).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCoopManager(request);
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

const LINKS = [
  { to: "/coop", label: "工作台", end: true },
  { to: "/coop/orders", label: "订单发货" },
  { to: "/coop/after-sales", label: "售后" },
  { to: "/coop/products", label: "商品与库存" },
  { to: "/coop/trees", label: "果树认养" },
  { to: "/coop/tours", label: "乡村旅游" },
  { to: "/coop/presales", label: "订单农业" },
  { to: "/coop/settlements", label: "结算" },
  { to: "/coop/impact", label: "农户收益" },
];

export default function CoopLayout() {
  return (
    <>
      <nav aria-label="合作社" className="mx-auto flex max-w-5xl gap-1 overflow-x-auto px-4 pt-4 text-sm">
        {LINKS.map((l) => (
          <NavLink key={l.to} to={l.to} end={"end" in l} className={({ isActive }) => `whitespace-nowrap rounded px-3 py-2 ${isActive ? "bg-brand-600 text-white" : "hover:bg-stone-100"}`}>
            {l.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
