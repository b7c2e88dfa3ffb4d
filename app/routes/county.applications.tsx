import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationDecision } from "~/components/application-review";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApplicationDetails, ApplicationStatusBadge } from "~/components/supplier-application";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { countyQueue, reviewFromForm } from "~/models/suppliers/application.server";
import { flash, requireUser } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

// 县级推荐: the county's reviewer sees the applications of their county only (staff see all).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "county_reviewer");
  try {
    return json({ applications: await countyQueue(user) }, { headers: PRIVATE });
  } catch (error) {
    throwAsResponse(error, PRIVATE);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "county_reviewer");
  const form = await request.formData();
  try {
    const result = await reviewFromForm(user, form);
    if (!result.ok) return json(result, { status: 400, headers: PRIVATE });
    return json(result, { headers: { ...PRIVATE, ...(await flash(request, result.message)) } });
  } catch (error) {
    return errorResponse(error, { ok: false, applicationId: String(form.get("applicationId") ?? "") }, { headers: PRIVATE });
  }
}

export default function CountyApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok: boolean; applicationId?: string; errors?: Record<string, string>; error?: string; values?: Record<string, string> } | undefined;
  const waiting = applications.filter((a) => a.status === "SUBMITTED");
  const others = applications.filter((a) => a.status !== "SUBMITTED");
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <div>
        <h1 className="text-2xl font-bold">县级推荐</h1>
        <p className="text-sm text-stone-600">本县合作社、企业的入驻申请：核实营业执照和利益联结情况后推荐给平台，或写明原因退回。</p>
      </div>
      {waiting.length === 0 ? <p className="text-sm text-stone-500">暂无待推荐的申请。</p> : null}
      <ul className="space-y-4">
        {waiting.map((a) => {
          const mine = result && !result.ok && result.applicationId === a.id ? result : undefined;
          return (
            <li key={a.id} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{a.name}</h2>
                <ApplicationStatusBadge status={a.status} />
              </div>
              <ApplicationDetails app={a} />
              <ApplicationDecision applicationId={a.id} approveIntent="recommend" approveLabel="推荐给平台" server={mine} />
            </li>
          );
        })}
      </ul>
      {others.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">已处理</h2>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white text-sm">
            {others.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>{a.name} · {a.county.name}</span>
                <ApplicationStatusBadge status={a.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "县级推荐 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
