import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { NavLink } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/session.server";

// Child loaders run in parallel with this one, so each of them checks the role too.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return json(null, { headers: { "Cache-Control": "private, no-store" } });
}

const LINKS = [
  { to: "/admin", label: "概览", end: true },
  { to: "/admin/users", label: "用户与角色", end: false },
  { to: "/admin/halls", label: "体验馆陈列", end: false },
  { to: "/admin/suppliers", label: "供货主体入驻", end: false },
  { to: "/admin/certification", label: "扶贫认定", end: false },
  { to: "/admin/households", label: "农户登记", end: false },
  { to: "/admin/organizations", label: "采购单位", end: false },
  { to: "/admin/bank-transfers", label: "对公转账", end: false },
  { to: "/admin/invoices", label: "发票", end: false },
  { to: "/admin/prices", label: "价格审核", end: false },
  { to: "/admin/orders", label: "订单", end: false },
  { to: "/admin/parcels", label: "超时未发货", end: false },
  { to: "/admin/after-sales", label: "售后仲裁", end: false },
  { to: "/admin/settlements", label: "合作社结算", end: false },
  { to: "/admin/reports", label: "销售与帮扶报表", end: true },
  { to: "/admin/reports/crosstab", label: "交叉汇总", end: false },
  { to: "/admin/programmes", label: "定点帮扶", end: false },
  { to: "/admin/reconciliation", label: "账本对账", end: false },
  { to: "/admin/messages", label: "消息发送", end: false },
];

export default function AdminLayout() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      <nav aria-label="管理后台" className="mb-6 flex flex-wrap gap-2 border-b border-stone-200 pb-3 text-sm">
        {LINKS.map((l) => (
          <NavLink
            key={l.to}
            to={l.to}
            end={l.end}
            className={({ isActive }) => `rounded px-3 py-1 ${isActive ? "bg-brand-600 text-white" : "hover:bg-stone-100"}`}
          >
            {l.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
