import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { SearchForm } from "~/components/search-form";
import { SiteFooter } from "~/components/site-footer";
import { ROLE_LABELS } from "~/models/accounts/roles";
import { cartBadgeCount } from "~/models/orders/cart.server";
import { listHalls } from "~/models/catalog/hall.server";
import { storeContact, type StoreContact } from "~/models/store/contact.server";
import { getSession, getUser, sessionStorage } from "~/session.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "陇货通 · 甘肃消费帮扶特色产品" },
  { name: "description", content: "甘肃脱贫县特色农产品，经天津、厦门、福州、青岛四地体验馆直达东部，每一笔销售都计入产地县和脱贫户。" },
];

// Every page is personal unless its route says otherwise: routes without their own `headers`
// inherit this one (public catalogue pages export loaderCacheHeaders and choose per request).
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, halls, session] = await Promise.all([getUser(request), listHalls(), getSession(request)]);
  const flash = session.get("flash") as string | undefined;
  const cartCount = await cartBadgeCount(request, user?.id ?? null);
  return json(
    {
      user: user && { name: user.name, roles: user.roles },
      halls: halls.map((h) => ({ slug: h.slug, city: h.city.name, slogan: h.slogan })),
      flash: flash ?? null,
      cartCount,
      contact: storeContact(),
    },
    flash ? { headers: { "Set-Cookie": await sessionStorage.commitSession(session) } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-stone-50 text-stone-900">
        <SiteHeader data={data} />
        {data?.flash ? (
          <div role="status" className="bg-emerald-50 px-4 py-2 text-center text-sm text-emerald-800">
            {data.flash}
          </div>
        ) : null}
        <main className="flex-1">{children}</main>
        <SiteFooter contact={data?.contact} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> | undefined }) {
  const user = data?.user;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-700">
          陇货通
        </Link>
        <nav aria-label="体验馆" className="order-3 flex w-full gap-1 overflow-x-auto text-sm sm:order-none sm:w-auto">
          {data?.halls.map((h) => (
            <NavLink
              key={h.slug}
              to={`/halls/${h.slug}`}
              prefetch="intent"
              className={({ isActive }) =>
                `whitespace-nowrap rounded px-2 py-1 ${isActive ? "bg-brand-100 text-brand-700" : "hover:bg-stone-100"}`
              }
            >
              {h.city}馆
            </NavLink>
          ))}
        </nav>
        <SearchForm id="site-search" placeholder="搜索：花牛 / huaniu / hnpg" />
        <div className="flex items-center gap-3 text-sm">
          <Link to="/cart" className="hover:underline">
            购物车{data?.cartCount ? <span className="ml-1 rounded-full bg-brand-600 px-1.5 text-xs text-white">{data.cartCount}</span> : null}
          </Link>
          {user ? (
            <>
              <Link to="/account" className="hover:underline" title={user.roles.map((r) => ROLE_LABELS[r]).join("、")}>
                您好，{user.name}
              </Link>
              <Link to="/orders" className="hover:underline">
                我的订单
              </Link>
              {/* On a phone the header has no room; /orders links to the same page. */}
              <Link to="/account/notifications" className="hidden hover:underline md:inline">
                通知设置
              </Link>
              {/* Members go to their organisation; anyone else is offered registration there. */}
              <Link to="/org" className="hover:underline">
                单位采购
              </Link>
              {user.roles.includes("coop_manager") ? (
                <Link to="/coop" className="hover:underline">
                  合作社
                </Link>
              ) : null}
              {user.roles.includes("county_reviewer") ? (
                <Link to="/county/applications" className="hover:underline">
                  县级推荐
                </Link>
              ) : null}
              {user.roles.includes("staff") ? (
                <Link to="/admin" className="hover:underline">
                  管理后台
                </Link>
              ) : null}
              <Form method="post" action="/logout">
                <button type="submit" className="text-stone-600 hover:underline">
                  退出
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="hover:underline">
                登录
              </Link>
              <Link to="/signup" className="hover:underline">
                注册
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
