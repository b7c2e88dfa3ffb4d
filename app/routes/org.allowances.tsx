import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { errorResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { formatFen } from "~/lib/money";
import { allowanceSchema } from "~/models/institutions/welfare.schema";
import { createAllowance, listAllowances } from "~/models/institutions/welfare.server";
import { flash, requireOrgMember } from "~/session.server";

// The organisation's welfare standards per head (工会福利标准): set by its admin, chosen on each order.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organization } = await requireOrgMember(request);
  return json({ allowances: await listAllowances(organization.id), canEdit: user.roles.includes("org_admin") });
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization } = await requireOrgMember(request, ["org_admin"]);
  const parsed = parseForm(allowanceSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await createAllowance({ organizationId: organization.id, name: parsed.data.name, perHeadFen: parsed.data.perHead });
  } catch (error) {
    return errorResponse(error, { values: parsed.values });
  }
  return json({ errors: null, values: null }, { headers: await flash(request, `已添加福利标准「${parsed.data.name}」`) });
}

export default function OrgAllowances() {
  const { allowances, canEdit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-bold">福利标准</h1>
      <p className="text-sm text-stone-600">按节日设定每人标准（如春节慰问品每人 300 元）。采购订单选用后，导入收件人时逐行核对每人所得是否在标准内，订单页显示人均金额。</p>
      {allowances.length ? (
        <table className="w-full text-sm">
          <thead className="text-left text-stone-500"><tr><th>名目</th><th className="text-right">每人标准</th><th className="text-right">使用订单</th></tr></thead>
          <tbody>{allowances.map((a) => <tr key={a.id} className="border-t"><td className="py-1">{a.name}</td><td className="text-right">{formatFen(a.perHeadFen)}</td><td className="text-right">{a._count.orders}</td></tr>)}</tbody>
        </table>
      ) : <p className="text-sm text-stone-500">还没有福利标准。</p>}
      {canEdit ? (
        <ValidatedForm schema={allowanceSchema} server={data?.errors ? { errors: data.errors, values: data.values as Record<string, string> } : undefined} defaults={{ name: "", perHead: "" }} className="grid max-w-lg gap-3 rounded border bg-white p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
          {(form) => (
            <>
              <Field label="福利名目" name="name" error={fieldError(form, "name")}><input id="name" placeholder="春节慰问品" className={inputClass} {...form.register("name")} /></Field>
              <Field label="每人标准（元）" name="perHead" error={fieldError(form, "perHead")}><input id="perHead" inputMode="decimal" className={inputClass} {...form.register("perHead")} /></Field>
              <button className={buttonClass}>添加</button>
            </>
          )}
        </ValidatedForm>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "福利标准 · 陇货通" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
