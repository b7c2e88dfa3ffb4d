import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { NavLink } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ORG_STATUS_LABELS } from "~/models/institutions/organization.schema";
import { organizationBanner } from "~/models/institutions/organization.server";
import { requireUser } from "~/session.server";

// Child loaders run in parallel with this one; each checks membership and role itself.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await organizationBanner(user.organizationId);
  return json(
    { org, isAdmin: user.roles.includes("org_admin") },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function OrgLayout() {
  const { org, isAdmin } = useLoaderData<typeof loader>();
  const links = [
    { to: "/org", label: "概览", end: true },
    { to: "/org/orders", label: "采购订单", end: true },
    { to: "/org/orders/new", label: "新建采购", end: false },
    ...(isAdmin ? [{ to: "/org/members", label: "成员与设置", end: false }] : []),
    { to: "/org/allowances", label: "福利标准", end: false },
    { to: "/org/impact", label: "帮扶成效", end: false },
  ];
  return (
    <div className="mx-auto max-w-6xl px-4 py-6">
      {org ? (
        <div className="mb-3 flex flex-wrap items-baseline gap-2">
          <span className="text-lg font-semibold">{org.name}</span>
          <span className={`rounded px-2 py-0.5 text-xs ${org.status === "VERIFIED" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-800"}`}>
            {ORG_STATUS_LABELS[org.status] ?? org.status}
          </span>
        </div>
      ) : null}
      {org ? (
        <nav aria-label="单位采购" className="mb-6 flex flex-wrap gap-2 border-b border-stone-200 pb-3 text-sm">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} end={l.end} className={({ isActive }) => `rounded px-3 py-1 ${isActive ? "bg-brand-600 text-white" : "hover:bg-stone-100"}`}>
              {l.label}
            </NavLink>
          ))}
        </nav>
      ) : null}
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
