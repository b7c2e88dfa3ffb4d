// The query compiler module Prisma's generated client loads (app/generated/prisma/internal/class.ts);
// app/lib/prisma-plans.server.ts wraps its two methods. Not in @prisma/client's own types.
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export class QueryCompiler {
    compile(json: string): unknown;
    compileBatch(json: string): unknown;
  }
}
