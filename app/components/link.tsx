import { createPath, Link as RemixLink, NavLink as RemixNavLink, resolvePath, useLocation, type LinkProps, type NavLinkProps } from "@remix-run/react";
import { createElement, forwardRef } from "react";

// Remix's <Link> costs about 7 µs of server CPU each (it resolves its path three times against the
// route matches and sets up prefetch state), against 0.4 µs for the <a> it renders — and a signed-in
// hall page carries about 90 of them (decision 0016, third pass). On the server, where a link is only
// its markup, a link to an absolute path renders that <a> directly: the href Remix would compute
// and the same attributes. In the browser it is Remix's Link, which hydrates onto the same markup
// and keeps client-side navigation and prefetching. tests/integration/server-markup.test.tsx
// holds the server markup to Remix's for the props the app uses; anything else (relative paths,
// objects, reloadDocument) goes to Remix's Link on both sides. NavLink likewise.
const onServer = typeof document === "undefined";

/** Remix's Link, rendered on the server without its per-link routing work. Use it instead of Remix's. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(props, ref) {
  const href = onServer ? serverHref(props) : null;
  if (href === null) return <RemixLink ref={ref} {...props} />;
  const attributes = anchorAttributes(props, LINK_ONLY);
  attributes["data-discover"] = props.discover === "none" ? undefined : "true";
  attributes.href = href;
  attributes.target = props.target;
  return createElement("a", attributes);
});

/** Remix's NavLink, likewise: on the server its <a> with the class and aria-current it would get. */
export const NavLink = forwardRef<HTMLAnchorElement, NavLinkProps>(function NavLink(props, ref) {
  const href = onServer && typeof props.children !== "function" && !props.caseSensitive ? serverHref(props) : null;
  const here = useLocation().pathname.toLowerCase();
  // "active" compares with the encoded pathname: plain characters only, others go to Remix's NavLink
  const to = href?.replace(/[?#].*$/, "").toLowerCase();
  if (href === null || to === undefined || !/^[a-z0-9\-._~/]*$/.test(to)) return <RemixNavLink ref={ref} {...props} />;
  const slashAt = to !== "/" && to.endsWith("/") ? to.length - 1 : to.length;
  const isActive = here === to || (!props.end && here.startsWith(to) && here.charAt(slashAt) === "/");
  const state = { isActive, isPending: false, isTransitioning: false };
  const { className = "", style } = props;
  // in the order Remix's NavLink and React Router's put them on the <a>
  const attributes = anchorAttributes(props, NAV_LINK_ONLY);
  attributes["data-discover"] = props.discover === "none" ? undefined : "true";
  attributes["aria-current"] = isActive ? (props["aria-current"] ?? "page") : undefined;
  attributes.className = typeof className === "function" ? className(state) : [className, isActive ? "active" : null].filter(Boolean).join(" ");
  attributes.style = typeof style === "function" ? style(state) : style;
  attributes.href = href;
  attributes.target = props.target;
  return createElement("a", attributes);
});

// the props Remix's and React Router's links take for themselves rather than put on the <a>
const LINK_ONLY = new Set(["to", "prefetch", "discover", "onClick", "relative", "reloadDocument", "replace", "state", "target", "preventScrollReset", "viewTransition"]);
const NAV_LINK_ONLY = new Set([...LINK_ONLY, "aria-current", "caseSensitive", "className", "end", "style"]);

// (one loop and createElement rather than spreads: this runs for every link of every page)
function anchorAttributes(props: object, taken: Set<string>) {
  const attributes: Record<string, unknown> = {};
  for (const key in props) if (!taken.has(key)) attributes[key] = props[key as keyof typeof props];
  return attributes;
}

/**
 * The href Remix would give an absolute path, or null for what the server leaves to Remix's own
 * link (and for links that prefetch as they render). A path without "//", "/." or "#" and not ending in "?" is its own href; others go through
 * the router's own normalisation.
 */
function serverHref(props: Pick<LinkProps, "to" | "reloadDocument" | "relative" | "prefetch">): string | null {
  const { to } = props;
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || props.reloadDocument || props.relative !== undefined) return null;
  // prefetching on render or in view draws <link> tags beside the <a>: Remix's own link does that
  if (props.prefetch === "render" || props.prefetch === "viewport") return null;
  return /\/\/|\/\.|#|\?$/.test(to) ? createPath(resolvePath(to)) : to;
}
