// On the server, Link and the 收藏 heart skip the router's per-element work and draw their markup
// directly (decision 0016, third pass). The browser renders Remix's own components, which hydrate
// onto that markup — so it must be exactly what they draw, for every kind of props the app passes.
import { createRemixStub } from "@remix-run/testing";
import { Link as RemixLink, NavLink as RemixNavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { LiveFavoriteButton, ServerFavoriteButton } from "~/components/favorite-button";
import { Link, NavLink } from "~/components/link";

// the stub's RouterProvider uses layout effects, which React warns about when rendering to a string
beforeAll(() => {
  const error = console.error;
  vi.spyOn(console, "error").mockImplementation((...args) => (String(args[0]).includes("useLayoutEffect does nothing on the server") ? undefined : error(...args)));
});

function render(element: ReactNode, at = "/halls/tianjin?county=qinan&page=2") {
  const Stub = createRemixStub([{ path: "*", Component: () => <>{element}</> }]);
  return renderToString(<Stub initialEntries={[at]} />);
}

const LINKS: Parameters<typeof Link>[0][] = [
  { to: "/products/qinan-mitao", prefetch: "intent", className: "group block", children: <span>秦安蜜桃</span> },
  { to: "/halls/tianjin?category=fruit&page=2", className: "rounded-full" },
  { to: "/", className: "text-xl", children: "陇货通" },
  { to: "/cart/", children: "购物车" },
  { to: "/a/./b/../c?x=1#top", children: "normalised" },
  { to: "/trees", rel: "next", title: "果树认养", "aria-label": "全部果园", target: "_blank", children: "全部果园" },
  { to: "/legal/terms", discover: "none", children: "用户协议" },
  { to: "/login?redirectTo=%2Fhalls%2Ftianjin%3Fcounty%3Dqinan", tabIndex: -1, onClick: () => undefined, children: "登录" },
  { to: "/search?", children: "a bare question mark" },
  { to: "#contact", children: "联系客服" },
  { to: "products/qinan-mitao", children: "a relative path" },
  { to: { pathname: "/counties/qinan", search: "?page=2" }, children: "an object" },
  { to: "/logout", reloadDocument: true, children: "退出" },
];

const tab = ({ isActive }: { isActive: boolean }) => `flex h-full ${isActive ? "font-semibold text-brand-700" : "text-stone-700"}`;
const NAV_LINKS: Parameters<typeof NavLink>[0][] = [
  { to: "/halls/tianjin", prefetch: "intent", className: tab, children: "天津馆" },
  { to: "/halls/xiamen", prefetch: "intent", className: tab, children: "厦门馆" },
  { to: "/halls", className: tab, children: "an ancestor" },
  { to: "/halls", end: true, className: tab, children: "an ancestor, end" },
  { to: "/", end: true, className: tab, children: "首页" },
  { to: "/", className: tab, children: "the root without end" },
  { to: "/HALLS/Tianjin", className: "plain", children: "case and a plain class" },
  { to: "/halls/tianjin/", className: "plain", "aria-current": "location", children: "a trailing slash" },
  { to: "/halls/tianjin?county=qinan", style: ({ isActive }) => ({ fontWeight: isActive ? 700 : 400 }), children: "a search and a style" },
  { to: "/halls/tian", children: "a prefix that is not a parent" },
  { to: "/halls/%E5%A4%A9", children: "encoded" },
  { to: "/halls/tianjin", caseSensitive: true, children: "case-sensitive" },
  { to: "/halls/tianjin", children: ({ isActive }) => (isActive ? "here" : "there") },
];

describe("server markup", () => {
  it("a NavLink draws what Remix's NavLink draws, active or not", () => {
    for (const at of ["/halls/tianjin?county=qinan&page=2", "/halls/tianjin/x", "/halls/xiamen", "/"])
      for (const props of NAV_LINKS) {
        const Stub = (p: { nav: typeof NavLink | typeof RemixNavLink }) => <p.nav {...props} />;
        expect(render(<Stub nav={NavLink} />, at), `${JSON.stringify(props.to)} at ${at}`).toBe(render(<Stub nav={RemixNavLink} />, at));
      }
    expect(render(<NavLink {...NAV_LINKS[0]} />)).toContain('aria-current="page" class="flex h-full font-semibold text-brand-700"');
  });

  it("a Link draws what Remix's Link draws", () => {
    for (const props of LINKS) expect(render(<Link {...props} />), JSON.stringify(props.to)).toBe(render(<RemixLink {...props} />));
    expect(render(<Link {...LINKS[0]} />)).toBe('<a class="group block" data-discover="true" href="/products/qinan-mitao"><span>秦安蜜桃</span></a>');
  });

  it("the 收藏 heart draws what its fetcher form draws before hydration", () => {
    for (const signedIn of [true, false])
      for (const saved of [true, false])
        for (const compact of [true, false]) {
          const props = { slug: "qinan-mitao", name: "秦安蜜桃", saved, signedIn, compact };
          const html = render(<ServerFavoriteButton {...props} />);
          expect(html, JSON.stringify(props)).toBe(render(<LiveFavoriteButton {...props} />));
          expect(html).toContain(signedIn ? 'value="/halls/tianjin?county=qinan&amp;page=2"' : "redirectTo=%2Fhalls%2Ftianjin%3Fcounty%3Dqinan%26page%3D2");
        }
  });
});
