import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseConfig } from "~/lib/database-url";

// One client per process, kept across dev rebuilds (remix dev re-imports modules).
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

function createClient() {
  return new PrismaClient({ adapter: new PrismaLibSQL(databaseConfig()) });
}

export const prisma = globalForPrisma.__prisma ?? createClient();
globalForPrisma.__prisma = prisma;

export type { PrismaClient };
/** The client handed to an interactive transaction's callback. */
export type Tx = Prisma.TransactionClient;
