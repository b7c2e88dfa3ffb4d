import { useState, type FormEvent } from "react";
import { FILE_MAX_BYTES } from "~/lib/upload-limits";

/**
 * The browser's check of a form's one document field before it sends: present when required, not
 * above the file limit. The server checks again (and the bytes); this only saves a 10 MB upload
 * that would be refused. `submit` is the form's own handler (react-hook-form's onSubmit).
 */
export function useDocumentCheck(input: { field: string; label: string; required: boolean; requiredMessage: string; submit: (event: FormEvent<HTMLFormElement>) => void }) {
  const [error, setError] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget.elements.namedItem(input.field) as HTMLInputElement | null;
    const file = element?.files?.[0];
    const problem = file && file.size > FILE_MAX_BYTES ? `${input.label}超过 10 MB` : !file && input.required ? input.requiredMessage : null;
    setError(problem);
    if (problem) {
      event.preventDefault();
      return;
    }
    input.submit(event);
  }
  return { error, onSubmit };
}
