import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { parseForm } from "~/lib/forms.server";
import { isDomainError } from "~/lib/errors";
import { memberSchema, programmeSchema } from "~/models/programmes/programme.schema";
import { addMember, createProgramme, listProgrammes, programmeOrganizations, removeMember } from "~/models/programmes/programme.server";
import { reportFilterOptions } from "~/models/impact/report.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  const [programmes, organizations, { counties }] = await Promise.all([listProgrammes(), programmeOrganizations(), reportFilterOptions()]);
  return json({ programmes, organizations, counties });
}

type ActionData = { form: string; errors: Record<string, string>; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, "staff");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "create") {
      const parsed = parseForm(programmeSchema, form);
      if (!parsed.ok) return json<ActionData>({ form: "create", errors: parsed.errors, values: parsed.values }, { status: 400 });
      await createProgramme(parsed.data);
      return json<ActionData>({ form: "", errors: {} }, { headers: await flash(request, "已新建定点帮扶项目") });
    }
    const parsed = parseForm(memberSchema, form);
    if (!parsed.ok) return json<ActionData>({ form: `member:${form.get("programmeId")}`, errors: parsed.errors }, { status: 400 });
    if (parsed.data.intent === "add-member") await addMember(parsed.data.programmeId, parsed.data.organizationId);
    else await removeMember(parsed.data.programmeId, parsed.data.organizationId);
    return json<ActionData>({ form: "", errors: {} }, { headers: await flash(request, parsed.data.intent === "add-member" ? "已加入项目" : "已移出项目") });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const key = intent === "create" ? "create" : `member:${form.get("programmeId")}`;
    return json<ActionData>({ form: key, errors: { [error.field ?? "form"]: error.message } }, { status: error.status });
  }
}

export const meta: MetaFunction = () => [{ title: "定点帮扶项目 · 管理后台" }];

export default function AdminProgrammes() {
  const { programmes, counties, organizations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const server = result?.form === "create" ? result : undefined;
  const form = useValidatedForm(programmeSchema as never, server, { intent: "create", name: "", unitName: "", countyId: "", startsOn: "", endsOn: "" } as never);
  const errors = { ...Object.fromEntries(Object.entries(form.formState.errors).map(([k, v]) => [k, (v as { message?: string })?.message])), ...(server?.errors ?? {}) } as Record<string, string | undefined>;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">定点帮扶项目</h1>
      <p className="text-sm text-stone-600">
        项目成员单位采购帮扶县的产品，在项目期间内计入该项目。同一单位在同一县同一时段只能计入一个项目，报表里每笔销售按项目只计一次。
        <Link to="/admin/reports/crosstab?rows=programme&cols=county" className="ml-1 text-brand-700 underline">查看交叉汇总</Link>
      </p>
      <ul className="space-y-4">
        {programmes.map((p) => {
          const memberState = result?.form === `member:${p.id}` ? result : undefined;
          return (
            <li key={p.id} className="rounded border bg-white p-4 text-sm" data-testid={`programme-${p.id}`}>
              <h2 className="font-semibold">{p.name}</h2>
              <p className="text-stone-600">帮扶单位 {p.unitName} · 帮扶县 {p.county.name} · {p.startsOn} 起{p.endsOn ? `，至 ${p.endsOn}` : ""}</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {p.members.map((m) => (
                  <li key={m.organization.id} className="flex items-center gap-1 rounded bg-stone-100 px-2 py-1">
                    {m.organization.name}
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="programmeId" value={p.id} />
                      <input type="hidden" name="organizationId" value={m.organization.id} />
                      <button className="text-xs text-red-700" aria-label={`将 ${m.organization.name} 移出`}>×</button>
                    </Form>
                  </li>
                ))}
              </ul>
              <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="add-member" />
                <input type="hidden" name="programmeId" value={p.id} />
                <Field label="加入采购单位" name={`org-${p.id}`} error={memberState?.errors.organizationId ?? memberState?.errors.form}>
                  <select id={`org-${p.id}`} name="organizationId" className={inputClass}>
                    <option value="">请选择</option>
                    {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                  </select>
                </Field>
                <button className="rounded border px-3 py-2">加入</button>
              </Form>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="new-h" className="rounded border bg-white p-4">
        <h2 id="new-h" className="mb-3 font-semibold">新建项目</h2>
        <Form method="post" noValidate onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2">
          <input type="hidden" {...form.register("intent" as never)} />
          <Field label="项目名称" name="name" error={errors.name}><input id="name" className={inputClass} {...form.register("name" as never)} /></Field>
          <Field label="帮扶单位" name="unitName" error={errors.unitName}><input id="unitName" className={inputClass} {...form.register("unitName" as never)} /></Field>
          <Field label="帮扶县" name="countyId" error={errors.countyId}>
            <select id="countyId" className={inputClass} {...form.register("countyId" as never)}>
              <option value="">请选择</option>
              {counties.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="开始日期" name="startsOn" error={errors.startsOn}><input id="startsOn" type="date" className={inputClass} {...form.register("startsOn" as never)} /></Field>
            <Field label="结束日期（选填）" name="endsOn" error={errors.endsOn}><input id="endsOn" type="date" className={inputClass} {...form.register("endsOn" as never)} /></Field>
          </div>
          {errors.form ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{errors.form}</p> : null}
          <button className={buttonClass} disabled={navigation.state === "submitting"}>新建</button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
