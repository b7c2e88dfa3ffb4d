import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Link } from "~/components/link";
import { useState, type FormEvent } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { buttonClass, fieldError, inputClass, ValidatedForm } from "~/components/form";
import { ProductPhoto } from "~/components/product-photo";
import { errorResponse, throwAsResponse } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { FILE_MAX_BYTES, PRODUCT_PHOTOS_BODY_LIMIT } from "~/lib/upload-limits";
import { filesOf, readUploadForm } from "~/lib/uploads.server";
import { ListingNotFound } from "~/models/coops/listing.server";
import { MAX_PHOTOS_PER_PRODUCT, PHOTO_ACCEPT, photoAltSchema, photoMoveSchema, PHOTOS_PER_REQUEST } from "~/models/coops/photos.schema";
import { addPhotos, deletePhoto, movePhoto, productPhotos, setPhotoAlt } from "~/models/coops/photos.server";
import { flash, requireOwnListing } from "~/session.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { product } = await requireOwnListing(request, params.slug);
  return json({ product: { slug: product.slug, name: product.name }, photos: await productPhotos(product.id) }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await requireOwnListing(request, params.slug);
  try {
    const form = await readUploadForm(request, { maxBodyBytes: PRODUCT_PHOTOS_BODY_LIMIT, maxFileBytes: FILE_MAX_BYTES, field: "photos", fileMessage: "有图片超过 10 MB，没有保存任何图片" });
    const intent = form.get("intent");
    const back = `/coop/products/${product.slug}/photos`;
    if (intent === "alt" || intent === "move" || intent === "delete") {
      if (intent === "alt") {
        const parsed = parseForm(photoAltSchema, form);
        if (!parsed.ok) return json({ photoId: parsed.values.photoId, errors: parsed.errors, values: parsed.values }, { status: 400, headers: PRIVATE });
        await setPhotoAlt(user.coopId, parsed.data.photoId, parsed.data.alt);
      } else if (intent === "move") {
        const parsed = parseForm(photoMoveSchema, form);
        if (!parsed.ok) return json({ errors: { photos: "请求无效" } }, { status: 400, headers: PRIVATE });
        await movePhoto(user.coopId, parsed.data.photoId, parsed.data.direction);
      } else {
        await deletePhoto(user.coopId, String(form.get("photoId") ?? ""), user.id);
      }
      return redirect(back, { headers: await flash(request, "图片已更新") });
    }
    const files = filesOf(form, "photos");
    if (files.length > PHOTOS_PER_REQUEST) return json({ errors: { photos: `一次最多上传 ${PHOTOS_PER_REQUEST} 张` } }, { status: 400, headers: PRIVATE });
    const incoming = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const added = await addPhotos({ coopId: user.coopId, productId: product.id, files: incoming, alts: form.getAll("alt").map(String), actorId: user.id, defaultAlt: product.name });
    return redirect(back, { headers: await flash(request, `已上传 ${added} 张图片`) });
  } catch (error) {
    if (error instanceof ListingNotFound) throwAsResponse(error, PRIVATE);
    return errorResponse(error, {}, { headers: PRIVATE });
  }
}

export default function CoopProductPhotos() {
  const { product, photos } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { photoId?: string; errors?: Record<string, string>; error?: string; values?: Record<string, string> } | undefined;
  const navigation = useNavigation();
  const [clientError, setClientError] = useState<string | null>(null);
  const left = MAX_PHOTOS_PER_PRODUCT - photos.length;
  const uploadError = clientError ?? result?.errors?.photos ?? (result?.error && !result.photoId ? result.error : undefined);

  function checkFiles(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("photos") as HTMLInputElement;
    const files = [...(input.files ?? [])];
    const problem =
      files.length === 0 ? "请选择要上传的图片"
      : files.length > Math.min(left, PHOTOS_PER_REQUEST) ? `这次最多还能上传 ${Math.min(left, PHOTOS_PER_REQUEST)} 张`
      : files.some((f) => f.size > FILE_MAX_BYTES) ? "有图片超过 10 MB"
      : null;
    setClientError(problem);
    if (problem) event.preventDefault();
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <div>
        <Link to={`/coop/products/${product.slug}`} className="text-sm text-brand-700 hover:underline">← {product.name}</Link>
        <h1 className="text-2xl font-bold">商品图片</h1>
        <p className="text-sm text-stone-600">最多 {MAX_PHOTOS_PER_PRODUCT} 张，JPEG、PNG 或 WebP，每张不超过 10 MB、4000 万像素。第一张是商品卡片上的主图。上传时会自动去掉照片里的拍摄位置信息，并生成适合手机和电脑的尺寸。请用实拍图，买家收到的货应与图片一致。</p>
      </div>

      {left > 0 ? (
        <Form method="post" encType="multipart/form-data" onSubmit={checkFiles} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
          <label htmlFor="photos" className="block text-sm font-medium">选择图片（还能上传 {left} 张，一次最多 {PHOTOS_PER_REQUEST} 张）</label>
          <input id="photos" name="photos" type="file" accept={PHOTO_ACCEPT} multiple aria-invalid={Boolean(uploadError)} aria-describedby={uploadError ? "photos-error" : undefined} className="block w-full text-sm" />
          <label htmlFor="alt" className="block text-sm font-medium">图片描述（选填，给看不见图片的买家）</label>
          <input id="alt" name="alt" className={inputClass} placeholder={`如：${product.name}实拍`} />
          {uploadError ? <p id="photos-error" role="alert" className="text-sm text-red-700">{uploadError}</p> : null}
          <button className={buttonClass} disabled={navigation.state === "submitting"}>{navigation.state === "submitting" ? "上传中…" : "上传"}</button>
        </Form>
      ) : (
        <p className="text-sm text-stone-600">已有 {MAX_PHOTOS_PER_PRODUCT} 张图片，删除一张后才能再上传。</p>
      )}

      <ol className="grid gap-4 sm:grid-cols-2">
        {photos.map((p, i) => {
          const mine = result?.photoId === p.id ? result : undefined;
          return (
            <li key={p.id} className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
              <ProductPhoto image={p} sizes="(min-width: 640px) 22rem, 100vw" className="aspect-[4/3] w-full rounded object-cover" />
              <p className="text-xs text-stone-500">第 {i + 1} 张{i === 0 ? "（主图）" : ""} · {p.width}×{p.height}</p>
              <ValidatedForm key={p.alt} schema={photoAltSchema} server={mine} defaults={{ photoId: p.id, alt: p.alt }} encType="multipart/form-data" className="space-y-1">
                {(form) => (
                  <>
                    <div className="flex gap-2">
                      <input type="hidden" name="intent" value="alt" />
                      <input type="hidden" {...form.register("photoId")} />
                      <label htmlFor={`alt-${p.id}`} className="sr-only">第 {i + 1} 张的描述</label>
                      <input id={`alt-${p.id}`} aria-invalid={Boolean(fieldError(form, "alt"))} className={inputClass} {...form.register("alt")} />
                      <button className="rounded border px-2 text-sm">保存</button>
                    </div>
                    {fieldError(form, "alt") ? <p role="alert" className="text-sm text-red-700">{fieldError(form, "alt")}</p> : null}
                  </>
                )}
              </ValidatedForm>
              <div className="flex flex-wrap gap-2 text-sm">
                {(["up", "down"] as const).map((direction) => (
                  <Form key={direction} method="post" encType="multipart/form-data">
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="photoId" value={p.id} />
                    <button name="direction" value={direction} disabled={direction === "up" ? i === 0 : i === photos.length - 1} className="rounded border px-2 py-1 disabled:opacity-40">
                      {direction === "up" ? "前移" : "后移"}
                    </button>
                  </Form>
                ))}
                <Form method="post" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="photoId" value={p.id} />
                  <button className="rounded border border-red-300 px-2 py-1 text-red-700">删除</button>
                </Form>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `图片 · ${data?.product.name ?? "商品"} · 合作社` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
