import { Link } from "~/components/link";
import type { StoreContact } from "~/models/store/contact.server";

// The footer every page carries: who runs the store, how to reach a person, the terms shoppers
// agree to, and the ICP filing number, which must link to the MIIT lookup on any site served in
// mainland China. Without root data (an error page) it keeps the links and drops the contact.

const ICP_LOOKUP_URL = "https://beian.miit.gov.cn/";

const LINKS = [
  ["/about", "关于我们"],
  ["#contact", "联系客服"],
  ["/legal/terms", "用户协议"],
  ["/legal/privacy", "隐私政策"],
  ["/impact", "帮扶成效"],
  ["/coop/apply", "合作社、企业供货入驻"],
] as const;

// The article's three schemes, by the names people know them from.
const SCHEMES = [
  ["/trees", "我有一棵树 · 果树认养"],
  ["/tours", "鹭岛万人游临夏"],
  ["/presales", "订单农业预售"],
] as const;

const linkClass = "inline-flex min-h-11 items-center px-2 underline underline-offset-2 hover:text-brand-700";

export function SiteFooter({ contact }: { contact: StoreContact | null | undefined }) {
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white py-6 text-sm text-stone-600">
      <div className="mx-auto max-w-6xl space-y-3 px-4 text-center">
        <nav aria-label="关于本站" className="flex flex-wrap justify-center gap-x-2">
          {LINKS.map(([to, label]) =>
            to.startsWith("#") ? (
              <a key={to} href={to} className={linkClass}>
                {label}
              </a>
            ) : (
              <Link key={to} to={to} className={linkClass}>
                {label}
              </Link>
            ),
          )}
        </nav>
        <nav aria-label="帮扶项目" className="flex flex-wrap justify-center gap-x-2">
          {SCHEMES.map(([to, label]) => (
            <Link key={to} to={to} className={linkClass}>
              {label}
            </Link>
          ))}
        </nav>
        {contact ? (
          <p id="contact" className="leading-7">
            联系客服：热线{" "}
            <a href={`tel:${contact.hotline.replace(/[^\d+]/g, "")}`} className="font-medium underline underline-offset-2">
              {contact.hotline}
            </a>
            <span className="mx-1">·</span>
            {contact.hours}
            <span className="mx-1">·</span>
            邮箱{" "}
            <a href={`mailto:${contact.email}`} className="font-medium underline underline-offset-2">
              {contact.email}
            </a>
          </p>
        ) : null}
        <p className="text-xs text-stone-500">陇货通 · 东西部协作消费帮扶平台 · 甘货进津 · 陇货入闽 · 陇货入鲁 · 每一笔销售计入产地县、供货合作社与脱贫户</p>
        {contact ? (
          <p className="text-xs">
            <a href={ICP_LOOKUP_URL} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center underline underline-offset-2">
              {contact.icpNumber}
            </a>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
