// The delivery half of an institution order's page: who receives the boxes (an imported list,
// gift codes, or one consignee), each parcel's courier and tracking number, the welfare standard
// and spend per head. The order page places these; its action answers their intents.
import { Form } from "@remix-run/react";
import { AreaPicker } from "~/components/area-picker";
import { buttonClass, Field, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { RowErrors } from "~/components/row-errors";
import { formatFen } from "~/lib/money";
import { maskMobile } from "~/lib/phone";
import type { AreaOptions } from "~/models/addresses/areas";
import { GIFT_CODE_FORMAT_LABELS, GIFT_CODE_FORMATS } from "~/models/institutions/gift-code.schema";
import { consigneeSchema, orderAllowanceSchema } from "~/models/institutions/welfare.schema";
import { parcelStatusLabel } from "~/models/parcels/status";

type RowError = { row: number; column: string | null; field: string | null; message: string };

export interface RecipientParcel {
  id: string;
  seq: number;
  source: string;
  recipient: string;
  mobile: string;
  city: string;
  district: string;
  packageLabel: string;
  quantity: number;
  status: string;
  courier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

const fileAccept = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 收件人: the allocation left, the import (add or replace), and each parcel with its tracking. */
export function RecipientsSection(props: {
  number: string;
  packages: { id: string; productName: string; variantName: string; available: number; quantity: number }[];
  recipients: { parcels: RecipientParcel[]; total: number };
  canImport: boolean;
  canRemove: boolean;
  rowErrors?: RowError[];
}) {
  const { number, packages, recipients, canImport, canRemove } = props;
  return (
    <section aria-labelledby="rcp-h" className="space-y-3">
      <h2 id="rcp-h" className="font-semibold">收件人与包裹（{recipients.total}）</h2>
      <p className="text-sm text-stone-600" data-testid="allocation">
        可分配：{packages.map((p) => `${p.productName}·${p.variantName} 还剩 ${p.available}/${p.quantity}`).join("；")}
      </p>
      {canImport ? (
        <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3 text-sm" aria-label="导入收件人">
          <Field label="上传收件人表（CSV 或 XLSX，最多 10000 行）" name="file">
            <input id="file" name="file" type="file" accept={fileAccept} className="max-w-full text-sm" />
          </Field>
          <label className="flex items-center gap-2 py-2">
            <input type="checkbox" name="replace" value="1" /> 替换已导入的名单（未发货前可用）
          </label>
          <button className={buttonClass}>校验并导入</button>
          <a href={`/org/orders/${number}/recipients-template.csv`} className="py-2 text-brand-700 underline">下载模板</a>
        </Form>
      ) : null}
      {canImport ? <p className="text-xs text-stone-500">省份、城市、区县按国家行政区划核对（仅限大陆地区）；同一文件再次导入不会重复添加。</p> : null}
      {props.rowErrors ? <RowErrors errors={props.rowErrors} nothingOf="收件人" /> : null}
      {recipients.total ? (
        <>
          <p className="flex flex-wrap gap-4 text-sm">
            <a href={`/org/orders/${number}/delivery-list.xlsx`} className="text-brand-700 underline">下载配送清单（Excel，含快递单号）</a>
            <a href={`/org/orders/${number}/delivery-list.csv`} className="text-brand-700 underline">CSV</a>
          </p>
          <ul className="divide-y rounded border bg-white text-sm md:hidden">
            {recipients.parcels.map((p) => (
              <li key={p.id} className="space-y-1 p-3">
                <p className="flex justify-between gap-2"><span className="font-medium">{p.recipient} <span className="font-normal text-stone-500">{maskMobile(p.mobile)}</span></span><span>{parcelStatusLabel(p.status)}</span></p>
                <p className="text-stone-600">{p.city}{p.district} · {p.packageLabel} ×{p.quantity}</p>
                <Tracking parcel={p} />
                {canRemove && p.source === "RECIPIENT" && p.status === "PENDING" ? <RemoveButton parcel={p} /> : null}
              </li>
            ))}
          </ul>
          <table className="hidden w-full text-sm md:table [&_td]:pr-3 [&_th]:pr-3">
            <thead className="text-left text-stone-500"><tr><th>包裹</th><th>收件人</th><th>手机</th><th>地区</th><th>礼盒</th><th className="text-right">数量</th><th>状态</th><th>快递</th><th /></tr></thead>
            <tbody>
              {recipients.parcels.map((p) => (
                <tr key={p.id} className="border-t align-top" data-testid={`parcel-${p.seq}`}>
                  <td className="py-1">{p.seq}</td><td>{p.recipient}</td><td>{maskMobile(p.mobile)}</td><td>{p.city}{p.district}</td><td>{p.packageLabel}</td>
                  <td className="text-right">{p.quantity}</td><td>{parcelStatusLabel(p.status)}</td><td><Tracking parcel={p} /></td>
                  <td>{canRemove && p.source === "RECIPIENT" && p.status === "PENDING" ? <RemoveButton parcel={p} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {recipients.total > recipients.parcels.length ? <p className="text-xs text-stone-500">仅显示前 {recipients.parcels.length} 个包裹，完整名单请下载配送清单。</p> : null}
        </>
      ) : null}
    </section>
  );
}

function Tracking({ parcel }: { parcel: RecipientParcel }) {
  if (!parcel.trackingNumber) return null;
  const text = `${parcel.courier ?? ""} ${parcel.trackingNumber}`;
  return parcel.trackingUrl ? <a href={parcel.trackingUrl} className="text-brand-700 underline" rel="noreferrer" target="_blank">{text}</a> : <span>{text}</span>;
}

function RemoveButton({ parcel }: { parcel: RecipientParcel }) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="parcelId" value={parcel.id} />
      <button name="intent" value="remove-recipient" className="text-sm text-red-700 underline" aria-label={`删除收件人 ${parcel.recipient}`}>删除</button>
    </Form>
  );
}

type ServerState = { errors?: Record<string, string> | null; values?: Record<string, string> | null } | undefined;

/** One consignee for the whole order (the canteen, the union office), without a file. */
export function ConsigneeSection(props: {
  consignee: { recipient: string | null; mobile: string | null; province: string | null; city: string | null; district: string | null; street: string | null };
  areas: AreaOptions;
  canEdit: boolean;
  server: ServerState;
}) {
  const c = props.consignee;
  const has = Boolean(c.recipient && c.street);
  return (
    <section aria-labelledby="consignee-h" className="space-y-2 rounded border bg-white p-4">
      <h2 id="consignee-h" className="font-semibold">统一收货人</h2>
      {has ? (
        <p className="text-sm" data-testid="consignee">{c.recipient} {maskMobile(c.mobile ?? "")} · {c.province}{c.city}{c.district}{c.street}</p>
      ) : (
        <p className="text-sm text-stone-600">整单送到一处（如食堂、工会办公室）时填写，无需上传名单；已分配给收件人和兑换码的份数不受影响。</p>
      )}
      {props.canEdit ? (
        <details open={Boolean(props.server?.errors)}>
          <summary className="cursor-pointer text-sm text-brand-700">{has ? "修改收货人" : "填写收货人"}</summary>
          <ValidatedForm
            schema={consigneeSchema}
            server={props.server}
            defaults={{ intent: "set-consignee", recipient: c.recipient ?? "", mobile: c.mobile ?? "", province: c.province ?? "", city: c.city ?? "", district: c.district ?? "", street: c.street ?? "" }}
            className="mt-2 grid gap-3 sm:grid-cols-2"
          >
            {(form) => (
              <>
                <input type="hidden" {...form.register("intent")} />
                <Field label="收货人（单位或姓名）" name="consignee-recipient" error={fieldError(form, "recipient")}><input id="consignee-recipient" className={inputClass} {...form.register("recipient")} /></Field>
                <Field label="手机号" name="consignee-mobile" error={fieldError(form, "mobile")}><input id="consignee-mobile" type="tel" inputMode="numeric" autoComplete="tel" className={inputClass} {...form.register("mobile")} /></Field>
                <AreaPicker
                  options={props.areas}
                  values={{ province: c.province ?? undefined, city: c.city ?? undefined, district: c.district ?? undefined, ...(props.server?.values ?? {}) }}
                  errors={{ province: fieldError(form, "province"), city: fieldError(form, "city"), district: fieldError(form, "district") }}
                  register={(name, rules) => form.register(name as "province", rules)}
                  setValue={(name, value) => form.setValue(name as "province", value)}
                />
                <Field label="详细地址" name="consignee-street" error={fieldError(form, "street")}><input id="consignee-street" autoComplete="street-address" className={inputClass} {...form.register("street")} /></Field>
                <div className="sm:col-span-2"><button className={buttonClass}>保存收货人</button></div>
              </>
            )}
          </ValidatedForm>
        </details>
      ) : null}
    </section>
  );
}

/** The welfare standard the order is held to, and what it gives per person. */
export function WelfareSection(props: {
  allowances: { id: string; name: string; perHeadFen: number }[];
  spend: { heads: number; totalFen: number; averageFen: number; maxFen: number; allowance: { id: string; name: string; perHeadFen: number } | null; over: number };
  canEdit: boolean;
  server: ServerState;
}) {
  const { spend } = props;
  return (
    <section aria-labelledby="welfare-h" className="space-y-2 rounded border bg-white p-4 text-sm">
      <h2 id="welfare-h" className="font-semibold">福利标准与人均</h2>
      <p data-testid="spend-per-head">
        {spend.heads ? `${spend.heads} 人，合计 ${formatFen(spend.totalFen)}，人均 ${formatFen(spend.averageFen)}，最高 ${formatFen(spend.maxFen)}` : "还没有收件人或兑换码"}
        {spend.allowance ? `；标准「${spend.allowance.name}」每人 ${formatFen(spend.allowance.perHeadFen)}${spend.over ? `，${spend.over} 人超标` : "，均在标准内"}` : ""}
      </p>
      {props.canEdit && props.allowances.length ? (
        <ValidatedForm schema={orderAllowanceSchema} server={props.server} defaults={{ intent: "set-allowance", allowanceId: spend.allowance?.id ?? "" }} className="flex flex-wrap items-end gap-2">
          {(form) => (
            <>
              <input type="hidden" {...form.register("intent")} />
              <Field label="本单适用的福利标准" name="allowanceId" error={fieldError(form, "allowanceId")}>
                <select id="allowanceId" className={inputClass} {...form.register("allowanceId")}>
                  <option value="">不限</option>
                  {props.allowances.map((a) => <option key={a.id} value={a.id}>{a.name}（每人 {formatFen(a.perHeadFen)}）</option>)}
                </select>
              </Field>
              <button className="rounded border px-3 py-2">保存</button>
            </>
          )}
        </ValidatedForm>
      ) : null}
      {props.canEdit && !props.allowances.length ? <p className="text-stone-500">单位管理员可在 <a href="/org/allowances" className="text-brand-700 underline">福利标准</a> 中设置每人标准（如春节慰问品每人 300 元），导入名单时逐行核对。</p> : null}
    </section>
  );
}

/** Codes wait for the money; an org admin of a verified organisation may hand them out first. */
export function CodesPayment(props: { refusal: string | null; canAllow: boolean; codesBeforePayment: boolean }) {
  if (props.codesBeforePayment) return <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">已选择先发码后付款：员工可以兑换，包裹在货款到账后发出。</p>;
  if (!props.refusal) return null;
  return (
    <div className="space-y-2 rounded bg-stone-50 p-3 text-sm">
      <p data-testid="codes-refusal">{props.refusal}</p>
      {props.canAllow ? (
        <Form method="post">
          <button name="intent" value="codes-before-payment" className="rounded border px-3 py-2">先发码、到账后发货</button>
        </Form>
      ) : null}
    </div>
  );
}

/** PDF cards with QR codes, or a spreadsheet: the codes are shown once, in the file chosen. */
export function CodeFormat({ register, id }: { register: object; id: string }) {
  return (
    <Field label="文件" name={id}>
      <select id={id} className={inputClass} {...register}>
        {GIFT_CODE_FORMATS.map((f) => <option key={f} value={f}>{GIFT_CODE_FORMAT_LABELS[f]}</option>)}
      </select>
    </Field>
  );
}
