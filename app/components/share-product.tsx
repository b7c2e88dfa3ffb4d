import { useState } from "react";

/**
 * 分享: the product's link to copy and a QR code to scan (WeChat, a phone camera). The QR image is a
 * separate request (/products/<slug>/qr.svg) loaded only when the panel opens, so the page stays light.
 */
export function ShareProduct({ url, slug, name }: { url: string; slug: string; name: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <details className="group text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="inline-flex min-h-11 cursor-pointer list-none items-center gap-1 rounded border border-stone-300 px-3 text-stone-700 hover:bg-stone-100">
        <span aria-hidden="true">⤴</span>分享
      </summary>
      <div className="mt-2 w-72 max-w-[calc(100vw-2rem)] space-y-2 rounded-lg border border-stone-200 bg-white p-3 shadow">
        <label className="block text-xs text-stone-600" htmlFor={`share-${slug}`}>
          商品链接
        </label>
        <div className="flex gap-2">
          <input id={`share-${slug}`} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded border border-stone-300 px-2 py-2 text-xs" />
          <button
            type="button"
            className="min-h-11 shrink-0 rounded bg-brand-600 px-3 text-white"
            onClick={() => {
              navigator.clipboard?.writeText(url).then(
                () => setCopied("yes"),
                () => setCopied("no"),
              ) ?? setCopied("no");
            }}
          >
            复制
          </button>
        </div>
        <p role="status" className="text-xs text-stone-600">
          {copied === "yes" ? "链接已复制" : copied === "no" ? "请长按链接手动复制" : null}
        </p>
        {/* without JavaScript onToggle never fires, so the image is there from the start */}
        <noscript>
          <img src={`/products/${slug}/qr.svg`} alt={`${name} 的二维码`} width={160} height={160} className="mx-auto h-40 w-40" />
        </noscript>
        {open ? <img src={`/products/${slug}/qr.svg`} alt={`${name} 的二维码`} width={160} height={160} className="mx-auto h-40 w-40" /> : null}
        <p className="text-center text-xs text-stone-500">微信或手机相机扫码打开</p>
      </div>
    </details>
  );
}
