import { Form } from "@remix-run/react";
import { Link, NavLink } from "~/components/link";
import { SearchForm } from "~/components/search-form";
import { ROLE_LABELS } from "~/models/accounts/roles";
import type { Role } from "~/models/accounts/roles";

export interface HeaderData {
  user: { name: string; roles: Role[] } | null;
  halls: { slug: string; city: string }[];
  cartCount: number;
}

// Every link a finger may hit is at least 44 px tall on a phone (WCAG 2.5.5); a desktop keeps the
// compact row.
// (no display here: a link shown only from md up says "hidden md:inline-flex" without a clash)
const link = "min-h-11 items-center whitespace-nowrap rounded px-2 hover:bg-stone-100 hover:underline md:min-h-0 md:py-1";
const shown = `inline-flex ${link}`;

/**
 * The site header. On a phone: the logo and a search box across the width, then one row that
 * scrolls sideways with the halls and the signed-in shopper's places (the cart and 我的 are in the
 * bottom tab bar). On a desktop: one row. The search box is <HeaderSearch>, its own component.
 */
export function SiteHeader({ data }: { data: HeaderData | undefined }) {
  const user = data?.user;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 md:flex-nowrap md:gap-x-6 md:py-3">
        <Link to="/" className="inline-flex min-h-11 shrink-0 items-center text-xl font-bold text-brand-700 md:min-h-0">
          陇货通
        </Link>
        <HeaderSearch />
        <div className="order-last -mx-2 flex w-[calc(100%+1rem)] items-center overflow-x-auto text-sm md:order-none md:mx-0 md:w-auto md:flex-1 md:overflow-visible">
          <nav aria-label="体验馆">
            <ul className="flex items-center md:gap-1">
              {data?.halls.map((h) => (
                <li key={h.slug}>
                  <NavLink to={`/halls/${h.slug}`} prefetch="intent" className={({ isActive }) => `${shown} ${isActive ? "bg-brand-100 text-brand-700" : ""}`}>
                    {h.city}馆
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <span aria-hidden className="mx-1 h-5 border-l border-stone-200 md:hidden" />
          <div className="flex items-center md:ml-auto md:gap-1">
            <Link to="/cart" className={`hidden md:inline-flex ${link}`}>
              购物车{data?.cartCount ? <span className="ml-1 rounded-full bg-brand-600 px-1.5 text-xs text-white">{data.cartCount}</span> : null}
            </Link>
            {user ? (
              <>
                <Link to="/account" className={`hidden md:inline-flex ${link}`} title={user.roles.map((r) => ROLE_LABELS[r]).join("、")}>
                  您好，{user.name}
                </Link>
                <Link to="/orders" className={shown}>
                  我的订单
                </Link>
                <Link to="/favorites" className={shown}>
                  收藏
                </Link>
                <Link to="/account/notifications" className={`hidden lg:inline-flex ${link}`}>
                  通知设置
                </Link>
                {/* Members go to their organisation; anyone else is offered registration there. */}
                <Link to="/org" className={shown}>
                  单位采购
                </Link>
                {user.roles.includes("coop_manager") ? (
                  <Link to="/coop" className={shown}>
                    合作社
                  </Link>
                ) : null}
                {user.roles.includes("county_reviewer") ? (
                  <Link to="/county/applications" className={shown}>
                    县级推荐
                  </Link>
                ) : null}
                {user.roles.includes("staff") ? (
                  <Link to="/admin" className={shown}>
                    管理后台
                  </Link>
                ) : null}
                <Form method="post" action="/logout">
                  <button type="submit" className={`${shown} text-stone-600`}>
                    退出
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login" className={shown}>
                  登录
                </Link>
                <Link to="/signup" className={shown}>
                  注册
                </Link>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}

/** The header's product search (GET /search?q=): as wide as the phone allows, 44 px tall there. */
export function HeaderSearch() {
  return (
    <div className="min-w-0 flex-1 md:max-w-xs">
      <SearchForm id="site-search" placeholder="搜索：花牛 / huaniu / hnpg" />
    </div>
  );
}
