interface ActionResult {
  error?: string;
  errors?: Record<string, string>;
}

/**
 * On a page of many small forms (one per parcel, request or statement), the message of the last
 * action belongs to the card it was about: `id` is that card's, `of` the id the action returned.
 */
export function ActionMessage({ result, of, id }: { result: ActionResult | undefined; of: string | null | undefined; id: string }) {
  if (!result || of !== id) return null;
  const message = result.errors ? Object.values(result.errors)[0] : result.error;
  return message ? (
    <p role="alert" className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
