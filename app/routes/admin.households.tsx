import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { errorResponse } from "~/lib/errors";
import { buttonClass, Field } from "~/components/form";
import { RowErrors } from "~/components/row-errors";
import type { RowError } from "~/lib/spreadsheet.server";
import { checkHouseholdFile, importHouseholds, MAX_HOUSEHOLD_FILE_BYTES, MAX_HOUSEHOLD_ROWS, registerSummary } from "~/models/coops/household-register.server";
import { flash, requireUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  // limits travel as data: a .server module's constants do not exist in the browser bundle
  return json({ summary: await registerSummary(), maxRows: MAX_HOUSEHOLD_ROWS });
}

type Result = { error?: string; rowErrors?: RowError[] };

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request, "staff");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_HOUSEHOLD_FILE_BYTES }));
  } catch {
    return json<Result>({ error: `文件超过 ${MAX_HOUSEHOLD_FILE_BYTES / 1024 / 1024} MB，或不是文件上传` }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return json<Result>({ error: "请选择 CSV 或 XLSX 文件" }, { status: 400 });
  const checked = await checkHouseholdFile(file.name, new Uint8Array(await file.arrayBuffer()));
  if (checked.errors.length) return json<Result>({ rowErrors: checked.errors }, { status: 400 });
  try {
    const { added, updated } = await importHouseholds(checked.rows);
    return json<Result>({}, { headers: await flash(request, `已导入：新增 ${added} 户，更新 ${updated} 户`) });
  } catch (error) {
    return errorResponse<Result>(error, {});
  }
}

export default function AdminHouseholds() {
  const { summary, maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">脱贫户登记</h1>
      <p className="text-sm text-stone-600">
        共登记 {summary.households} 户、{summary.people} 人。只登记编号、乡镇、村和人口，不存姓名；各户关联到供货合作社，合作社据此设置每件商品的受益农户。
      </p>
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3 rounded-lg border bg-white p-3">
        <Field label={`上传农户表（CSV 或 XLSX，最多 ${maxRows} 行）`} name="file">
          <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="text-sm" />
        </Field>
        <button className={buttonClass} disabled={navigation.state === "submitting"}>校验并导入</button>
        <a href="/admin/households/template.csv" className="text-sm text-brand-700 underline">下载模板</a>
      </Form>
      {result?.error ? <p role="alert" className="text-red-700">{result.error}</p> : null}
      {result?.rowErrors ? <RowErrors errors={result.rowErrors} nothingOf="农户" /> : null}
      <table className="text-sm">
        <thead className="text-left text-stone-500"><tr><th className="pr-6">区县</th><th className="text-right">登记户数</th></tr></thead>
        <tbody>
          {summary.byCounty.map((c) => (
            <tr key={c.county}><td className="pr-6">{c.county}</td><td className="text-right tabular-nums">{c.households}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "脱贫户登记 · 管理后台" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
