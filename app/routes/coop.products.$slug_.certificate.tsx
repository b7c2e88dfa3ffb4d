import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, Field, inputClass, useValidatedForm } from "~/components/form";
import { businessDay } from "~/lib/china-time";
import { parseFormWithDocument } from "~/lib/documents.server";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { CERTIFICATE_SCAN_BODY_LIMIT } from "~/lib/upload-limits";
import { useDocumentCheck } from "~/components/document-upload";
import { CERT_LABELS } from "~/models/catalog/certification-status";
import { CERTIFICATE_ACCEPT, certificateSchema } from "~/models/coops/certificate.schema";
import { submitCertificate } from "~/models/coops/lifecycle.server";
import { ListingNotFound } from "~/models/coops/listing.server";
import { flash, requireOwnListing } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { product } = await requireOwnListing(request, params.slug);
  return json(
    {
      product: {
        id: product.id, slug: product.slug, name: product.name, certStatus: product.certStatus, certNumber: product.certNumber, certIssuer: product.certIssuer,
        certValidFrom: product.certValidFrom, certExpiresAt: product.certExpiresAt, certRejectReason: product.certRejectReason, certScanType: product.certScanType,
        coopCounty: product.coop.county.name,
      },
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await requireOwnListing(request, params.slug);
  try {
    const parsed = await parseFormWithDocument(request, certificateSchema, { field: "scan", label: "证书扫描件", maxBodyBytes: CERTIFICATE_SCAN_BODY_LIMIT });
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
    try {
      await submitCertificate({ coopId: user.coopId, slug: product.slug, data: parsed.data, scan: parsed.document, actorId: user.id });
    } catch (error) {
      if (error instanceof ListingNotFound) throwAsResponse(error, PRIVATE);
      return errorResponse(error, { values: parsed.values }, { headers: PRIVATE });
    }
  } catch (error) {
    return errorResponse(error, {}, { headers: PRIVATE });
  }
  return redirect(`/coop/products/${product.slug}`, { headers: await flash(request, "认定申请已提交，平台核对通过后商品自动上架") });
}

export default function CoopProductCertificate() {
  const { product } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string>; error?: string } | undefined;
  const navigation = useNavigation();
  const day = (d: string | null) => (d ? businessDay(new Date(d)) : "");
  const form = useValidatedForm(certificateSchema, result, {
    certNumber: product.certNumber ?? "",
    certIssuer: product.certIssuer ?? product.coopCounty,
    validFrom: day(product.certValidFrom),
    validUntil: day(product.certExpiresAt),
  });
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const { error: fileError, onSubmit } = useDocumentCheck({ field: "scan", label: "证书扫描件", required: !product.certScanType, requiredMessage: "请上传认定证书的扫描件或照片", submit: form.onSubmit });
  const scanError = fileError ?? result?.errors?.scan ?? (result?.error && !result.errors ? result.error : undefined);
  const text = (name: Parameters<typeof form.register>[0], props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} className={inputClass} aria-invalid={Boolean(errors[name])} {...props} {...form.register(name)} />
  );
  const certified = product.certStatus === "CERTIFIED";


  return (
    <div className="mx-auto max-w-xl space-y-6 px-4 py-8">
      <div>
        <Link to={`/coop/products/${product.slug}`} className="text-sm text-brand-700 hover:underline">← {product.name}</Link>
        <h1 className="text-2xl font-bold">扶贫产品认定</h1>
        <p className="text-sm text-stone-600">填写区县颁发的扶贫产品认定证书信息并上传扫描件。平台工作人员核对后认定，商品随即上架。</p>
        <p className="mt-2 text-sm">当前：{CERT_LABELS[product.certStatus] ?? product.certStatus}</p>
        {product.certStatus === "REJECTED" && product.certRejectReason ? <p role="status" className="text-sm text-red-700">退回原因：{product.certRejectReason}</p> : null}
        {product.certScanType ? <a href={`/certificates/${product.id}/scan`} target="_blank" rel="noreferrer" className="text-sm text-brand-700 underline">查看已上传的扫描件</a> : null}
      </div>
      {certified ? (
        <p className="text-sm">认定在有效期内，无需重新提交。</p>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit} className="space-y-4">
          <Field label="证书编号" name="certNumber" error={errors.certNumber?.message}>{text("certNumber")}</Field>
          <Field label="发证区县" name="certIssuer" error={errors.certIssuer?.message}>{text("certIssuer")}</Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="发证日期" name="validFrom" error={errors.validFrom?.message}>{text("validFrom", { type: "date" })}</Field>
            <Field label="有效期至" name="validUntil" error={errors.validUntil?.message}>{text("validUntil", { type: "date" })}</Field>
          </div>
          <Field label={product.certScanType ? "证书扫描件（不换可不选）" : "证书扫描件"} name="scan" error={scanError} hint="JPEG、PNG、WebP 图片或 PDF，不超过 10 MB">
            <input id="scan" name="scan" type="file" accept={CERTIFICATE_ACCEPT} aria-invalid={Boolean(scanError)} className="block w-full text-sm" />
          </Field>
          <button className={buttonClass} disabled={navigation.state === "submitting"}>提交认定申请</button>
        </Form>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `扶贫产品认定 · ${data?.product.name ?? "商品"} · 合作社` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
