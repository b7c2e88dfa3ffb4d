import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/db.server";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers 200 with ok after asking the database", async () => {
    const spy = vi.spyOn(prisma, "$queryRawUnsafe");
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: "up" });
    expect(spy).toHaveBeenCalled();
  });

  it("answers 503 when the database is unreachable", async () => {
    vi.spyOn(prisma, "$queryRawUnsafe").mockRejectedValue(new Error("SQLITE_CANTOPEN: unable to open database file"));
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false });
  });
});
