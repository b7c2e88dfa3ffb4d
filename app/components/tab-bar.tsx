import { NavLink } from "~/components/link";
import type { ReactNode } from "react";

// Line icons drawn inline (a few hundred bytes, no icon package): house, grid, cart, person.
const ICONS: Record<string, ReactNode> = {
  home: <path d="M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" />,
  categories: <path d="M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" />,
  cart: <path d="M3 4h2l2.4 11h10.2L20 7H6.2M9 20a1 1 0 1 0 0-.1M17 20a1 1 0 1 0 0-.1" />,
  me: <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" />,
};

/**
 * The phone's bottom tab bar (首页 / 分类 / 购物车 / 我的), as JD and Taobao have taught shoppers to
 * expect; hidden from md up, where the header holds the same links. Its height is --tab-bar-h
 * (app/tailwind.css): the page is padded by it, and the product page's buy bar sits on top of it.
 */
export function TabBar({ cartCount, signedIn }: { cartCount: number; signedIn: boolean }) {
  const tabs = [
    { to: "/", label: "首页", icon: "home", end: true },
    { to: "/categories", label: "分类", icon: "categories" },
    { to: "/cart", label: "购物车", icon: "cart", badge: cartCount },
    { to: signedIn ? "/account" : "/login", label: "我的", icon: "me" },
  ];
  return (
    <nav aria-label="底部导航" data-testid="tab-bar" className="fixed inset-x-0 bottom-0 z-40 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden">
      <ul className="grid h-14 grid-cols-4">
        {tabs.map((t) => (
          <li key={t.label}>
            <NavLink
              to={t.to}
              end={t.end}
              prefetch="intent"
              className={({ isActive }) => `flex h-full flex-col items-center justify-center gap-0.5 text-xs ${isActive ? "font-semibold text-brand-700" : "text-stone-700"}`}
            >
              <span className="relative">
                <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 fill-none stroke-current" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
                  {ICONS[t.icon]}
                </svg>
                {t.badge ? (
                  <span className="absolute -right-3 -top-1 rounded-full bg-brand-600 px-1.5 text-[0.65rem] leading-4 text-white">
                    {t.badge}
                  </span>
                ) : null}
              </span>
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
