// Apart from photos.schema.ts: every product card needs the address, and the schema module would
// bring zod into the browser code of pages with no form.

/** The public address of one stored size. Keys are random, so a draft's photo is not guessable. */
export function photoUrl(storageKey: string, width: number, format: "webp" | "avif") {
  return `/images/p/${storageKey}/${width}.${format}`;
}
