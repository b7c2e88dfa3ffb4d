import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { SiteHeader } from "~/components/site-header";
import { SiteFooter } from "~/components/site-footer";
import { TabBar } from "~/components/tab-bar";
import { cartBadgeCount, findCart } from "~/models/orders/cart.server";
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
      <body className="flex min-h-screen flex-col bg-stone-50 pb-[var(--tab-bar-h)] text-stone-900">
        <SiteHeader data={data} />
        {data?.flash ? (
          <div role="status" className="bg-emerald-50 px-4 py-2 text-center text-sm text-emerald-800">
            {data.flash}
          </div>
        ) : null}
        <main className="flex-1">{children}</main>
        <SiteFooter contact={data?.contact} />
        <TabBar cartCount={data?.cartCount ?? 0} signedIn={Boolean(data?.user)} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
