// Prisma's query compiler (engineType "client") turns each query's JSON into a plan, in WebAssembly,
// on every call: 6.19 keeps nothing. In the rush that was about a sixth of the server's CPU, and two
// thirds of those compiles were of a JSON it had compiled before (catalogue reads, sessions, the
// same select for the same id). A plan depends only on the JSON and the schema, so each compiler
// keeps its most recent plans by their exact JSON — values included, so no plan is generalised to
// other values — and freezes them, so that running a plan can never change one another query will
// run (the runtime is strict mode: a write would throw, not pass unseen). Decision 0016.
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";

/** Plans kept per compiler (PRISMA_PLAN_CACHE; 0 turns the cache off). */
const LIMIT = Number(process.env.PRISMA_PLAN_CACHE ?? 2000);
/** A query this long (a long `in` list, a big insert) is not worth keeping. */
const LONGEST_KEY = 20_000;

export const planCacheStats = { hits: 0, misses: 0 };

type Compile = (this: QueryCompiler, json: string) => unknown;
const caches = new WeakMap<QueryCompiler, Map<string, unknown>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** `compile` that answers a JSON it has compiled before (per compiler) with the frozen plan it kept. */
export function remembering(kind: string, compile: Compile): Compile {
  return function (this: QueryCompiler, json: string) {
    let plans = caches.get(this);
    if (!plans) caches.set(this, (plans = new Map()));
    const key = kind + json;
    const hit = plans.get(key);
    if (hit !== undefined) {
      planCacheStats.hits += 1;
      plans.delete(key); // most recently used last
      plans.set(key, hit);
      return hit;
    }
    planCacheStats.misses += 1;
    const plan = compile.call(this, json);
    if (LIMIT > 0 && key.length <= LONGEST_KEY) {
      plans.set(key, deepFreeze(plan));
      if (plans.size > LIMIT) plans.delete(plans.keys().next().value as string);
    }
    return plan;
  };
}

const proto = QueryCompiler.prototype as QueryCompiler & { __plansKept?: true };

/** Wraps the compiler's two methods, once per process (db.server.ts calls it before the client exists). */
export function keepQueryPlans() {
  if (proto.__plansKept) return;
  proto.compile = remembering("q", proto.compile);
  proto.compileBatch = remembering("b", proto.compileBatch);
  proto.__plansKept = true;
}

/** Whether the compiler the Prisma client loads is the one wrapped here (the test checks it). */
export function planCacheInstalled(): boolean {
  return proto.__plansKept === true;
}
