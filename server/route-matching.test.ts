// Route matching with our patch of @remix-run/router (patches/, decision 0016 third pass): ranked
// branches and compiled paths are reused across requests, yet every match must still be the one
// upstream gives, made of the caller's own route objects.
import fs from "node:fs";
import { createRequire } from "node:module";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { createStaticHandler, createStaticRouter, type StaticHandlerContext } from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const tree = (): AgnosticRouteObject[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "hall", path: "halls/:slug" },
      { id: "hall-new", path: "halls/new" },
      { id: "orders", path: "orders", children: [{ id: "orders-index", index: true }, { id: "order", path: ":number" }] },
      { id: "lang", path: ":lang?/about" },
      { id: "files", path: "files/*" },
    ],
  },
];
const ids = (routes: AgnosticRouteObject[], path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching (patched)", () => {
  it("is installed: npm install applies patches/ to the router the server loads", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    expect(fs.readFileSync(file, "utf8")).toContain("rankedBranchesFor");
    const remixServer = createRequire(import.meta.url).resolve("@remix-run/react/dist/server.js");
    expect(fs.readFileSync(remixServer, "utf8")).toContain("serverRoutesOf");
    const routerDom = createRequire(import.meta.url).resolve("react-router-dom/server");
    expect(fs.readFileSync(routerDom, "utf8")).toContain("dataRoutesByTree");
  });

  it.each(["first", "again (each path's branch remembered)"])("ranks as upstream: static before dynamic, index routes, optional segments, splats — %s", () => {
    const routes = tree();
    expect(ids(routes, "/halls/new")).toEqual(["root", "hall-new"]);
    expect(ids(routes, "/halls/tianjin")).toEqual(["root", "hall"]);
    expect(ids(routes, "/orders")).toEqual(["root", "orders", "orders-index"]);
    expect(ids(routes, "/orders/LH-1")).toEqual(["root", "orders", "order"]);
    expect(ids(routes, "/about")).toEqual(["root", "lang"]);
    expect(ids(routes, "/en/about")).toEqual(["root", "lang"]);
    expect(matchRoutes(routes, "/files/a/b")?.at(-1)?.params).toEqual({ "*": "a/b" });
    expect(matchRoutes(routes, "/HALLS/Tianjin")?.at(-1)?.params).toEqual({ slug: "Tianjin" });
    expect(ids(routes, "/nowhere/at/all")).toBeNull();
    expect(matchRoutes(routes, "/halls/xiamen")?.at(-1)?.params).toEqual({ slug: "xiamen" });
  });

  it("returns the caller's own route objects when another copy of the same tree was matched first", () => {
    const first = tree();
    const second = tree();
    matchRoutes(first, "/orders/LH-1");
    const matched = matchRoutes(second, "/orders/LH-1")!;
    const orders = second[0].children![3];
    expect(matched.map((m) => m.route)).toEqual([second[0], orders, orders.children![1]]);
    expect(matched[1].route).toBe(orders);
    expect(matched[1].route).not.toBe(first[0].children![3]);
  });

  it("a tree of another shape under the same ids is ranked afresh", () => {
    const moved = tree();
    moved[0].children![1] = { id: "hall", path: "pavilions/:slug" };
    expect(ids(tree(), "/halls/tianjin")).toEqual(["root", "hall"]);
    expect(ids(moved, "/halls/tianjin")).toBeNull();
    expect(ids(moved, "/pavilions/tianjin")).toEqual(["root", "hall"]);
  });

  it("the server's router converts a tree once, yet each request's matches are its own", async () => {
    const routes = tree();
    const handler = createStaticHandler(routes);
    const context = async (path: string) => (await handler.query(new Request(`http://shop.test${path}`))) as StaticHandlerContext;
    const [hall, order] = [await context("/halls/tianjin"), await context("/orders/LH-1")];
    const first = createStaticRouter(routes, hall);
    const second = createStaticRouter(routes, order);
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches.map((m) => [m.route.id, m.params])).toEqual([["root", { slug: "tianjin" }], ["hall", { slug: "tianjin" }]]);
    expect(second.state.matches.map((m) => m.route.id)).toEqual(["root", "orders", "order"]);
    expect(second.state.matches[2].params).toEqual({ number: "LH-1" });
    // the matches point into the converted tree the router renders from
    expect(second.state.matches[1].route).toBe(second.routes[0].children![3]);
    // another tree (a new build) is converted afresh
    expect(createStaticRouter(tree(), hall).routes).not.toBe(first.routes);
  });
});
