import * as z from "zod";
import { checkboxField } from "~/lib/form-fields";
import { addressSchema } from "~/models/addresses/address.schema";

/** Adding or editing an address in the address book (no id: a new one). */
export const saveAddressSchema = addressSchema.extend({
  intent: z.literal("save"),
  id: z.string().max(40).optional(),
  makeDefault: checkboxField,
});

/** The address book's one action: save, delete or make default. */
export const addressBookSchema = z.discriminatedUnion("intent", [
  saveAddressSchema,
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("default"), id: z.string().min(1).max(40) }),
]);
