import { Form, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import type { ConfirmRequest } from "~/lib/forms.server";

/**
 * The "are you sure" panel of a money action (confirmRequest in forms.server): what will happen, and
 * one button that sends the same values again with confirmed=yes. A plain form, so it works without
 * JavaScript; 取消 reloads the page and nothing happens.
 */
export function ConfirmStep({ confirm, confirmLabel, cancelTo = "." }: { confirm: ConfirmRequest; confirmLabel: string; cancelTo?: string }) {
  const busy = useNavigation().state !== "idle";
  return (
    <section role="alertdialog" aria-labelledby="confirm-title" className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
      <h2 id="confirm-title" className="text-lg font-semibold">{confirm.title}</h2>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {confirm.details.map((d) => <li key={d}>{d}</li>)}
      </ul>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        {Object.entries(confirm.values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" disabled={busy} className="rounded-md bg-amber-700 px-4 py-2 font-medium text-white hover:bg-amber-800 disabled:opacity-60">{confirmLabel}</button>
        <Link to={cancelTo} className="text-sm text-stone-600 underline">取消，不执行</Link>
      </Form>
    </section>
  );
}
