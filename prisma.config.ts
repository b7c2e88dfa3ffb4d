import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { databaseConfig } from "./app/lib/database-url";

// Prisma 6.19's JavaScript schema engine works offline; the adapter decides which database
// (embedded file or libSQL server) the CLI migrates, from the same DATABASE_URL as the app.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaLibSQL(databaseConfig());
  },
  migrations: { seed: "tsx prisma/seed.ts" },
});
