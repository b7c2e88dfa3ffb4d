import type { AreaOptions } from "~/models/addresses/areas";
import { AreaPicker } from "./area-picker";
import { Field, inputClass } from "./form";

type AddressField = "recipient" | "mobile" | "province" | "city" | "district" | "street";

interface AddressFieldsProps {
  /** the picker's lists for the starting province and city (`areaOptions` in the loader) */
  options: AreaOptions;
  values: Partial<Record<AddressField, string | undefined>>;
  errors: Partial<Record<AddressField, string | undefined>>;
  /** react-hook-form's register and setValue (from useValidatedForm) */
  register: (name: string, rules?: object) => object;
  setValue: (name: string, value: string) => void;
}

/**
 * The fields of a mainland address — 收件人, 手机号码, the linked 省 / 市 / 区县 picker, 详细地址 — as
 * checkout, the address book and a pre-order ask for them (addressSchema's names). Two columns from
 * the small breakpoint up, one on a phone.
 */
export function AddressFields({ options, values, errors, register, setValue }: AddressFieldsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label="收件人" name="recipient" error={errors.recipient}>
        <input id="recipient" autoComplete="name" className={inputClass} aria-invalid={Boolean(errors.recipient)} defaultValue={values.recipient} {...register("recipient")} />
      </Field>
      <Field label="手机号码" name="mobile" error={errors.mobile}>
        <input id="mobile" type="tel" inputMode="tel" autoComplete="tel" className={inputClass} aria-invalid={Boolean(errors.mobile)} defaultValue={values.mobile} {...register("mobile")} />
      </Field>
      <AreaPicker options={options} values={values} errors={errors} register={register} setValue={setValue} />
      <Field label="详细地址" name="street" error={errors.street}>
        <input id="street" autoComplete="street-address" className={inputClass} aria-invalid={Boolean(errors.street)} defaultValue={values.street} {...register("street")} />
      </Field>
    </div>
  );
}

/** react-hook-form's errors object → the message per field that AddressFields shows. */
export function errorMessages(errors: object): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, (v as { message?: string } | undefined)?.message]));
}
