import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { planCacheInstalled, planCacheStats, remembering } from "~/lib/prisma-plans.server";
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { makeUser } from "../factories";

// The query plans Prisma compiles are kept by their exact JSON (app/lib/prisma-plans.server.ts):
// a repeated query skips the compiler, a query with other values gets its own plan, and the kept
// plans cannot be changed by running them.

const counts = () => ({ ...planCacheStats });

describe("kept query plans", () => {
  it("wraps the compiler the client really uses", async () => {
    expect(planCacheInstalled()).toBe(true);
    const before = counts();
    await prisma.user.count({ where: { email: "nobody@example.test" } });
    expect(planCacheStats.hits + planCacheStats.misses).toBe(before.hits + before.misses + 1);
  });

  it("compiles a query once, and the same shape with other values again, each answering its own rows", async () => {
    const [a, b] = [await makeUser(prisma, { name: "甲" }), await makeUser(prisma, { name: "乙" })];
    const find = (id: string) => prisma.user.findUnique({ where: { id }, select: { name: true } });
    const first = counts();
    expect(await find(a.id)).toEqual({ name: "甲" });
    expect(planCacheStats.misses).toBe(first.misses + 1);
    expect(await find(a.id)).toEqual({ name: "甲" });
    expect(planCacheStats).toMatchObject({ hits: first.hits + 1, misses: first.misses + 1 });
    expect(await find(b.id)).toEqual({ name: "乙" });
    expect(planCacheStats.misses).toBe(first.misses + 2);
    // a kept plan with relations, run again after rows changed, reads the rows as they are now
    await prisma.user.update({ where: { id: a.id }, data: { name: "甲改" } });
    expect(await find(a.id)).toEqual({ name: "甲改" });
  });

  it("keeps transactions' batches too, and their results stay right", async () => {
    const user = await makeUser(prisma, { name: "丙" });
    const batch = () => prisma.$transaction([prisma.user.findUnique({ where: { id: user.id }, select: { name: true } }), prisma.user.count({ where: { id: user.id } })]);
    expect(await batch()).toEqual([{ name: "丙" }, 1]);
    const before = counts();
    expect(await batch()).toEqual([{ name: "丙" }, 1]);
    expect(planCacheStats.misses).toBe(before.misses);
  });

  it("freezes what it keeps, per compiler, and does not keep a very long query", () => {
    let compiled = 0;
    const compile = remembering("t", () => ({ n: ++compiled, args: { values: ["x"] } }));
    const [one, two] = [{}, {}] as unknown as QueryCompiler[];
    const plan = compile.call(one, '{"q":1}') as { n: number; args: { values: string[] } };
    expect(compile.call(one, '{"q":1}')).toBe(plan);
    expect(compiled).toBe(1);
    expect(Object.isFrozen(plan.args.values)).toBe(true);
    expect(() => plan.args.values.push("y")).toThrow(TypeError);
    expect(compile.call(one, '{"q":2}')).toMatchObject({ n: 2 });
    expect(compile.call(two, '{"q":1}')).toMatchObject({ n: 3 });
    const long = JSON.stringify({ in: "x".repeat(30_000) });
    compile.call(one, long);
    compile.call(one, long);
    expect(compiled).toBe(5);
  });
});
