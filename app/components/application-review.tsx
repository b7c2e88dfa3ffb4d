import { Form } from "@remix-run/react";
import { fieldError, inputClass, ValidatedForm } from "~/components/form";
import { rejectionSchema } from "~/models/suppliers/application.schema";

/** Recommend / approve and send back with a reason: one form for the county page and for staff. */
export function ApplicationDecision({
  applicationId,
  approveIntent,
  approveLabel,
  server,
}: {
  applicationId: string;
  approveIntent: "recommend" | "approve";
  approveLabel: string;
  /** The action's answer when it is about this application. */
  server?: { errors?: Record<string, string>; values?: Record<string, string> };
}) {
  const reasonId = `reason-${applicationId}`;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Form method="post">
        <input type="hidden" name="applicationId" value={applicationId} />
        <button name="intent" value={approveIntent} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">{approveLabel}</button>
      </Form>
      <ValidatedForm schema={rejectionSchema} server={server} defaults={{ applicationId, reason: "" }} className="flex flex-1 flex-wrap items-end gap-2">
        {(form) => {
          const error = fieldError(form, "reason") ?? fieldError(form, "form");
          return (
            <>
              <input type="hidden" {...form.register("applicationId")} />
              <label htmlFor={reasonId} className="flex min-w-[12rem] flex-1 flex-col text-xs">
                退回原因（申请人可见）
                <input id={reasonId} aria-invalid={Boolean(error)} className={inputClass} {...form.register("reason")} />
              </label>
              <button name="intent" value="reject" className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">退回</button>
              {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
            </>
          );
        }}
      </ValidatedForm>
    </div>
  );
}
