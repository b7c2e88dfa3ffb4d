import { useEffect, useState } from "react";
import { Field, inputClass } from "~/components/form";
import { INVOICE_CHOICE_LABELS, INVOICE_CHOICES, TITLE_KIND_LABELS, TITLE_KINDS, type InvoiceChoice } from "~/models/invoices/invoice-request.schema";

/**
 * The 发票 request inside a larger form (checkout, the institution builder, an order page). With
 * JavaScript the 专票 fields appear only for 专票; without it they are all shown, marked 专票必填.
 * `organizationOnly` (institutions) fixes the title kind to 单位.
 */
export function InvoiceRequestFields(props: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  organizationOnly?: boolean;
  /** react-hook-form's register (useValidatedForm), when the surrounding form validates in the browser. */
  register?: (name: never) => Record<string, unknown>;
}) {
  const { values, errors } = props;
  const [type, setType] = useState<InvoiceChoice>((values.invoiceType as InvoiceChoice) ?? "NONE");
  const [hydrated, setHydrated] = useState(false);
  // Before hydration (or without JavaScript) every field shows, so a form posted without JS can be complete.
  useEffect(() => setHydrated(true), []);
  const showSpecial = !hydrated || type === "SPECIAL";
  const showDetails = !hydrated || type !== "NONE";
  const bind = (name: string) => (props.register ? props.register(name as never) : { name, defaultValue: values[name] ?? "" });
  const input = (name: string, label: string, hint?: string, extra: Record<string, string> = {}) => (
    <Field label={label} name={name} error={errors[name]} hint={hint}>
      <input id={name} aria-invalid={Boolean(errors[name])} className={inputClass} {...extra} {...bind(name)} />
    </Field>
  );
  const typeBinding = bind("invoiceType") as { onChange?: (e: unknown) => unknown };
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 font-semibold">发票</legend>
      <Field label="发票类型" name="invoiceType" error={errors.invoiceType}>
        <select
          id="invoiceType"
          className={inputClass}
          {...typeBinding}
          onChange={(e) => {
            void typeBinding.onChange?.(e);
            setType(e.target.value as InvoiceChoice);
          }}
        >
          {INVOICE_CHOICES.map((t) => (
            <option key={t} value={t}>{INVOICE_CHOICE_LABELS[t]}</option>
          ))}
        </select>
      </Field>
      {props.organizationOnly ? (
        <input type="hidden" name="invoiceTitleKind" value="ORGANIZATION" />
      ) : showDetails ? (
        <Field label="抬头类型" name="invoiceTitleKind" error={errors.invoiceTitleKind}>
          <select id="invoiceTitleKind" className={inputClass} {...bind("invoiceTitleKind")}>
            {TITLE_KINDS.map((k) => (
              <option key={k} value={k}>{TITLE_KIND_LABELS[k]}</option>
            ))}
          </select>
        </Field>
      ) : null}
      {showDetails ? (
        <>
          {input("invoiceTitle", "发票抬头", "单位全称，或个人姓名")}
          {input("invoiceTaxNo", "纳税人识别号", "单位必填：15、17、18 或 20 位；个人可不填", { autoCapitalize: "characters" })}
        </>
      ) : null}
      {showSpecial ? (
        <>
          {input("invoiceAddress", "注册地址（专票必填）")}
          {input("invoicePhone", "注册电话（专票必填）", undefined, { inputMode: "tel" })}
          {input("invoiceBank", "开户银行（专票必填）")}
          {input("invoiceAccount", "银行账号（专票必填）", undefined, { inputMode: "numeric" })}
        </>
      ) : null}
    </fieldset>
  );
}
